import type { EntityManager } from 'typeorm';
import { ExportEventEntity } from '../entities/export-event.entity';

/** Adds a step to an export's timeline (queued, sent, unknown, created, delivered, failed ...). */
export async function recordExportEvent(
  manager: EntityManager,
  event: { exportId: string; companyId: string; state: string; detail?: Record<string, unknown> },
): Promise<void> {
  const row = manager.create(ExportEventEntity, {
    exportId: event.exportId,
    companyId: event.companyId,
    state: event.state,
    detail: event.detail ?? null,
  });
  await manager.save(row);
}
