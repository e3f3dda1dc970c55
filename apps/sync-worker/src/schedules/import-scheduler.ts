import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { CompanyEntity, IMPORT_ENTITIES, enqueueImport, withDefaults, type ImportEntity, type SyncMode } from '@qbd/domain';
import { LOGGER } from '@qbd/platform';
import { QueueClient, QueueName, type ScheduleImportJobData } from '@qbd/queues';
import type { JobHandler } from '../queue/job-handler';

/**
 * How often each import is queued. Quick imports (only what changed) run at the company's
 * minimum connection interval, so each Web Connector run brings the latest changes; full
 * imports re-read every record and run at the maximum interval. Sales tax codes, which
 * exports need, are refreshed with the full imports.
 */
export function scheduleEveryMs(mode: Exclude<SyncMode, 'none'>, minMinutes: number, maxMinutes: number): number {
  return (mode === 'quick' ? minMinutes : maxMinutes) * 60_000;
}

const schedulerId = (companyId: string, entity: string) => `import:${companyId}:${entity}`;

/** Keeps one BullMQ job scheduler per company and entity in step with its settings. */
@Injectable()
export class ImportScheduler implements JobHandler<'scheduleImport'> {
  readonly jobName = 'scheduleImport' as const;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** A scheduled run: queue the import for the next session (one active per entity). */
  async handle(job: Job<ScheduleImportJobData>): Promise<{ created: boolean }> {
    const { companyId, entity, mode } = job.data;
    const company = await this.dataSource.getRepository(CompanyEntity).findOneBy({ id: companyId });
    if (!company || !withDefaults(company.settings).enabled) return { created: false };
    const { created } = await this.dataSource.transaction((manager) => enqueueImport(manager, companyId, entity, mode));
    return { created };
  }

  /** Replaces a company's schedulers with those its current settings ask for. */
  async reschedule(companyId: string): Promise<void> {
    const queue = this.queues.queue(QueueName.Imports);
    const company = await this.dataSource.getRepository(CompanyEntity).findOneBy({ id: companyId });
    const settings = withDefaults(company?.settings);
    const entities: (ImportEntity | 'salesTaxCodes')[] = [...IMPORT_ENTITIES, 'salesTaxCodes'];

    for (const entity of entities) {
      // Only Canadian files need their sales tax codes for exports.
      const mode = entity === 'salesTaxCodes' ? (company?.fileInfo?.country === 'CA' ? 'full' : 'none') : settings.syncModes[entity];
      const id = schedulerId(companyId, entity);
      if (!company || !settings.enabled || mode === 'none') {
        await queue.removeJobScheduler(id);
        continue;
      }
      await queue.upsertJobScheduler(
        id,
        { every: scheduleEveryMs(mode, settings.minIntervalMinutes, settings.maxIntervalMinutes) },
        { name: 'scheduleImport', data: { companyId, entity, mode, reason: 'schedule' } satisfies ScheduleImportJobData },
      );
    }
    this.logger.info({ companyId, enabled: settings.enabled }, 'import schedules updated');
  }

  async rescheduleAll(): Promise<void> {
    const companies = await this.dataSource.getRepository(CompanyEntity).find({ select: { id: true } });
    for (const company of companies) await this.reschedule(company.id);
  }
}
