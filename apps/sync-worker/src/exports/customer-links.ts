import { IsNull, type EntityManager } from 'typeorm';
import { EntityLinkEntity, type OutboxWrite } from '@qbd/domain';
import type { CustomerRet } from '@qbd/qbxml';

export interface CustomerLinkInput {
  companyId: string;
  kind: 'client' | 'location';
  qbListId: string;
  plId: string;
  qbFullName: string;
  qbParentListId?: string | null;
  qbEditSequence?: string | null;
  qbTimeModified?: string | null;
  active?: boolean;
  /** Why the link was made (kept on the link for people reading it later). */
  reason: string;
  /** ListID of the top-level customer: a customer and its jobs share one outbox key. */
  topListId: string;
}

/**
 * Links a QuickBooks customer or job to the ProgressionLIVE client or location it stands
 * for, and queues the write that stores its ListID as that record's external id. A link
 * that already points at a ProgressionLIVE record is left as it is.
 */
export async function linkCustomer(
  manager: EntityManager,
  input: CustomerLinkInput,
): Promise<OutboxWrite[]> {
  const inserted = await manager
    .createQueryBuilder()
    .insert()
    .into(EntityLinkEntity)
    .values({
      companyId: input.companyId,
      kind: input.kind,
      qbListId: input.qbListId,
      plId: input.plId,
      qbFullName: input.qbFullName,
      qbParentListId: input.qbParentListId ?? null,
      qbEditSequence: input.qbEditSequence ?? null,
      qbTimeModified: input.qbTimeModified ?? null,
      active: input.active ?? true,
      data: {},
      matchReason: input.reason,
    })
    .orIgnore()
    .returning(['id'])
    .execute();

  if ((inserted.raw as unknown[]).length === 0) {
    const claimed = await manager.update(
      EntityLinkEntity,
      {
        companyId: input.companyId,
        kind: input.kind,
        qbListId: input.qbListId,
        plId: IsNull(),
      },
      { plId: input.plId, matchReason: input.reason },
    );
    if (!claimed.affected) return [];
  }
  return [externalIdWrite(input)];
}

function externalIdWrite(input: CustomerLinkInput): OutboxWrite {
  return {
    companyId: input.companyId,
    orderingKey: `customer:${input.topListId}`,
    operation: input.kind === 'client' ? 'upsertClient' : 'upsertNode',
    payload: {
      input: { id: input.plId, externalId: input.qbListId },
      link: { kind: input.kind, qbListId: input.qbListId },
    },
  };
}

/** The link fields QuickBooks returned for a customer or job. */
export function fromCustomerRet(ret: CustomerRet, fallbackName: string) {
  return {
    qbListId: ret.ListID,
    qbFullName: ret.FullName ?? fallbackName,
    qbParentListId: ret.ParentRef?.ListID ?? null,
    qbEditSequence: ret.EditSequence ?? null,
    qbTimeModified: ret.TimeModified ?? null,
    active: ret.IsActive ?? true,
    topListId: ret.ParentRef?.ListID ?? ret.ListID,
  };
}
