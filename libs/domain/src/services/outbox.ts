import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { OutboxEntity } from '../entities/outbox.entity';
import type { LinkKind } from '../entities/entity-link.entity';

/** The writes the connector makes to ProgressionLIVE, each delivered through the outbox. */
export type OutboxOperation =
  | 'upsertClient'
  | 'upsertNode'
  | 'upsertProduct'
  | 'upsertEntityValue'
  | 'setTaskProperty'
  | 'progressTask';

export interface OutboxWrite {
  companyId: string;
  /** Writes sharing a key are delivered in order (a client before its locations). */
  orderingKey: string;
  operation: OutboxOperation;
  /** The port's input; `link` says which entity_link row receives the id it returns. */
  payload: Record<string, unknown> & { link?: { kind: LinkKind; qbListId: string } };
}

/** Records writes in the caller's transaction; the worker delivers them after commit. */
export async function enqueueOutbox(manager: EntityManager, writes: OutboxWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const rows = writes.map((write) => ({ ...write, status: 'pending' as const }));
  // A plain multi-row INSERT: save() would track every entity and read each back.
  for (let i = 0; i < rows.length; i += 500) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(OutboxEntity)
      .values(rows.slice(i, i + 500) as QueryDeepPartialEntity<OutboxEntity>[])
      .updateEntity(false)
      .execute();
  }
}
