import { status } from '../../qbxml/status';
import { child, childrenNamed, childText, type XmlElement } from '../../xml/xml-tree';
import type { CompanyStore } from '../company-store';
import {
  StatusError,
  type HandlerContext,
  type RequestHandler,
} from '../handler-context';
import type { TxnRecord, TxnType } from '../model';
import { parseQbDateTime } from '../qb-time';
import { textMatcher } from './list-query';
import { runQuery, type QueryMatch } from './query-runner';

/** Handler for InvoiceQueryRq / SalesOrderQueryRq. */
export function txnQuery(type: TxnType): RequestHandler {
  return (ctx) => {
    if (type === 'SalesOrder' && !ctx.store.settings.salesOrders) {
      throw new StatusError(status.featureNotEnabled());
    }
    const includeLines = childText(ctx.rq, 'IncludeLineItems') === 'true';
    return runQuery(ctx, {
      match: () => matchTxns(ctx, type),
      render: (id) => {
        const txn = ctx.store.txns.get(id);
        return txn ? ctx.writer.txn(txn, includeLines) : undefined;
      },
    });
  };
}

function matchTxns(ctx: HandlerContext, type: TxnType): QueryMatch {
  const all = ctx.store.txnsOf(type).sort((a, b) => a.TxnNumber - b.TxnNumber);
  const txnIds = childrenNamed(ctx.rq, 'TxnID').map((e) => e.text.trim());
  if (txnIds.length > 0) return byTxnIds(ctx.store, type, txnIds);

  const refs = childrenNamed(ctx.rq, 'RefNumber').map((e) => e.text.trim().toLowerCase());
  if (refs.length > 0) {
    return {
      ids: all
        .filter((t) => refs.includes((t.values['RefNumber'] ?? '').toLowerCase()))
        .map(id),
    };
  }
  const exact = childrenNamed(ctx.rq, 'RefNumberCaseSensitive').map((e) => e.text.trim());
  if (exact.length > 0)
    return {
      ids: all.filter((t) => exact.includes(t.values['RefNumber'] ?? '')).map(id),
    };

  const filter = txnFilter(ctx);
  return { ids: all.filter(filter).map(id) };
}

const id = (t: TxnRecord) => t.TxnID;

function byTxnIds(store: CompanyStore, type: TxnType, txnIds: string[]): QueryMatch {
  const found = txnIds.filter((t) => store.txns.get(t)?.txnType === type);
  const missing = txnIds.filter((t) => !found.includes(t));
  if (missing.length === 0) return { ids: found };
  if (found.length === 0) return { ids: [], status: status.txnNotFound(missing[0]) };
  return { ids: found, status: status.notFullyCompleted(missing[0]) };
}

function txnFilter(ctx: HandlerContext): (t: TxnRecord) => boolean {
  const tests: ((t: TxnRecord) => boolean)[] = [];
  const tz = ctx.store.settings.timeZone;
  const modified = child(ctx.rq, 'ModifiedDateRangeFilter');
  if (modified)
    tests.push(
      rangeTest(
        modified,
        'FromModifiedDate',
        'ToModifiedDate',
        tz,
        (t) => t.TimeModified,
      ),
    );

  const txnDates = child(ctx.rq, 'TxnDateRangeFilter');
  if (txnDates) tests.push(txnDateTest(txnDates));

  const entity = child(ctx.rq, 'EntityFilter');
  if (entity) tests.push(entityTest(ctx.store, entity));

  const refFilter = child(ctx.rq, 'RefNumberFilter');
  if (refFilter) {
    const match = textMatcher(
      childText(refFilter, 'MatchCriterion') ?? 'StartsWith',
      childText(refFilter, 'RefNumber') ?? '',
    );
    tests.push((t) => match(t.values['RefNumber'] ?? ''));
  }
  const refRange = child(ctx.rq, 'RefNumberRangeFilter');
  if (refRange) tests.push(refRangeTest(refRange));

  const paid = childText(ctx.rq, 'PaidStatus');
  if (paid === 'PaidOnly') tests.push((t) => t.values['IsPaid'] === 'true');
  if (paid === 'NotPaidOnly') tests.push((t) => t.values['IsPaid'] !== 'true');
  return (t) => tests.every((test) => test(t));
}

function rangeTest(
  element: XmlElement,
  fromName: string,
  toName: string,
  tz: string,
  value: (t: TxnRecord) => number,
): (t: TxnRecord) => boolean {
  const from = childText(element, fromName);
  const to = childText(element, toName);
  const fromMs = from === undefined ? -Infinity : parseQbDateTime(from, tz);
  const toMs = to === undefined ? Infinity : parseQbDateTime(to, tz, true);
  return (t) => value(t) >= fromMs && value(t) <= toMs;
}

function txnDateTest(element: XmlElement): (t: TxnRecord) => boolean {
  const from = childText(element, 'FromTxnDate');
  const to = childText(element, 'ToTxnDate');
  return (t) => {
    const date = t.values['TxnDate'] ?? '';
    return (from === undefined || date >= from) && (to === undefined || date <= to);
  };
}

function entityTest(store: CompanyStore, element: XmlElement): (t: TxnRecord) => boolean {
  const ids = new Set<string>(childrenNamed(element, 'ListID').map((e) => e.text.trim()));
  for (const name of childrenNamed(element, 'FullName')) {
    const record = store.findByFullName('Customer', name.text.trim());
    if (record) ids.add(record.ListID);
  }
  const withChildren =
    childText(element, 'ListIDWithChildren') ??
    store.findByFullName('Customer', childText(element, 'FullNameWithChildren') ?? '')
      ?.ListID;
  if (withChildren) addWithDescendants(store, withChildren, ids);
  return (t) => ids.has(t.refs['CustomerRef']);
}

function addWithDescendants(
  store: CompanyStore,
  listId: string,
  into: Set<string>,
): void {
  into.add(listId);
  for (const c of store.childrenOf(listId)) addWithDescendants(store, c, into);
}

function refRangeTest(element: XmlElement): (t: TxnRecord) => boolean {
  const from = childText(element, 'FromRefNumber')?.toLowerCase();
  const to = childText(element, 'ToRefNumber')?.toLowerCase();
  return (t) => {
    const ref = (t.values['RefNumber'] ?? '').toLowerCase();
    return (from === undefined || ref >= from) && (to === undefined || ref <= to);
  };
}
