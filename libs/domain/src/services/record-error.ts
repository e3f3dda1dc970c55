import type { EntityManager } from 'typeorm';
import { RecordErrorEntity } from '../entities/record-error.entity';
import type { ErrorRecord } from '../errors/connector-error';

/**
 * Adds a line to the company's error list (the status route `/errors`): a record
 * QuickBooks or ProgressionLIVE refused, an export that failed, a write given up.
 */
export async function recordError(
  manager: EntityManager,
  entry: {
    companyId: string;
    entity: string;
    error: ErrorRecord;
    qbListId?: string | null;
    name?: string | null;
    importRunId?: string | null;
  },
): Promise<void> {
  const row = manager.create(RecordErrorEntity, {
    companyId: entry.companyId,
    entity: entry.entity,
    error: entry.error,
    qbListId: entry.qbListId ?? null,
    name: entry.name ?? null,
    importRunId: entry.importRunId ?? null,
  });
  await manager.save(row);
}
