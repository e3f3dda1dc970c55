import type { EntityManager } from 'typeorm';
import {
  RecordErrorEntity,
  enqueueOutbox,
  toErrorRecord,
  type EntityLinkEntity,
  type LinkKind,
  type OutboxWrite,
} from '@qbd/domain';
import {
  qbDateTimeLocalPart,
  type CustomerRet,
  type ListDeletedRet,
  type QbListRecordRet,
} from '@qbd/qbxml';
import { diffFields, sameValue } from './field-diff';
import { ImportRecordError } from './import-errors';
import {
  linkKey,
  loadClientsByName,
  loadLinks,
  touchLinks,
  upsertLinks,
  type LinkRow,
} from './link-store';
import { deactivationWrite, upsertWrite } from './outbox-writes';
import {
  mapClass,
  mapCustomer,
  mapItem,
  mapJob,
  mapSalesTaxCode,
  mapSite,
  topCustomerName,
  type MappedRecord,
  type MappingSettings,
} from './record-mapping';

/** The QuickBooks lists an import work item can carry. */
export type ImportedEntity =
  'customers' | 'items' | 'classes' | 'sites' | 'salesTaxCodes';

/** The links each list produces (customers: clients and, for jobs, locations). */
export const KINDS_OF: Record<ImportedEntity, LinkKind[]> = {
  customers: ['client', 'location'],
  items: ['product'],
  classes: ['class'],
  sites: ['site'],
  salesTaxCodes: ['salesTaxCode'],
};

export interface PageCounts {
  received: number;
  added: number;
  changed: number;
  unchanged: number;
  deactivated: number;
  errors: number;
}

export interface PageInput {
  manager: EntityManager;
  companyId: string;
  entity: ImportedEntity;
  runId: string;
  settings: MappingSettings;
  records: QbListRecordRet[];
  deleted: ListDeletedRet[];
}

export interface PageOutcome {
  counts: PageCounts;
  /** Highest TimeModified (or TimeDeleted) of the page, as QuickBooks wrote it. */
  maxModified: string | null;
  writes: number;
}

interface RefusedRecord {
  qbListId: string | null;
  name: string | null;
  error: ImportRecordError;
}

export const emptyCounts = (): PageCounts => ({
  received: 0,
  added: 0,
  changed: 0,
  unchanged: 0,
  deactivated: 0,
  errors: 0,
});

/**
 * Applies one page of a list import in a handful of queries: the page's links are read at
 * once, each record is compared with what ProgressionLIVE was last sent, and the links,
 * outbox writes and record errors are written in bulk. Applying the same page again
 * finds nothing changed and writes nothing to ProgressionLIVE.
 */
export async function applyImportPage(input: PageInput): Promise<PageOutcome> {
  const { manager, companyId, entity } = input;
  const kinds = KINDS_OF[entity];
  const links = await loadLinks(manager, companyId, kinds, listIdsToLoad(input));
  const { mapped, refused } = await mapPage(input, links);

  const counts = emptyCounts();
  counts.received = input.records.length;
  const rows: LinkRow[] = [];
  const writes: OutboxWrite[] = [];
  for (const record of mapped) {
    const link = links.get(linkKey(record.kind, record.qbListId));
    compareRecord(input, record, link, { counts, rows, writes });
  }
  for (const deleted of input.deleted) {
    deactivateDeleted(input, deleted, links, { counts, rows, writes });
  }

  await upsertLinks(manager, lastPerLink(rows));
  await touchLinks(manager, companyId, kinds, refusedIds(refused), input.runId);
  await enqueueOutbox(manager, writes);
  await recordErrors(input, refused);
  counts.errors = refused.length;
  return { counts, maxModified: maxModifiedOf(input), writes: writes.length };
}

function listIdsToLoad(input: PageInput): string[] {
  const ids = input.records.map((record) => record.ListID).filter(Boolean);
  // A job's client may be linked already although its customer is not on this page.
  const parents = input.records
    .map((record) => record.ParentRef?.ListID)
    .filter((id): id is string => !!id);
  const deleted = input.deleted.map((record) => record.ListID);
  return [...ids, ...parents, ...deleted];
}

async function mapPage(input: PageInput, links: Map<string, EntityLinkEntity>) {
  const mapped: MappedRecord[] = [];
  const refused: RefusedRecord[] = [];
  const clientOf =
    input.entity === 'customers' ? await clientResolver(input, links) : null;

  for (const record of input.records) {
    try {
      mapped.push(mapRecord(input, record, clientOf));
    } catch (error) {
      refused.push({
        qbListId: record.ListID || null,
        name: record.FullName ?? record.Name ?? null,
        error:
          error instanceof ImportRecordError
            ? error
            : ImportRecordError.unreadable(record.ListID, (error as Error).message),
      });
    }
  }
  // Clients first: a location's write must find its client's write ahead of it.
  mapped.sort((a, b) => Number(a.kind === 'location') - Number(b.kind === 'location'));
  return { mapped, refused };
}

type ClientResolver = (job: CustomerRet) => string;

function mapRecord(
  input: PageInput,
  record: QbListRecordRet,
  clientOf: ClientResolver | null,
): MappedRecord {
  switch (input.entity) {
    case 'customers': {
      const customer = record as CustomerRet;
      if (!customer.Sublevel) return mapCustomer(customer, input.settings);
      return mapJob(customer, (clientOf as ClientResolver)(customer), input.settings);
    }
    case 'items':
      return mapItem(record as never, input.settings);
    case 'classes':
      return mapClass(record, input.settings);
    case 'sites':
      return mapSite(record, input.settings);
    case 'salesTaxCodes':
      return mapSalesTaxCode(record);
  }
}

/**
 * Finds the top-level customer of each job. QuickBooks gives a job only its direct parent
 * (`ParentRef`), but its FullName starts with the top-level customer's name, and names
 * cannot contain ":" — so the customer is found by name on this page or among the
 * clients already linked (one query for the whole page).
 */
async function clientResolver(
  input: PageInput,
  links: Map<string, EntityLinkEntity>,
): Promise<ClientResolver> {
  const onPage = new Map<string, string>();
  const pageIds = new Set<string>();
  for (const record of input.records as CustomerRet[]) {
    if (record.Sublevel || !record.ListID) continue;
    onPage.set((record.FullName ?? record.Name ?? '').toLowerCase(), record.ListID);
    pageIds.add(record.ListID);
  }
  const wanted = (input.records as CustomerRet[])
    .filter((record) => record.Sublevel && record.FullName)
    .map((record) => topCustomerName(record.FullName as string))
    .filter((name) => !onPage.has(name.toLowerCase()));
  const linked = await loadClientsByName(input.manager, input.companyId, wanted);

  return (job) => {
    const parent = job.ParentRef?.ListID;
    if (
      job.Sublevel === 1 &&
      parent &&
      (pageIds.has(parent) || links.has(linkKey('client', parent)))
    ) {
      return parent;
    }
    const top = topCustomerName(job.FullName ?? job.Name ?? '');
    const found =
      onPage.get(top.toLowerCase()) ?? linked.get(top.toLowerCase())?.qbListId;
    if (!found)
      throw ImportRecordError.jobWithoutCustomer(job.FullName ?? job.Name ?? '', top);
    return found;
  };
}

interface Sink {
  counts: PageCounts;
  rows: LinkRow[];
  writes: OutboxWrite[];
}

function compareRecord(
  input: PageInput,
  record: MappedRecord,
  link: EntityLinkEntity | undefined,
  sink: Sink,
): void {
  const send = fieldsToSend(record, link);
  if (!link) sink.counts.added += 1;
  else if (Object.keys(send).length === 0) sink.counts.unchanged += 1;
  else if (link.active && !record.active) sink.counts.deactivated += 1;
  else sink.counts.changed += 1;

  sink.rows.push(linkRow(input, record));
  if (Object.keys(send).length === 0) return;
  const write = upsertWrite(input.companyId, record, send, !link?.plId);
  if (write) sink.writes.push(write);
}

/**
 * Everything for a record ProgressionLIVE does not hold yet (its create may still be in
 * the outbox, and repeating every field keeps the write self-sufficient); otherwise only
 * what changed since the last write.
 */
function fieldsToSend(
  record: MappedRecord,
  link: EntityLinkEntity | undefined,
): Record<string, unknown> {
  if (!link) return record.fields;
  if (link.plId) return diffFields(link.data, record.fields);
  return sameValue(link.data, record.fields) ? {} : record.fields;
}

function linkRow(input: PageInput, record: MappedRecord): LinkRow {
  return {
    companyId: input.companyId,
    kind: record.kind,
    qbListId: record.qbListId,
    qbFullName: record.qbFullName,
    qbParentListId: record.qbParentListId,
    qbEditSequence: record.qbEditSequence,
    qbTimeModified: record.qbTimeModified,
    active: record.active,
    data: record.fields,
    lastSeenImportRunId: input.runId,
  };
}

/** A record deleted in QuickBooks: deactivated in ProgressionLIVE, never deleted. */
function deactivateDeleted(
  input: PageInput,
  deleted: ListDeletedRet,
  links: Map<string, EntityLinkEntity>,
  sink: Sink,
): void {
  for (const kind of KINDS_OF[input.entity]) {
    const link = links.get(linkKey(kind, deleted.ListID));
    if (!link || !link.active) continue;

    const data = { ...link.data, active: false };
    sink.rows.push({ ...linkFields(link), active: false, data });
    const write = deactivationWrite(input.companyId, {
      kind,
      qbListId: link.qbListId,
      data,
    });
    if (write) sink.writes.push(write);
    sink.counts.deactivated += 1;
  }
}

function linkFields(link: EntityLinkEntity): LinkRow {
  return {
    companyId: link.companyId,
    kind: link.kind,
    qbListId: link.qbListId,
    qbFullName: link.qbFullName,
    qbParentListId: link.qbParentListId,
    qbEditSequence: link.qbEditSequence,
    qbTimeModified: link.qbTimeModified,
    active: link.active,
    data: link.data,
    lastSeenImportRunId: link.lastSeenImportRunId,
  };
}

// One INSERT ... ON CONFLICT cannot touch a row twice: keep the last word on each link.
function lastPerLink(rows: LinkRow[]): LinkRow[] {
  const byKey = new Map<string, LinkRow>();
  for (const row of rows) byKey.set(linkKey(row.kind, row.qbListId), row);
  return [...byKey.values()];
}

function refusedIds(refused: RefusedRecord[]): string[] {
  return refused.map((r) => r.qbListId).filter((id): id is string => !!id);
}

async function recordErrors(input: PageInput, refused: RefusedRecord[]): Promise<void> {
  if (refused.length === 0) return;
  const rows = refused.map((r) => ({
    companyId: input.companyId,
    importRunId: input.runId,
    entity: input.entity,
    qbListId: r.qbListId,
    name: r.name,
    error: toErrorRecord(r.error),
  }));
  await input.manager.insert(RecordErrorEntity, rows as never);
}

function maxModifiedOf(input: PageInput): string | null {
  const stamps = [
    ...input.records.map((record) => record.TimeModified),
    ...input.deleted.map((record) => record.TimeDeleted),
  ];
  return latestQbTime(stamps);
}

/**
 * The latest of QuickBooks date-times, compared on their wall-clock part: the offsets
 * QuickBooks prints ignore daylight saving time, so comparing instants would be wrong by
 * an hour across a DST change. The winner is returned as QuickBooks wrote it.
 */
export function latestQbTime(values: (string | null | undefined)[]): string | null {
  let best: string | null = null;
  let bestLocal = '';
  for (const value of values) {
    if (!value) continue;
    const local = safeLocalPart(value);
    if (local !== null && local > bestLocal) {
      best = value;
      bestLocal = local;
    }
  }
  return best;
}

function safeLocalPart(value: string): string | null {
  try {
    return qbDateTimeLocalPart(value);
  } catch {
    return null;
  }
}
