import type { EntityManager } from 'typeorm';
import { WorkItemEntity, type WorkItemKind } from '../entities/work-item.entity';

/**
 * Order in which a session hands work to QuickBooks: finding out what happened to an
 * unconfirmed document first, then what exports need (customers), then documents, then
 * the reference lists exports read, then imports.
 */
export const WorkPriority: Record<WorkItemKind | 'referenceImport', number> = {
  lookup: 10,
  customerAdd: 20,
  document: 30,
  referenceImport: 40,
  import: 50,
};

export type ImportItemEntity = 'customers' | 'items' | 'classes' | 'sites' | 'salesTaxCodes' | 'deleted';

export interface EnqueueImportResult {
  workItem: WorkItemEntity;
  created: boolean;
}

/**
 * Queues an import for the company's next session. At most one import per entity is
 * active (a partial unique index); asking again while one waits returns that one, and a
 * full import asked while a quick one still waits upgrades it.
 */
export async function enqueueImport(
  manager: EntityManager,
  companyId: string,
  entity: ImportItemEntity,
  mode: 'quick' | 'full',
): Promise<EnqueueImportResult> {
  const priority = entity === 'salesTaxCodes' ? WorkPriority.referenceImport : WorkPriority.import;
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(WorkItemEntity)
    .values({ companyId, kind: 'import', entity, mode, priority, status: 'queued', params: {} })
    .orIgnore()
    .returning('*')
    .execute();
  if (inserted.raw.length > 0) {
    const workItem = manager.create(WorkItemEntity, inserted.raw[0] as object);
    return { workItem, created: true };
  }

  const active = await manager.findOneOrFail(WorkItemEntity, {
    where: [
      { companyId, kind: 'import', entity, status: 'queued' },
      { companyId, kind: 'import', entity, status: 'sent' },
      { companyId, kind: 'import', entity, status: 'received' },
    ],
  });
  if (mode === 'full' && active.mode === 'quick' && active.status === 'queued') {
    await manager.update(WorkItemEntity, { id: active.id, status: 'queued' }, { mode: 'full' });
    active.mode = 'full';
  }
  return { workItem: active, created: false };
}

/** Whether a company has anything for QuickBooks to do. */
export async function hasPendingWork(manager: EntityManager, companyId: string): Promise<boolean> {
  const count = await manager.count(WorkItemEntity, {
    where: [
      { companyId, status: 'queued' },
      { companyId, status: 'sent' },
    ],
  });
  return count > 0;
}
