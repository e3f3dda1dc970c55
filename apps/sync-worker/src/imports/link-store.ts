import { In, type EntityManager } from 'typeorm';
import { EntityLinkEntity, type LinkKind } from '@qbd/domain';

/** The fields of a link that an import writes (ProgressionLIVE id and match are kept). */
export interface LinkRow {
  companyId: string;
  kind: LinkKind;
  qbListId: string;
  qbFullName: string;
  qbParentListId: string | null;
  qbEditSequence: string | null;
  qbTimeModified: string | null;
  active: boolean;
  data: Record<string, unknown>;
  lastSeenImportRunId: string | null;
}

const CHUNK = 1000;

export const linkKey = (kind: LinkKind, qbListId: string) => `${kind}:${qbListId}`;

/** The links of a page's records, in one query, by `kind:ListID`. */
export async function loadLinks(
  manager: EntityManager,
  companyId: string,
  kinds: LinkKind[],
  qbListIds: string[],
): Promise<Map<string, EntityLinkEntity>> {
  const found = new Map<string, EntityLinkEntity>();
  const ids = [...new Set(qbListIds)];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await manager.find(EntityLinkEntity, {
      where: { companyId, kind: In(kinds), qbListId: In(ids.slice(i, i + CHUNK)) },
    });
    for (const row of rows) found.set(linkKey(row.kind, row.qbListId), row);
  }
  return found;
}

/** Client links by their customer's FullName, case-insensitively (QuickBooks' rule). */
export async function loadClientsByName(
  manager: EntityManager,
  companyId: string,
  names: string[],
): Promise<Map<string, EntityLinkEntity>> {
  const found = new Map<string, EntityLinkEntity>();
  const lowered = [...new Set(names.map((name) => name.toLowerCase()))];
  if (lowered.length === 0) return found;
  const rows = await manager
    .createQueryBuilder(EntityLinkEntity, 'l')
    .where('l.companyId = :companyId', { companyId })
    .andWhere(`l.kind = 'client'`)
    .andWhere('lower(l.qbFullName) = ANY(:names)', { names: lowered })
    .getMany();
  for (const row of rows) found.set(row.qbFullName.toLowerCase(), row);
  return found;
}

/**
 * Inserts or updates links in bulk; `plId` and `matchReason` are the delivery's to set.
 * The rows travel as one array per column (`unnest`), so a page is one statement with a
 * dozen parameters rather than thousands.
 */
export async function upsertLinks(
  manager: EntityManager,
  rows: LinkRow[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await manager.query(
      `INSERT INTO entity_link
         ("companyId", kind, "qbListId", "qbFullName", "qbParentListId", "qbEditSequence",
          "qbTimeModified", active, data, "lastSeenImportRunId")
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[],
                            $6::text[], $7::text[], $8::boolean[], $9::jsonb[], $10::uuid[])
       ON CONFLICT ("companyId", kind, "qbListId") DO UPDATE SET
         "qbFullName" = EXCLUDED."qbFullName",
         "qbParentListId" = EXCLUDED."qbParentListId",
         "qbEditSequence" = EXCLUDED."qbEditSequence",
         "qbTimeModified" = EXCLUDED."qbTimeModified",
         active = EXCLUDED.active,
         data = EXCLUDED.data,
         "lastSeenImportRunId" = EXCLUDED."lastSeenImportRunId",
         "updatedAt" = now()`,
      [
        chunk.map((r) => r.companyId),
        chunk.map((r) => r.kind),
        chunk.map((r) => r.qbListId),
        chunk.map((r) => r.qbFullName),
        chunk.map((r) => r.qbParentListId),
        chunk.map((r) => r.qbEditSequence),
        chunk.map((r) => r.qbTimeModified),
        chunk.map((r) => r.active),
        chunk.map((r) => JSON.stringify(r.data)),
        chunk.map((r) => r.lastSeenImportRunId),
      ],
    );
  }
}

/** Marks records as seen by a run without changing them (records QuickBooks sent but
 * that could not be imported this time must not look deleted to a full import). */
export async function touchLinks(
  manager: EntityManager,
  companyId: string,
  kinds: LinkKind[],
  qbListIds: string[],
  runId: string,
): Promise<void> {
  if (qbListIds.length === 0) return;
  await manager
    .createQueryBuilder()
    .update(EntityLinkEntity)
    .set({ lastSeenImportRunId: runId })
    .where({ companyId, kind: In(kinds), qbListId: In(qbListIds) })
    .execute();
}

export interface SweptLink {
  kind: LinkKind;
  qbListId: string;
  data: Record<string, unknown>;
}

/**
 * After a full import, the active links of its kinds that the run did not see belong to
 * records gone from QuickBooks: they are marked inactive (never deleted) and returned so
 * that ProgressionLIVE's records are deactivated too.
 */
export async function deactivateUnseen(
  manager: EntityManager,
  companyId: string,
  kinds: LinkKind[],
  runId: string,
): Promise<SweptLink[]> {
  const rows: SweptLink[] = await manager
    .query(
      `UPDATE entity_link
        SET active = false,
            data = jsonb_set(data, '{active}', 'false'::jsonb),
            "updatedAt" = now()
      WHERE "companyId" = $1
        AND kind = ANY($2)
        AND active = true
        AND "lastSeenImportRunId" IS DISTINCT FROM $3
      RETURNING kind, "qbListId", data`,
      [companyId, kinds, runId],
    )
    .then((result: unknown) => rowsOf(result));
  return rows;
}

// TypeORM returns [rows, count] for an UPDATE ... RETURNING on Postgres.
function rowsOf(result: unknown): SweptLink[] {
  if (Array.isArray(result) && Array.isArray(result[0])) return result[0] as SweptLink[];
  return (result as SweptLink[]) ?? [];
}
