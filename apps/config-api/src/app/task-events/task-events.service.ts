import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ExportEntity,
  ExportEventEntity,
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
    const { task } = event;
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(ExportEntity)
      .values({
        companyId,
        taskId: task.taskId,
        taskNumber: task.taskNumber,
        documentKind: settings.documentKind,
        snapshot: task,
        status: 'pending',
        externalGuid: randomUUID(),
        requestedRefNumber: settings.numbering === 'taskNumber' ? task.taskNumber : null,
      })
      .orIgnore()
      .returning(['id', 'status'])
      .execute();

    const row = inserted.raw[0] as { id: string; status: ExportStatus } | undefined;
    if (row) {
      const queued = manager.create(ExportEventEntity, {
        exportId: row.id,
        companyId,
        state: 'queued',
        detail: {
          eventId: event.eventId ?? null,
          stage: task.stage,
          documentKind: settings.documentKind,
        },
      });
      await manager.save(queued);
      return {
        created: true,
        reason: 'exportCreated',
        exportId: row.id,
        exportStatus: row.status,
      };
    }

    const existing = await manager.findOneByOrFail(ExportEntity, {
      companyId,
      taskId: task.taskId,
    });
    return {
      created: false,
      reason: 'exportExists',
      exportId: existing.id,
      exportStatus: existing.status,
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
