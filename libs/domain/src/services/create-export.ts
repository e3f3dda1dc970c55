import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  ExportEntity,
  type ExportStatus,
  type TaskSnapshot,
} from '../entities/export.entity';
import type { CompanySettings } from '../settings/company-settings';
import { recordExportEvent } from './export-events';

export interface CreateExportResult {
  /** False when the task already had its export (a repeated event, or the sweep after it). */
  created: boolean;
  exportId: string;
  status: ExportStatus;
}

/**
 * The one way an export is made, whoever noticed the task (a stage event or the sweep):
 * unique on (company, task), so any number of callers racing each other make one export.
 * The `queued` step of its timeline is written in the same transaction.
 */
export async function createExport(
  manager: EntityManager,
  input: {
    companyId: string;
    settings: CompanySettings;
    task: TaskSnapshot;
    detail?: Record<string, unknown>;
  },
): Promise<CreateExportResult> {
  const { companyId, settings, task } = input;
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
    await recordExportEvent(manager, {
      exportId: row.id,
      companyId,
      state: 'queued',
      detail: { stage: task.stage, documentKind: settings.documentKind, ...input.detail },
    });
    return { created: true, exportId: row.id, status: row.status };
  }
  const existing = await manager.findOneByOrFail(ExportEntity, {
    companyId,
    taskId: task.taskId,
  });
  return { created: false, exportId: existing.id, status: existing.status };
}
