import type { EntityManager } from 'typeorm';
import { ExportEntity } from '../entities/export.entity';
import type { ErrorRecord } from '../errors/connector-error';
import { recordError } from './record-error';
import { recordExportEvent } from './export-events';
import { jsonColumn } from './json-column';

/**
 * An export that cannot go on until someone acts (failed, or waiting for a person): its
 * status and error, a line in the company's error list, a step on its timeline. The one
 * place both the gateway and the worker stop an export.
 */
export async function stopExport(
  manager: EntityManager,
  stop: {
    exportId: string;
    companyId: string;
    status: 'failed' | 'needsAttention';
    error: ErrorRecord;
    taskNumber?: string | null;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  await manager.update(
    ExportEntity,
    { id: stop.exportId },
    { status: stop.status, lastError: jsonColumn(stop.error) },
  );
  await recordError(manager, {
    companyId: stop.companyId,
    entity: 'export',
    name: stop.taskNumber ?? null,
    error: stop.error,
  });
  await recordExportEvent(manager, {
    exportId: stop.exportId,
    companyId: stop.companyId,
    state: stop.status,
    detail: stop.detail ?? { error: stop.error },
  });
}
