import { Brackets, In, type EntityManager } from 'typeorm';
import { EntityLinkEntity, type LinkKind, type TaskSnapshot } from '@qbd/domain';
import { customerName, jobNameFor } from './customer-names';

/** What the document builder needs to know of one linked QuickBooks record. */
export interface LinkView {
  kind: LinkKind;
  qbListId: string;
  qbFullName: string;
  qbParentListId: string | null;
  plId: string | null;
  active: boolean;
}

/**
 * The QuickBooks records a task's document refers to, as the connector's own links know
 * them: found by their ProgressionLIVE id, or by their QuickBooks name.
 */
export class ExportReferences {
  constructor(private readonly links: readonly LinkView[]) {}

  /** The record linked to this ProgressionLIVE id; an active one when there are several. */
  byPlId(kind: LinkKind, plId: string | undefined | null): LinkView | undefined {
    const id = plId?.trim();
    if (!id) return undefined;
    const matches = this.links.filter((link) => link.kind === kind && link.plId === id);
    return matches.find((link) => link.active) ?? matches[0];
  }

  /** The record with this FullName (QuickBooks compares names without case). */
  byName(kind: LinkKind, fullName: string | undefined | null): LinkView | undefined {
    const name = fullName?.trim().toLowerCase();
    if (!name) return undefined;
    const matches = this.links.filter(
      (link) => link.kind === kind && link.qbFullName.toLowerCase() === name,
    );
    return matches.find((link) => link.active) ?? matches[0];
  }
}

/** Loads every link a task's document may refer to, in the caller's transaction. */
export async function loadExportReferences(
  manager: EntityManager,
  companyId: string,
  snapshot: TaskSnapshot,
): Promise<ExportReferences> {
  const customers = await loadCustomers(manager, companyId, snapshot);
  const productIds = unique(snapshot.items.map((item) => item.productId?.trim()));
  const products = productIds.length
    ? await manager.findBy(EntityLinkEntity, {
        companyId,
        kind: 'product',
        plId: In(productIds),
      })
    : [];
  const classes = await byIdOrName(manager, companyId, 'class', snapshot.classValue);
  const sites = await byIdOrName(manager, companyId, 'site', snapshot.siteValue);
  const taxCodes = await manager.findBy(EntityLinkEntity, {
    companyId,
    kind: 'salesTaxCode',
  });
  return new ExportReferences(
    [...customers, ...products, ...classes, ...sites, ...taxCodes].map(toView),
  );
}

/**
 * The task's client and location by id, then QuickBooks customers and jobs bearing the
 * names they would be added under (so an existing one is linked instead of duplicated).
 */
async function loadCustomers(
  manager: EntityManager,
  companyId: string,
  snapshot: TaskSnapshot,
) {
  const ids = unique([snapshot.clientId, snapshot.locationId]);
  const byId = ids.length
    ? await manager.findBy(EntityLinkEntity, {
        companyId,
        kind: In(['client', 'location']),
        plId: In(ids),
      })
    : [];

  const clientName = customerName(snapshot.clientName);
  const jobName = jobNameFor(snapshot);
  const parents = unique([
    clientName,
    ...byId
      .filter((link) => link.kind === 'client' && link.plId === snapshot.clientId)
      .map((link) => link.qbFullName),
  ]);
  const names = unique([
    clientName,
    ...(jobName ? parents.map((parent) => `${parent}:${jobName}`) : []),
  ]);
  if (names.length === 0) return byId;

  const byName = await manager
    .createQueryBuilder(EntityLinkEntity, 'link')
    .where('link.companyId = :companyId', { companyId })
    .andWhere(`link.kind IN ('client', 'location')`)
    .andWhere('lower(link.qbFullName) IN (:...names)', {
      names: names.map((name) => name.toLowerCase()),
    })
    .getMany();
  return [...byId, ...byName];
}

async function byIdOrName(
  manager: EntityManager,
  companyId: string,
  kind: LinkKind,
  value: string | undefined,
) {
  const wanted = value?.trim();
  if (!wanted) return [];
  return manager
    .createQueryBuilder(EntityLinkEntity, 'link')
    .where('link.companyId = :companyId AND link.kind = :kind', { companyId, kind })
    .andWhere(
      new Brackets((where) =>
        where
          .where('link.plId = :wanted', { wanted })
          .orWhere('lower(link.qbFullName) = lower(:wanted)'),
      ),
    )
    .getMany();
}

function toView(link: EntityLinkEntity): LinkView {
  return {
    kind: link.kind,
    qbListId: link.qbListId,
    qbFullName: link.qbFullName,
    qbParentListId: link.qbParentListId,
    plId: link.plId,
    active: link.active,
  };
}

function unique(values: (string | undefined | null)[]): string[] {
  return [
    ...new Set(values.filter((value): value is string => !!value && value.trim() !== '')),
  ];
}
