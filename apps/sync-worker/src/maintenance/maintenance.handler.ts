import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { DataSource, IsNull, LessThan, Not } from 'typeorm';
import { CompanyEntity, QbResponseEntity } from '@qbd/domain';
import { LOGGER } from '@qbd/platform';
import { QueueClient, QueueName, type MaintenanceJobData } from '@qbd/queues';
import type { JobHandler } from '../queue/job-handler';
import { ImportScheduler } from '../schedules/import-scheduler';
import { TaskSweep } from '../exports/task-sweep';

/** A recorded response not applied after this long lost its job (Redis was down): re-queue it. */
export const RESPONSE_GRACE_MS = 60_000;

/** A pending export untouched this long, with no work under way, lost its prepareExport job. */
export const EXPORT_GRACE_MS = 60_000;

/** The periodic sweeps; their schedulers live in Redis and are reinstalled when Redis loses them. */
export const MAINTENANCE_SCHEDULES: {
  id: string;
  everyMs: number;
  task: MaintenanceJobData['task'];
}[] = [
  { id: 'sweep-responses', everyMs: 30_000, task: 'sweepResponses' },
  { id: 'sweep-exports', everyMs: 30_000, task: 'sweepExports' },
  { id: 'sweep-outbox', everyMs: 30_000, task: 'sweepOutbox' },
  { id: 'sweep-tasks', everyMs: 15 * 60_000, task: 'sweepTasks' },
];

export interface Recovery {
  responses: number;
  exports: number;
  outboxes: number;
}

/** Periodic safety nets, so a lost job or event never means lost work. */
@Injectable()
export class MaintenanceHandler
  implements JobHandler<'maintenance'>, OnApplicationBootstrap
{
  readonly jobName = 'maintenance' as const;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueClient,
    private readonly scheduler: ImportScheduler,
    private readonly taskSweep: TaskSweep,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.installSchedules();
    await this.queues.add('maintenance', { task: 'reschedule' });
  }

  async handle(job: Job<MaintenanceJobData>): Promise<unknown> {
    const { task, companyId } = job.data;
    switch (task) {
      case 'reschedule':
        return companyId
          ? this.scheduler.reschedule(companyId)
          : this.scheduler.rescheduleAll();
      case 'sweepResponses':
        return this.sweepResponses();
      case 'sweepExports':
        return this.sweepExports();
      case 'sweepOutbox':
        return this.sweepOutbox();
      case 'sweepTasks':
        return this.sweepTasks(companyId);
    }
  }

  async installSchedules(): Promise<void> {
    const queue = this.queues.queue(QueueName.Maintenance);
    for (const schedule of MAINTENANCE_SCHEDULES) {
      await queue.upsertJobScheduler(
        schedule.id,
        { every: schedule.everyMs },
        { name: 'maintenance', data: { task: schedule.task } },
      );
    }
  }

  /** True when Redis no longer holds the sweeps' schedulers (it restarted empty, or was flushed). */
  async schedulesMissing(): Promise<boolean> {
    const queue = this.queues.queue(QueueName.Maintenance);
    for (const schedule of MAINTENANCE_SCHEDULES) {
      if (!(await queue.getJobScheduler(schedule.id))) return true;
    }
    return false;
  }

  /**
   * After Redis lost its data every queued job is gone with it, and so are the schedulers
   * of the sweeps that would have found the work those jobs carried. The import schedules
   * come back and everything Postgres says is waiting is queued again at once; the sweeps'
   * schedulers are installed last, as the mark that recovery is complete: a recovery cut
   * short (Postgres restarting meanwhile) leaves them missing, so it is run again whole.
   * Every job is idempotent, so work whose job survived elsewhere is not done twice.
   */
  async recoverLostQueues(): Promise<Recovery> {
    await this.scheduler.rescheduleAll();
    const recovered = {
      responses: await this.sweepResponses(0),
      exports: await this.sweepExports(0),
      outboxes: await this.sweepOutbox(),
    };
    await this.installSchedules();
    return recovered;
  }

  async sweepResponses(graceMs = RESPONSE_GRACE_MS): Promise<number> {
    const stale = await this.dataSource.getRepository(QbResponseEntity).find({
      where: { status: 'recorded', receivedAt: LessThan(new Date(Date.now() - graceMs)) },
      select: { id: true, companyId: true },
      take: 1000,
    });
    for (const response of stale) {
      await this.queues.add(
        'applyResponse',
        { companyId: response.companyId, responseId: response.id },
        {
          jobId: `apply-${response.id}-sweep-${Date.now()}`,
        },
      );
    }
    if (stale.length > 0)
      this.logger.warn({ count: stale.length }, 're-queued responses whose job was lost');
    return stale.length;
  }

  /**
   * Pending exports nothing is working on: their prepareExport job was lost (Redis lost
   * its data, or it ran out of retries while Postgres was down). Preparing is idempotent
   * (the export row is locked and must still be pending with no work under way), so a
   * job that was only slow does no harm. Companies whose QuickBooks never connected are
   * left out: their exports wait for the first session, which tells the file's edition.
   */
  async sweepExports(graceMs = EXPORT_GRACE_MS): Promise<number> {
    const stale: { id: string; companyId: string }[] = await this.dataSource.query(
      `SELECT e.id, e."companyId"
         FROM export e JOIN company c ON c.id = e."companyId"
        WHERE e.status = 'pending' AND e."updatedAt" < $1 AND c."fileInfo" IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM work_item w
                           WHERE w."exportId" = e.id AND w.status IN ('queued', 'sent', 'received'))
        ORDER BY e."updatedAt"
        LIMIT 1000`,
      [new Date(Date.now() - graceMs)],
    );
    for (const row of stale) {
      // A new job id: the first job may still be kept as completed or failed, which would absorb it.
      await this.queues.add(
        'prepareExport',
        { companyId: row.companyId, exportId: row.id },
        {
          jobId: `export-${row.id}-sweep-${Date.now()}`,
        },
      );
    }
    if (stale.length > 0)
      this.logger.warn(
        { count: stale.length },
        're-queued pending exports whose job was lost',
      );
    return stale.length;
  }

  async sweepOutbox(): Promise<number> {
    const rows: { companyId: string }[] = await this.dataSource.query(
      `SELECT DISTINCT "companyId" FROM outbox WHERE status = 'pending' AND "availableAt" <= now()`,
    );
    for (const row of rows) await this.queues.wakeOutbox(row.companyId);
    return rows.length;
  }

  private async sweepTasks(companyId?: string): Promise<number> {
    const companies = companyId
      ? [{ id: companyId }]
      : await this.dataSource
          .getRepository(CompanyEntity)
          .find({ select: { id: true }, where: { plBaseUrl: Not(IsNull()) } });
    let created = 0;
    for (const company of companies) {
      try {
        created += await this.taskSweep.sweepCompany(company.id);
      } catch (error) {
        this.logger.warn(
          { companyId: company.id, err: (error as Error).message },
          'task sweep failed',
        );
      }
    }
    return created;
  }
}
