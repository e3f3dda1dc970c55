import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { AppConfig, ConnectorMetrics, LOGGER, REDIS, runWithLogContext } from '@qbd/platform';
import { ALL_QUEUES, QUEUE_OF_JOB, type JobName, type QueueName } from '@qbd/queues';
import { JOB_HANDLERS, type JobHandler } from './job-handler';

/** How many jobs of each queue one worker process runs at once. */
const CONCURRENCY: Record<QueueName, number> = {
  responses: 4,
  imports: 2,
  exports: 4,
  outbox: 4,
  maintenance: 1,
};

/**
 * Runs a BullMQ worker per queue and routes each job to its handler. Every job name has
 * exactly one handler (checked at boot), so no job is ever taken and dropped.
 */
@Injectable()
export class WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly workers: Worker[] = [];
  private readonly handlers = new Map<string, JobHandler<JobName>>();

  constructor(
    @Inject(JOB_HANDLERS) handlers: JobHandler<JobName>[],
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
    private readonly metrics: ConnectorMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    for (const handler of handlers) this.handlers.set(handler.jobName, handler);
    const missing = (Object.keys(QUEUE_OF_JOB) as JobName[]).filter((name) => !this.handlers.has(name));
    if (missing.length > 0) throw new Error(`No handler for jobs: ${missing.join(', ')}`);
  }

  onApplicationBootstrap(): void {
    for (const queue of ALL_QUEUES) {
      const worker = new Worker(queue, (job) => this.process(queue, job), {
        connection: this.redis.duplicate(),
        prefix: this.config.QUEUE_PREFIX,
        concurrency: CONCURRENCY[queue],
        autorun: true,
      });
      worker.on('error', (error) => this.logger.error({ queue, err: error.message }, 'queue worker error'));
      this.workers.push(worker);
    }
  }

  private async process(queue: QueueName, job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`Unknown job ${job.name} on queue ${queue}`);
    const companyId = (job.data as { companyId?: string }).companyId;
    return runWithLogContext({ jobId: job.id, companyId }, async () => {
      try {
        const result = await handler.handle(job as Job<never>);
        this.metrics.jobOutcomes.inc({ queue, job: job.name, outcome: 'completed' });
        return result;
      } catch (error) {
        this.metrics.jobOutcomes.inc({ queue, job: job.name, outcome: 'failed' });
        this.logger.warn({ job: job.name, attempt: job.attemptsMade + 1, err: (error as Error).message }, 'job failed');
        throw error;
      }
    });
  }

  /** Lets running jobs finish, then stops: a job cut short is retried by another worker. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }
}
