import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import {
  CompanyEntity,
  QbResponseEntity,
  WcSessionEntity,
  WorkItemEntity,
  jsonColumn,
  toErrorRecord,
  withDefaults,
} from '@qbd/domain';
import { LOGGER } from '@qbd/platform';
import { parseResponseXml, type QbResponse } from '@qbd/qbxml';
import { QueueClient, type ApplyResponseJobData } from '@qbd/queues';
import type { JobHandler } from '../queue/job-handler';
import { ImportApplier } from '../imports/import-applier';
import { DocumentResultApplier } from '../exports/document-result-applier';
import { LookupApplier } from '../exports/lookup-applier';
import type { AfterCommit, ResponseApplier, ResponseContext } from './response-context';

/**
 * Applies one recorded response in one transaction, then marks it applied; a response
 * already applied is skipped, so a job delivered twice changes nothing. A response that
 * cannot be read is failed visibly (its work item too) instead of being retried forever.
 */
@Injectable()
export class ApplyResponseHandler implements JobHandler<'applyResponse'> {
  readonly jobName = 'applyResponse' as const;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly imports: ImportApplier,
    private readonly documents: DocumentResultApplier,
    private readonly lookups: LookupApplier,
    private readonly queues: QueueClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async handle(job: Job<ApplyResponseJobData>): Promise<{ applied: boolean }> {
    const after = await this.dataSource.transaction(async (manager) => {
      const response = await manager.findOne(QbResponseEntity, {
        where: { id: job.data.responseId, companyId: job.data.companyId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!response || response.status !== 'recorded') return null;

      const workItem = await manager.findOneByOrFail(WorkItemEntity, { id: response.workItemId });
      const company = await manager.findOneByOrFail(CompanyEntity, { id: response.companyId });
      const context: ResponseContext = {
        manager,
        company,
        settings: withDefaults(company.settings),
        workItem,
        response,
        answers: response.hresult ? [] : this.parse(response),
        hresult: response.hresult ? { code: response.hresult, message: response.hresultMessage ?? '' } : undefined,
      };
      const outcome = await this.applierFor(workItem).apply(context);
      await this.countFailures(context);
      await manager.update(QbResponseEntity, { id: response.id }, { status: 'applied', appliedAt: new Date() });
      return outcome;
    }).catch(async (error: unknown) => {
      if (error instanceof UnrecoverableError) await this.failResponse(job.data.responseId, error);
      throw error;
    });

    if (after) await this.afterCommit(job.data.companyId, after);
    return { applied: after !== null };
  }

  private parse(response: QbResponseEntity): QbResponse[] {
    try {
      return parseResponseXml(response.body);
    } catch (error) {
      throw new UnrecoverableError(`QuickBooks' answer could not be read: ${(error as Error).message}`);
    }
  }

  private applierFor(workItem: WorkItemEntity): ResponseApplier {
    switch (workItem.kind) {
      case 'import':
        return this.imports;
      case 'document':
      case 'customerAdd':
        return this.documents;
      case 'lookup':
        return this.lookups;
    }
  }

  /** Counts what QuickBooks refused in the session, for its summary. */
  private async countFailures(context: ResponseContext): Promise<void> {
    const refused = context.hresult ? 1 : context.answers.filter((answer) => !answer.ok).length;
    if (refused === 0 || !context.response.sessionId) return;
    await context.manager.increment(WcSessionEntity, { id: context.response.sessionId }, 'failedRequests', refused);
  }

  private async afterCommit(companyId: string, after: AfterCommit): Promise<void> {
    if (after.wakeOutbox) await this.queues.wakeOutbox(companyId);
    for (const exportId of after.prepareExports ?? []) {
      await this.queues.add('prepareExport', { companyId, exportId }, { jobId: `export-${exportId}-${Date.now()}` });
    }
  }

  private async failResponse(responseId: string, error: Error): Promise<void> {
    const record = toErrorRecord(error);
    await this.dataSource.transaction(async (manager) => {
      const response = await manager.findOneBy(QbResponseEntity, { id: responseId });
      if (!response || response.status !== 'recorded') return;
      await manager.update(QbResponseEntity, { id: responseId }, { status: 'failed', error: jsonColumn(record) });
      await manager.update(WorkItemEntity, { id: response.workItemId }, { status: 'failed', lastError: jsonColumn(record), finishedAt: new Date() });
    });
    this.logger.error({ responseId, err: error.message }, 'response could not be applied');
  }
}
