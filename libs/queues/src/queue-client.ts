import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { ALL_QUEUES, JobId, QUEUE_OF_JOB, type JobDataByName, type JobName, type QueueName } from './queue-contracts';

/** Retries with exponential backoff; failed jobs kept for inspection in Bull Board. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** Typed producer over every queue: the only way the apps enqueue jobs. */
export class QueueClient {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    private readonly connection: Redis,
    readonly prefix: string,
  ) {
    for (const name of ALL_QUEUES) {
      this.queues.set(name, new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS }));
    }
  }

  queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`Unknown queue ${name}`);
    return queue;
  }

  all(): Queue[] {
    return [...this.queues.values()];
  }

  /** Adds a job with the deduplicating id of its kind when it has one. */
  async add<K extends JobName>(name: K, data: JobDataByName[K], options: JobsOptions = {}) {
    const idOf = (JobId as Partial<Record<JobName, (d: JobDataByName[K]) => string>>)[name];
    const jobId = options.jobId ?? idOf?.(data);
    return this.queue(QUEUE_OF_JOB[name]).add(name, data, { ...options, ...(jobId ? { jobId } : {}) });
  }

  /** Wakes the delivery of a company's outbox; a wake already waiting absorbs this one. */
  async wakeOutbox(companyId: string): Promise<void> {
    await this.add('deliverOutbox', { companyId }, { deduplication: { id: `outbox-${companyId}` } });
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map((queue) => queue.close()));
  }
}
