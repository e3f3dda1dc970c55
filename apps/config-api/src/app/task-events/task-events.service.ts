import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ExportEntity,
  recordExportEvent,
  createExport,
  withDefaults,
  type CompanySettings,
  type ExportStatus,
  type TaskSnapshot,
} from '@qbd/domain';
import { QueuePublisher } from '../common/queue-publisher';
import { CompanyLookup } from '../companies/company-lookup';

export type TaskEventReason =
  | 'exportCreated'
  | 'exportExists'
  | 'exportRetriedWithNewContent'
  | 'notTriggerStage'
  | 'companyDisabled'
  | 'taskTypeNotBillable';

export interface TaskEventOutcome {
  created: boolean;
  reason: TaskEventReason;
  exportId?: string;
  exportStatus?: ExportStatus;
}

export interface TaskEvent {
  eventId?: string;
  task: TaskSnapshot;
}

@Injectable()
export class TaskEventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly companies: CompanyLookup,
    private readonly publisher: QueuePublisher,
  ) {}

  /**
   * A task changed stage. Entering the billing stage creates the task's one export; the
   * unique (company, task) index makes a repeated event, a re-entry of the stage or two
   * deliveries racing each other find the existing export instead of adding one.
   */
  async receive(companyId: string, event: TaskEvent): Promise<TaskEventOutcome> {
    const company = await this.companies.get(companyId);
    const settings = withDefaults(company.settings);
    const refusal = whyNotExported(settings, event.task);
    if (refusal) return { created: false, reason: refusal };

    const outcome = await this.dataSource.transaction((manager) =>
      this.createExport(manager, companyId, settings, event),
    );
    // A pending export whose job may have been lost (Redis down after the commit) is
    // queued again; the job id is the export's, so a job still queued is not duplicated.
    if (outcome.exportStatus === 'pending') {
      await this.publisher.publish('prepareExport', {
        companyId,
        exportId: outcome.exportId!,
      });
    }
    return outcome;
  }

  private async createExport(
    manager: EntityManager,
    companyId: string,
    settings: CompanySettings,
    event: TaskEvent,
  ): Promise<TaskEventOutcome> {
    const result = await createExport(manager, {
      companyId,
      settings,
      task: event.task,
      detail: { eventId: event.eventId ?? null },
    });
    if (!result.created && result.status === 'failed') {
      return this.retryWithNewContent(manager, companyId, result.exportId, event);
    }
    return {
      created: result.created,
      reason: result.created ? 'exportCreated' : 'exportExists',
      exportId: result.exportId,
      exportStatus: result.status,
    };
  }

  /**
   * The task came back to the billing stage after its export failed: nothing reached
   * QuickBooks, so the export is built again from the task as it is now (the bookkeeper
   * usually fixed the line that was refused). Exports in any other state keep their
   * content: they are in QuickBooks, on their way, or waiting for a person.
   */
  private async retryWithNewContent(
    manager: EntityManager,
    companyId: string,
    exportId: string,
    event: TaskEvent,
  ): Promise<TaskEventOutcome> {
    const row = await manager.findOneOrFail(ExportEntity, {
      where: { id: exportId },
      lock: { mode: 'pessimistic_write' },
    });
    if (row.status !== 'failed') {
      return {
        created: false,
        reason: 'exportExists',
        exportId,
        exportStatus: row.status,
      };
    }
    await manager.update(
      ExportEntity,
      { id: exportId },
      {
        snapshot: event.task,
        taskNumber: event.task.taskNumber,
        status: 'pending',
        lastError: null,
      },
    );
    await recordExportEvent(manager, {
      exportId,
      companyId,
      state: 'requeued',
      detail: { reason: 'taskReenteredAfterFailure', eventId: event.eventId ?? null },
    });
    return {
      created: false,
      reason: 'exportRetriedWithNewContent',
      exportId,
      exportStatus: 'pending',
    };
  }
}

/** Why this stage change does not make an export, or null when it does. */
export function whyNotExported(
  settings: CompanySettings,
  task: TaskSnapshot,
): TaskEventReason | null {
  if (!settings.enabled) return 'companyDisabled';
  if (task.stage !== settings.billingTriggerStage) return 'notTriggerStage';
  const billable =
    settings.billableTaskTypes.length === 0 ||
    (task.taskTypeId !== undefined &&
      settings.billableTaskTypes.includes(task.taskTypeId));
  return billable ? null : 'taskTypeNotBillable';
}
