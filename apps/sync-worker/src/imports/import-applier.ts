import { Inject, Injectable, Optional } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import {
  QbResponseEntity,
  SyncWatermarkEntity,
  WorkItemEntity,
  enqueueOutbox,
  jsonColumn,
  type ErrorRecord,
  type ImportRunEntity,
} from '@qbd/domain';
import { ConnectorMetrics, LOGGER } from '@qbd/platform';
import type { ListDeletedRet, QbListRecordRet, QbResponse } from '@qbd/qbxml';
import type {
  AfterCommit,
  ResponseApplier,
  ResponseContext,
} from '../responses/response-context';
import {
  EarlierPagesPendingError,
  failedRequestError,
  missingAnswerError,
  refusedAnswerError,
} from './import-errors';
import {
  KINDS_OF,
  applyImportPage,
  emptyCounts,
  latestQbTime,
  type ImportedEntity,
  type PageOutcome,
} from './import-page';
import { addNote, addPage, failRun, finishRun, openRun } from './import-run-tracker';
import { deactivateUnseen } from './link-store';
import { deactivationWrite } from './outbox-writes';

const ANSWER_OF: Record<ImportedEntity, string> = {
  customers: 'CustomerQueryRs',
  items: 'ItemQueryRs',
  classes: 'ClassQueryRs',
  sites: 'InventorySiteQueryRs',
  salesTaxCodes: 'SalesTaxCodeQueryRs',
};

/** QuickBooks' status for an iterator it no longer knows (it died with its session). */
const ITERATOR_EXPIRED = 3391;

const SITES_UNAVAILABLE_NOTE =
  'Inventory sites are not used in this QuickBooks company file (they need QuickBooks ' +
  'Enterprise with Advanced Inventory turned on); there is nothing to import. ' +
  'Set the sites sync mode to none to stop this import.';

/**
 * Applies the pages of list imports (customers and jobs, items, classes, inventory sites,
 * sales tax codes): records become ProgressionLIVE writes through the outbox, links keep
 * what was sent, and one import_run per work item counts what happened. The last page
 * finishes the run: a full import deactivates what it did not see, the watermark moves
 * on, and the work item is done.
 */
@Injectable()
export class ImportApplier implements ResponseApplier {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    @Optional() private readonly metrics?: ConnectorMetrics,
  ) {}

  async apply(context: ResponseContext): Promise<AfterCommit> {
    const entity = context.workItem.entity as ImportedEntity;
    if (!KINDS_OF[entity]) {
      // A retry cannot teach the worker a new list: the response and work item fail visibly.
      throw new UnrecoverableError(
        `Work item ${context.workItem.id} imports an unknown list "${entity}"`,
      );
    }
    const run = await openRun(context.manager, runStart(context));

    if (entity === 'sites' && context.company.fileInfo?.inventorySitesEnabled !== true) {
      return this.finishWithoutSites(context, run);
    }
    if (context.hresult)
      return this.fail(context, run, failedRequestError(context.hresult));

    const { main, deletions } = this.answersOf(context, entity);
    if (!main) return this.fail(context, run, missingOrRefused(context));
    if (main.statusCode === ITERATOR_EXPIRED) return this.restartIterator(context, run);
    if (!main.ok) return this.fail(context, run, refusedAnswerError(main));
    return this.applyPage(context, run, entity, main, deletions);
  }

  private async applyPage(
    context: ResponseContext,
    run: ImportRunEntity,
    entity: ImportedEntity,
    main: QbResponse,
    deletions: QbResponse | undefined,
  ): Promise<AfterCommit> {
    const last = isLastPage(main);
    if (last) await assertEarlierPagesApplied(context);

    await this.keepWarnings(context, run, main, deletions);
    const outcome = await applyImportPage({
      manager: context.manager,
      companyId: context.company.id,
      entity,
      runId: run.id,
      settings: context.settings,
      records: main.records as QbListRecordRet[],
      deleted: deletions?.ok ? (deletions.records as ListDeletedRet[]) : [],
    });
    await addPage(context.manager, run, outcome);
    this.count(entity, outcome);

    if (stoppedEarly(main)) return this.finishIncomplete(context, run, outcome);
    if (!last) return { wakeOutbox: outcome.writes > 0 };
    const swept = await this.finish(context, run, entity);
    return { wakeOutbox: outcome.writes + swept > 0 };
  }

  private answersOf(context: ResponseContext, entity: ImportedEntity) {
    const requestId = context.response.requestId;
    const main =
      context.answers.find(
        (a) => a.requestID === requestId && a.type === ANSWER_OF[entity],
      ) ?? context.answers.find((a) => a.type === ANSWER_OF[entity]);
    const deletions = context.answers.find((a) => a.type === 'ListDeletedQueryRs');
    return { main, deletions };
  }

  /** Warnings (500-series) come with data: the data is applied and the warning kept. */
  private async keepWarnings(
    context: ResponseContext,
    run: ImportRunEntity,
    main: QbResponse,
    deletions: QbResponse | undefined,
  ): Promise<void> {
    if (main.statusCode >= 500) {
      await addNote(
        context.manager,
        run,
        `QuickBooks warned: ${main.statusMessage} (${main.statusCode}).`,
      );
    }
    if (deletions && !deletions.ok) {
      await addNote(
        context.manager,
        run,
        `QuickBooks did not list deleted records: ${deletions.statusMessage} (${deletions.statusCode}); the next full import will deactivate them.`,
      );
    }
  }

  /**
   * The last page: a full import deactivates the links it did not see, the watermark
   * moves to the newest modification time received, and the work item is done.
   */
  private async finish(
    context: ResponseContext,
    run: ImportRunEntity,
    entity: ImportedEntity,
  ): Promise<number> {
    const { manager } = context;
    let swept = 0;
    if (run.mode === 'full') swept = await this.deactivateUnseen(context, run, entity);

    await advanceWatermark(manager, run);
    await this.completeWorkItem(context);
    await finishRun(manager, run, {
      pages: context.workItem.pages || context.response.page,
    });
    this.logger.info(
      {
        companyId: run.companyId,
        entity,
        runId: run.id,
        status: run.status,
        note: run.note,
      },
      'import finished',
    );
    return swept;
  }

  private async deactivateUnseen(
    context: ResponseContext,
    run: ImportRunEntity,
    entity: ImportedEntity,
  ) {
    const gone = await deactivateUnseen(
      context.manager,
      run.companyId,
      KINDS_OF[entity],
      run.id,
    );
    const writes = gone
      .map((link) => deactivationWrite(run.companyId, link))
      .filter((write) => write !== null);
    await enqueueOutbox(context.manager, writes);
    const counts = { ...emptyCounts(), deactivated: gone.length };
    await addPage(context.manager, run, { counts, maxModified: null });
    return writes.length;
  }

  private async completeWorkItem(context: ResponseContext): Promise<void> {
    await context.manager.update(
      WorkItemEntity,
      { id: context.workItem.id },
      { status: 'done', finishedAt: new Date(), lastError: null },
    );
  }

  /**
   * QuickBooks stopped an iterator with a warning while records remained: what came is
   * applied, but a full import cannot tell what is gone and the watermark cannot move
   * past records never received. The run ends partial; the next run starts over.
   */
  private async finishIncomplete(
    context: ResponseContext,
    run: ImportRunEntity,
    outcome: PageOutcome,
  ): Promise<AfterCommit> {
    await addNote(
      context.manager,
      run,
      'QuickBooks ended the list early; records not received were left as they were and the next import starts over.',
    );
    await this.completeWorkItem(context);
    await finishRun(context.manager, run, {
      status: 'partial',
      pages: context.workItem.pages || 1,
    });
    return { wakeOutbox: outcome.writes > 0 };
  }

  /**
   * 3391: the iterator died with the Web Connector session that started it. The work item
   * goes back in the queue without it, so the next session starts the list again from the
   * same watermark; pages already applied are applied again harmlessly.
   */
  private async restartIterator(
    context: ResponseContext,
    run: ImportRunEntity,
  ): Promise<AfterCommit> {
    await context.manager.update(
      WorkItemEntity,
      { id: context.workItem.id },
      { status: 'queued', iteratorId: null, iteratorRemaining: null },
    );
    await addNote(
      context.manager,
      run,
      'The QuickBooks iterator expired (3391); the list is read again from its first page in the next session.',
    );
    return {};
  }

  private async finishWithoutSites(
    context: ResponseContext,
    run: ImportRunEntity,
  ): Promise<AfterCommit> {
    if (!run.note?.includes(SITES_UNAVAILABLE_NOTE))
      await addNote(context.manager, run, SITES_UNAVAILABLE_NOTE);
    await this.completeWorkItem(context);
    await finishRun(context.manager, run, {
      status: 'succeeded',
      pages: context.workItem.pages || 1,
    });
    return {};
  }

  /**
   * QuickBooks refused the query (or Web Connector the whole request): the run fails
   * visibly, the work item is failed with the reason, and the next scheduled import
   * tries again. The watermark does not move.
   */
  private async fail(
    context: ResponseContext,
    run: ImportRunEntity,
    error: ErrorRecord,
  ): Promise<AfterCommit> {
    await failRun(context.manager, run, error);
    await context.manager.update(
      WorkItemEntity,
      { id: context.workItem.id },
      {
        status: 'failed',
        lastError: jsonColumn(error),
        finishedAt: new Date(),
        iteratorId: null,
      },
    );
    this.logger.warn(
      {
        companyId: run.companyId,
        entity: run.entity,
        runId: run.id,
        code: error.code,
        qbStatus: error.quickBooksStatus,
      },
      'import failed',
    );
    return {};
  }

  private count(entity: string, outcome: PageOutcome): void {
    if (!this.metrics) return;
    for (const result of [
      'added',
      'changed',
      'unchanged',
      'deactivated',
      'errors',
    ] as const) {
      const value = outcome.counts[result];
      if (value > 0) this.metrics.importRecords.inc({ entity, result }, value);
    }
  }
}

function runStart(context: ResponseContext) {
  const fromModified =
    (context.workItem.params.fromModified as string | null | undefined) ?? null;
  // Without a watermark the gateway asked for every record: the import is a full one,
  // whatever the schedule said, and may deactivate what it does not see.
  const mode = context.workItem.mode === 'quick' && fromModified ? 'quick' : 'full';
  return {
    companyId: context.company.id,
    workItemId: context.workItem.id,
    sessionId: context.response.sessionId,
    entity: context.workItem.entity ?? '',
    mode,
    fromModified,
  };
}

/** No iterator, or nothing left: this page ends the list. */
function isLastPage(answer: QbResponse): boolean {
  return (
    !answer.iteratorID ||
    (answer.iteratorRemainingCount ?? 0) <= 0 ||
    stoppedEarly(answer)
  );
}

// Web Connector only continues an iterator after a clean page (statusCode 0).
function stoppedEarly(answer: QbResponse): boolean {
  return (
    !!answer.iteratorID &&
    (answer.iteratorRemainingCount ?? 0) > 0 &&
    answer.statusCode !== 0
  );
}

function missingOrRefused(context: ResponseContext): ErrorRecord {
  const refused = context.answers.find((answer) => !answer.ok);
  return refused
    ? refusedAnswerError(refused)
    : missingAnswerError(context.response.requestId);
}

/**
 * The last page may only finish the run once every earlier page is applied: otherwise a
 * full import would deactivate records those pages hold and the watermark would pass
 * them. Pages of one import can be applied in parallel, so this one waits (the job is
 * retried) until the others are done.
 */
async function assertEarlierPagesApplied(context: ResponseContext): Promise<void> {
  const pending = await earlierPending(
    context.manager,
    context.workItem.id,
    context.response.page,
  );
  if (pending > 0) throw new EarlierPagesPendingError(context.workItem.id, pending);
}

async function earlierPending(
  manager: EntityManager,
  workItemId: string,
  page: number,
): Promise<number> {
  return manager
    .createQueryBuilder(QbResponseEntity, 'r')
    .where('r.workItemId = :workItemId', { workItemId })
    .andWhere(`r.status = 'recorded'`)
    .andWhere('r.page < :page', { page })
    .getCount();
}

/**
 * Moves the entity's watermark to the newest TimeModified the run received, as QuickBooks
 * wrote it (offset included; the gateway reads its wall-clock part, see import-requests).
 * A run that received nothing newer leaves it where it was.
 */
async function advanceWatermark(
  manager: EntityManager,
  run: ImportRunEntity,
): Promise<void> {
  const current = await manager.findOne(SyncWatermarkEntity, {
    where: { companyId: run.companyId, entity: run.entity },
    lock: { mode: 'pessimistic_write' },
  });
  const lastModified = latestQbTime([current?.lastModified, run.maxModified]);
  const lastFullImportAt =
    run.mode === 'full' ? new Date() : (current?.lastFullImportAt ?? null);
  if (!lastModified) return;
  await manager.upsert(
    SyncWatermarkEntity,
    { companyId: run.companyId, entity: run.entity, lastModified, lastFullImportAt },
    ['companyId', 'entity'],
  );
}
