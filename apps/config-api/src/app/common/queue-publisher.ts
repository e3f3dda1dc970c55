import { Injectable } from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import { QueueClient, type JobDataByName, type JobName } from '@qbd/queues';
import { ApiErrors } from './api-error';

const ENQUEUE_TIMEOUT_MS = 5000;

/**
 * Enqueues after the database change is committed. The Redis client waits for Redis forever
 * (so the workers recover by themselves); a request cannot, so it gives up after a few
 * seconds and tells the caller to send the same request again, which is safe: every route
 * that enqueues re-enqueues when it finds its change already made.
 */
@Injectable()
export class QueuePublisher {
  constructor(private readonly queues: QueueClient) {}

  async publish<K extends JobName>(
    name: K,
    data: JobDataByName[K],
    options?: JobsOptions,
  ): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(ApiErrors.queueUnavailable()), ENQUEUE_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.queues.add(name, data, options), timeout]);
    } catch {
      throw ApiErrors.queueUnavailable();
    } finally {
      clearTimeout(timer);
    }
  }
}
