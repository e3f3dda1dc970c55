import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CompanyEntity,
  ExportEntity,
  WorkItemEntity,
  WorkPriority,
  enqueueOutbox,
  jsonColumn,
  recordExportEvent,
  withDefaults,
  type CompanySettings,
  type ErrorRecord,
  type OutboxWrite,
  type QuickBooksFileInfo,
} from '@qbd/domain';
import { ConnectorMetrics, LOGGER } from '@qbd/platform';
import { QueueClient, type PrepareExportJobData } from '@qbd/queues';
import type { JobHandler } from '../queue/job-handler';
import { linkCustomer } from './customer-links';
import type { LinkClaim } from './customer-plan';
import { buildDocument } from './document-builder';
import type { DocumentParams, LookupParams } from './document-params';
import { checkRenders } from './document-preflight';
import { problemsToError } from './export-errors';
import { failExport, hasActiveWork, lockExport } from './export-outcomes';
import { loadExportReferences } from './export-references';
import { chooseRefNumber } from './ref-number';

export type PrepareResult = 'ready' | 'lookupFirst' | 'failed' | 'waiting' | 'skipped';

export interface PrepareOutcome {
  result: PrepareResult;
  workItemId?: string;
  wakeOutbox?: boolean;
}

/**
 * Errors after which nobody knows whether QuickBooks holds the document: a retry asks
 * QuickBooks first instead of sending it again.
 */
const UNCONFIRMED_CODES = new Set(['EXPORT_SENT_WITHOUT_ANSWER', 'EXPORT_LOOKUP_FAILED']);

/**
 * Builds the QuickBooks document of a pending export and queues it as ONE work item for
 * the company's next Web Connector session. The export row is locked and its status
 * checked in the same transaction as the work item is inserted, so a job delivered twice
 * (or two workers at once) queues one item; an export that is no longer pending is left
 * alone. A task that cannot be billed as it is fails here, before anything is sent.
 */
@Injectable()
export class ExportPreparer implements JobHandler<'prepareExport'> {
  readonly jobName = 'prepareExport' as const;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueClient,
    private readonly metrics: ConnectorMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async handle(job: Job<PrepareExportJobData>): Promise<PrepareOutcome> {
    return this.prepare(job.data.companyId, job.data.exportId);
  }

  async prepare(
    companyId: string,
    exportId: string,
    today = new Date(),
  ): Promise<PrepareOutcome> {
    const outcome = await this.dataSource.transaction((manager) =>
      this.prepareLocked(manager, companyId, exportId, today),
    );
    if (outcome.wakeOutbox) await this.queues.wakeOutbox(companyId);
    if (outcome.result !== 'skipped')
      this.metrics.exports.inc({ result: outcome.result });
    this.logger.info({ companyId, exportId, result: outcome.result }, 'export prepared');
    return outcome;
  }

  private async prepareLocked(
    manager: EntityManager,
    companyId: string,
    exportId: string,
    today: Date,
  ): Promise<PrepareOutcome> {
    const row = await lockExport(manager, exportId);
    if (!row || row.companyId !== companyId || row.status !== 'pending')
      return { result: 'skipped' };
    if (await hasActiveWork(manager, exportId)) return { result: 'skipped' };

    const company = await manager.findOneByOrFail(CompanyEntity, { id: companyId });
    const settings = withDefaults(company.settings);
    if (!company.fileInfo) return this.waitForQuickBooks(manager, row);
    return this.build(manager, row, settings, company.fileInfo, today);
  }

  private async build(
    manager: EntityManager,
    row: ExportEntity,
    settings: CompanySettings,
    fileInfo: QuickBooksFileInfo,
    today: Date,
  ): Promise<PrepareOutcome> {
    const refs = await loadExportReferences(manager, row.companyId, row.snapshot);
    const refNumber =
      settings.numbering === 'taskNumber'
        ? await chooseRefNumber(row.taskNumber, (candidate) =>
            this.isTaken(manager, row, candidate),
          )
        : null;
    const built = buildDocument({
      documentKind: row.documentKind,
      snapshot: row.snapshot,
      externalGuid: row.externalGuid,
      settings,
      fileInfo,
      refs,
      refNumber,
      today: today.toISOString().slice(0, 10),
    });
    if (!built.ok)
      return this.fail(manager, row, settings, problemsToError(built.problems));

    const unrenderable = checkRenders(built.params, fileInfo, built.lineNumbers);
    if (unrenderable)
      return this.fail(manager, row, settings, problemsToError([unrenderable]));

    const wakeOutbox = await this.claim(manager, row.companyId, built.claims);
    const item = await this.queueWork(manager, row, built.params);
    await manager.update(
      ExportEntity,
      { id: row.id },
      {
        status: item.kind === 'lookup' ? 'unknown' : 'ready',
        requestedRefNumber: refNumber,
        lastError: null,
        warnings: built.warnings,
      },
    );
    await recordExportEvent(manager, {
      exportId: row.id,
      companyId: row.companyId,
      state: item.kind === 'lookup' ? 'lookupFirst' : 'ready',
      detail: readyDetail(item, built.params, built.warnings),
    });
    return {
      result: item.kind === 'lookup' ? 'lookupFirst' : 'ready',
      workItemId: item.id,
      wakeOutbox,
    };
  }

  /**
   * The document item, or, when an earlier send of this export may have reached
   * QuickBooks unconfirmed, a lookup that sends the document only if QuickBooks lacks it.
   */
  private async queueWork(
    manager: EntityManager,
    row: ExportEntity,
    params: DocumentParams,
  ) {
    const unconfirmed = !!row.lastError && UNCONFIRMED_CODES.has(row.lastError.code);
    const item = unconfirmed
      ? manager.create(WorkItemEntity, {
          companyId: row.companyId,
          kind: 'lookup',
          priority: WorkPriority.lookup,
          exportId: row.id,
          params: {
            requests: [params.lookup],
            document: params,
            documentSendCount: 0,
          } satisfies LookupParams,
        })
      : manager.create(WorkItemEntity, {
          companyId: row.companyId,
          kind: 'document',
          priority: WorkPriority.document,
          exportId: row.id,
          params,
        });
    item.status = 'queued';
    return manager.save(item);
  }

  /** Existing QuickBooks customers found by name become the task's client's (or location's). */
  private async claim(
    manager: EntityManager,
    companyId: string,
    claims: LinkClaim[],
  ): Promise<boolean> {
    const writes: OutboxWrite[] = [];
    for (const claim of claims) {
      writes.push(
        ...(await linkCustomer(manager, {
          companyId,
          kind: claim.kind,
          qbListId: claim.qbListId,
          plId: claim.plId,
          qbFullName: claim.fullName,
          reason: 'sameNameForExport',
          topListId: claim.topListId,
        })),
      );
    }
    await enqueueOutbox(manager, writes);
    return writes.length > 0;
  }

  /** Numbers already asked for, or held, by another export of the company. */
  private async isTaken(
    manager: EntityManager,
    row: ExportEntity,
    candidate: string,
  ): Promise<boolean> {
    const count = await manager
      .createQueryBuilder(ExportEntity, 'e')
      .where('e.companyId = :companyId AND e.id <> :id', {
        companyId: row.companyId,
        id: row.id,
      })
      .andWhere(
        '(lower(e.requestedRefNumber) = lower(:candidate) OR lower(e.qbRefNumber) = lower(:candidate))',
        {
          candidate,
        },
      )
      .getCount();
    return count > 0;
  }

  private async fail(
    manager: EntityManager,
    row: ExportEntity,
    settings: CompanySettings,
    error: ErrorRecord,
  ): Promise<PrepareOutcome> {
    const { wakeOutbox } = await failExport(manager, row, settings, error, {
      stage: 'prepare',
    });
    return { result: 'failed', wakeOutbox };
  }

  /**
   * Until Web Connector's first session, the file's edition and qbXML version are
   * unknown, and both shape the document (tax model, ExternalGUID). The export stays
   * pending; the task sweep prepares it again later.
   */
  private async waitForQuickBooks(
    manager: EntityManager,
    row: ExportEntity,
  ): Promise<PrepareOutcome> {
    if (row.lastError?.code === WAITING.code) return { result: 'waiting' };
    await manager.update(
      ExportEntity,
      { id: row.id },
      { lastError: jsonColumn(WAITING) },
    );
    await recordExportEvent(manager, {
      exportId: row.id,
      companyId: row.companyId,
      state: 'waitingForQuickBooks',
    });
    return { result: 'waiting' };
  }
}

const WAITING: ErrorRecord = {
  code: 'EXPORT_WAITING_FOR_QUICKBOOKS',
  fixableBy: 'nobody',
  retryable: true,
  message: {
    en: 'Waiting for the first Web Connector session, which tells which QuickBooks edition and version the file uses.',
    fr: 'En attente de la première session du Web Connector, qui indique l’édition et la version de QuickBooks du fichier.',
  },
};

function readyDetail(
  item: WorkItemEntity,
  params: DocumentParams,
  warnings: string[],
): Record<string, unknown> {
  return {
    workItemId: item.id,
    documentKind: params.documentKind,
    refNumber: params.match.refNumber,
    externalGuid: params.match.externalGuid,
    customer: params.match.customer.fullName,
    customersAdded: params.customerAdds.map((add) => add.fullName),
    total: params.match.total,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}
