import type { ImportEntity, SyncMode } from '@qbd/domain';

/**
 * The connector's BullMQ queues. The per-company work list that Web Connector pulls lives
 * in Postgres (work_item), because Web Connector asks for work rather than receiving it;
 * these queues carry everything that is pushed between the apps.
 */
export const QueueName = {
  /** Gateway → worker: a recorded QuickBooks response to apply. */
  Responses: 'responses',
  /** Schedules per company and entity; each run queues an import for the next session. */
  Imports: 'imports',
  /** Config API → worker: build the QuickBooks document of a new export. */
  Exports: 'exports',
  /** Worker: deliver pending writes to ProgressionLIVE, in order per record. */
  Outbox: 'outbox',
  /** Periodic house-keeping: task sweep, stale sessions, retries. */
  Maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const ALL_QUEUES: readonly QueueName[] = Object.values(QueueName);

export interface ApplyResponseJobData {
  companyId: string;
  responseId: string;
}

export interface ScheduleImportJobData {
  companyId: string;
  entity: ImportEntity | 'salesTaxCodes';
  mode: Exclude<SyncMode, 'none'>;
  /** Who asked: the schedule, or a person through "sync now". */
  reason: 'schedule' | 'syncNow' | 'firstSession';
}

export interface PrepareExportJobData {
  companyId: string;
  exportId: string;
}

/** Delivers the company's pending writes, oldest first (so in order per record). */
export interface DeliverOutboxJobData {
  companyId: string;
}

export interface MaintenanceJobData {
  task: 'sweepTasks' | 'sweepResponses' | 'sweepExports' | 'sweepOutbox' | 'reschedule';
  companyId?: string;
}

/** The job names of each queue and the data each carries. */
export interface JobDataByName {
  applyResponse: ApplyResponseJobData;
  scheduleImport: ScheduleImportJobData;
  prepareExport: PrepareExportJobData;
  deliverOutbox: DeliverOutboxJobData;
  maintenance: MaintenanceJobData;
}
export type JobName = keyof JobDataByName;

/** Which queue each job goes to: one place, checked exhaustively by the compiler. */
export const QUEUE_OF_JOB: { [K in JobName]: QueueName } = {
  applyResponse: QueueName.Responses,
  scheduleImport: QueueName.Imports,
  prepareExport: QueueName.Exports,
  deliverOutbox: QueueName.Outbox,
  maintenance: QueueName.Maintenance,
};

/**
 * BullMQ job ids that make a second enqueue of the same thing a no-op. Imports and outbox
 * deliveries have none: their duplicates are absorbed in Postgres (one active import per
 * entity; outbox rows locked per ordering key).
 */
export const JobId = {
  applyResponse: (data: ApplyResponseJobData) => `apply-${data.responseId}`,
  prepareExport: (data: PrepareExportJobData) => `export-${data.exportId}`,
};
