import type { DocumentKind } from '@qbd/domain';
import { compareDecimals, type QbSalesTxnRet, type QbTxnFilter } from '@qbd/qbxml';
import type { DocumentMatch, DocumentQueryUnsent } from './document-params';

/**
 * The query that finds a document whose answer was lost. By the RefNumber we asked for
 * when there is one (exact match, whoever the customer is, so that a number already
 * taken shows up); otherwise every document of that date (of that customer when it
 * existed before), among which our ExternalGUID picks ours. QuickBooks cannot filter
 * transactions by ExternalGUID, and RefNumber excludes the other filters.
 */
export function lookupRequest(
  kind: DocumentKind,
  match: DocumentMatch,
): DocumentQueryUnsent {
  const filter = lookupFilter(match);
  return kind === 'salesOrder'
    ? { type: 'SalesOrderQuery', ...filter }
    : { type: 'InvoiceQuery', ...filter };
}

function lookupFilter(match: DocumentMatch): QbTxnFilter {
  if (match.refNumber) return { RefNumber: [match.refNumber] };
  const dates = {
    TxnDateRangeFilter: { FromTxnDate: match.date, ToTxnDate: match.date },
  };
  // A customer added in the lost message may not exist; filtering on its name could
  // then be refused, so a new customer's documents are picked from the whole day.
  return match.customer.listId
    ? { ...dates, EntityFilter: { ListID: [match.customer.listId] } }
    : dates;
}

export type LookupVerdict =
  | { kind: 'found'; ret: QbSalesTxnRet; duplicates: QbSalesTxnRet[] }
  | { kind: 'notFound' }
  | { kind: 'ambiguous'; candidates: QbSalesTxnRet[] };

type Reading = 'ours' | 'oursByGuid' | 'conflict' | 'other';

/**
 * Decides what a lookup found. A document carrying our ExternalGUID is ours. Without a
 * GUID to compare, a document is ours only when RefNumber, customer and total all agree;
 * the same RefNumber with another customer or total, or (when QuickBooks numbered it) a
 * document of the same customer, date and total, is a near match a person must confirm:
 * linking it could bill the task on someone else's invoice, and adding could bill twice.
 */
export function judgeLookup(
  records: QbSalesTxnRet[],
  match: DocumentMatch,
): LookupVerdict {
  const read = records.map((ret) => ({ ret, reading: readRecord(ret, match) }));
  const byGuid = read.filter((r) => r.reading === 'oursByGuid').map((r) => r.ret);
  if (byGuid.length > 0) {
    const [first, ...duplicates] = [...byGuid].sort(byCreation);
    return { kind: 'found', ret: first!, duplicates };
  }

  const ours = read.filter((r) => r.reading === 'ours').map((r) => r.ret);
  const conflicts = read.filter((r) => r.reading === 'conflict').map((r) => r.ret);
  if (ours.length === 1 && conflicts.length === 0)
    return { kind: 'found', ret: ours[0]!, duplicates: [] };
  if (ours.length + conflicts.length > 0)
    return { kind: 'ambiguous', candidates: [...ours, ...conflicts] };
  return { kind: 'notFound' };
}

function readRecord(ret: QbSalesTxnRet, match: DocumentMatch): Reading {
  const guid = guidOf(ret);
  if (match.externalGuid && guid) {
    if (guid === match.externalGuid.toUpperCase()) return 'oursByGuid';
    return match.refNumber && sameText(ret.RefNumber, match.refNumber)
      ? 'conflict'
      : 'other';
  }
  if (match.refNumber) {
    if (!sameText(ret.RefNumber, match.refNumber)) return 'other';
    return sameCustomer(ret, match) && sameTotal(ret, match) ? 'ours' : 'conflict';
  }
  // QuickBooks numbered the document and there is no GUID: nothing we control tells it apart.
  return sameCustomer(ret, match) && ret.TxnDate === match.date && sameTotal(ret, match)
    ? 'conflict'
    : 'other';
}

/** QuickBooks writes "0" (or an all-zero GUID) when a document has no ExternalGUID. */
function guidOf(ret: QbSalesTxnRet): string | null {
  const guid = ret.ExternalGUID?.trim().toUpperCase();
  if (!guid || guid === '0' || /^\{?[0-]+\}?$/.test(guid)) return null;
  return guid.startsWith('{') ? guid : `{${guid}}`;
}

export function sameCustomer(ret: QbSalesTxnRet, match: DocumentMatch): boolean {
  const ref = ret.CustomerRef;
  if (!ref) return false;
  if (match.customer.listId && ref.ListID) return ref.ListID === match.customer.listId;
  return sameText(ref.FullName, match.customer.fullName);
}

export function sameTotal(ret: QbSalesTxnRet, match: DocumentMatch): boolean {
  if (!ret.Subtotal) return false;
  try {
    return compareDecimals(ret.Subtotal, match.total) === 0;
  } catch {
    return false;
  }
}

function sameText(a: string | undefined, b: string): boolean {
  return (a ?? '').trim().toLowerCase() === b.trim().toLowerCase();
}

function byCreation(a: QbSalesTxnRet, b: QbSalesTxnRet): number {
  return (
    (a.TxnNumber ?? Number.MAX_SAFE_INTEGER) - (b.TxnNumber ?? Number.MAX_SAFE_INTEGER)
  );
}
