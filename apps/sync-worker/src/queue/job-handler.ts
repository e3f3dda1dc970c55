import type { Job } from 'bullmq';
import type { JobDataByName, JobName } from '@qbd/queues';

/** Processes one kind of job. Throw to retry; throw `UnrecoverableError` when retrying cannot help. */
export interface JobHandler<K extends JobName> {
  readonly jobName: K;
  handle(job: Job<JobDataByName[K]>): Promise<unknown>;
}

/** Nest token under which every handler registers itself. */
export const JOB_HANDLERS = Symbol('JOB_HANDLERS');
