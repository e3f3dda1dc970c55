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
const RESPONSE_GRACE_MS = 60_000;

/** Periodic safety nets, so a lost job or event never means lost work. */
@Injectable()
export class MaintenanceHandler implements JobHandler<'maintenance'>, OnApplicationBootstrap {
  readonly jobName = 'maintenance' as const;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueClient,
    private readonly scheduler: ImportScheduler,
    private readonly taskSweep: TaskSweep,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const queue = this.queues.queue(QueueName.Maintenance);
    const every = (id: string, ms: number, data: MaintenanceJobData) =>
      queue.upsertJobScheduler(id, { every: ms }, { name: 'maintenance', data });
    await every('sweep-responses', 30_000, { task: 'sweepResponses' });
    await every('sweep-outbox', 30_000, { task: 'sweepOutbox' });
    await every('sweep-tasks', 15 * 60_000, { task: 'sweepTasks' });
    await this.queues.add('maintenance', { task: 'reschedule' });
  }

  async handle(job: Job<MaintenanceJobData>): Promise<unknown> {
    const { task, companyId } = job.data;
    switch (task) {
      case 'reschedule':
        return companyId ? this.scheduler.reschedule(companyId) : this.scheduler.rescheduleAll();
      case 'sweepResponses':
        return this.sweepResponses();
      case 'sweepOutbox':
        return this.sweepOutbox();
      case 'sweepTasks':
        return this.sweepTasks(companyId);
    }
  }

  private async sweepResponses(): Promise<number> {
    const stale = await this.dataSource.getRepository(QbResponseEntity).find({
      where: { status: 'recorded', receivedAt: LessThan(new Date(Date.now() - RESPONSE_GRACE_MS)) },
      select: { id: true, companyId: true },
      take: 1000,
    });
    for (const response of stale) {
      await this.queues.add('applyResponse', { companyId: response.companyId, responseId: response.id }, {
        jobId: `apply-${response.id}-sweep-${Date.now()}`,
      });
    }
    if (stale.length > 0) this.logger.warn({ count: stale.length }, 're-queued responses whose job was lost');
    return stale.length;
  }

  private async sweepOutbox(): Promise<number> {
    const rows: { companyId: string }[] = await this.dataSource.query(
      `SELECT DISTINCT "companyId" FROM outbox WHERE status = 'pending' AND "availableAt" <= now()`,
    );
    for (const row of rows) await this.queues.wakeOutbox(row.companyId);
    return rows.length;
  }

  private async sweepTasks(companyId?: string): Promise<number> {
    const companies = companyId
      ? [{ id: companyId }]
      : await this.dataSource.getRepository(CompanyEntity).find({ select: { id: true }, where: { plBaseUrl: Not(IsNull()) } });
    let created = 0;
    for (const company of companies) {
      try {
        created += await this.taskSweep.sweepCompany(company.id);
      } catch (error) {
        this.logger.warn({ companyId: company.id, err: (error as Error).message }, 'task sweep failed');
      }
    }
    return created;
  }
}
