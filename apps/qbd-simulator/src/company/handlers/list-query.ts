import { status } from '../../qbxml/status';
import { child, childrenNamed, childText, type XmlElement } from '../../xml/xml-tree';
import { categoryOf, type ListCategory } from '../company-store';
import type { HandlerContext, RequestHandler, RsResult } from '../handler-context';
import { isItemType, type ItemType, type ListRecord, type ListType } from '../model';
import { parseQbDateTime } from '../qb-time';
import { runQuery, type QueryMatch } from './query-runner';

/** Handler for a list query over one list (or one item type when `itemType` is given). */
export function listQuery(category: ListCategory, itemType?: ItemType): RequestHandler {
  return (ctx) => answerListQuery(ctx, category, itemType);
}

function answerListQuery(
  ctx: HandlerContext,
  category: ListCategory,
  itemType?: ItemType,
): RsResult {
  return runQuery(ctx, {
    match: () => matchList(ctx, category, itemType),
    render: (id) => {
      const record = ctx.store.lists.get(id);
      return record ? ctx.writer.list(record) : undefined;
    },
  });
}

function matchList(
  ctx: HandlerContext,
  category: ListCategory,
  itemType?: ItemType,
): QueryMatch {
  const ofType = (r: ListRecord) =>
    categoryOf(r.listType) === category && (!itemType || r.listType === itemType);
  const listIds = childrenNamed(ctx.rq, 'ListID').map((e) => e.text.trim());
  if (listIds.length > 0)
    return byKeys(listIds, (id) => ctx.store.lists.get(id), ofType, true);

  const fullNames = childrenNamed(ctx.rq, 'FullName').map((e) => e.text.trim());
  if (fullNames.length > 0) {
    return byKeys(fullNames, (n) => ctx.store.findByFullName(category, n), ofType, false);
  }

  const filter = listFilter(ctx);
  return {
    ids: ctx.store
      .listOf(category)
      .filter((r) => ofType(r) && filter(r))
      .map((r) => r.ListID),
  };
}

// Asking for records by ListID or FullName returns them whatever their active status. A key
// that matches nothing makes the answer a 500 warning naming it; when no key matched at all,
// a ListID lookup is an error (3120) and a FullName lookup stays a warning without records.
function byKeys(
  keys: string[],
  find: (key: string) => ListRecord | undefined,
  accept: (r: ListRecord) => boolean,
  byListId: boolean,
): QueryMatch {
  const ids: string[] = [];
  const missing: string[] = [];
  for (const key of keys) {
    const record = find(key);
    if (record && accept(record)) ids.push(record.ListID);
    else missing.push(key);
  }
  if (missing.length === 0) return { ids };
  if (ids.length === 0 && byListId)
    return { ids, status: status.listObjectNotFound(missing[0]) };
  return { ids, status: status.notFullyCompleted(missing[0]) };
}

function listFilter(ctx: HandlerContext): (r: ListRecord) => boolean {
  const tz = ctx.store.settings.timeZone;
  const active = childText(ctx.rq, 'ActiveStatus') ?? 'ActiveOnly';
  const from = childText(ctx.rq, 'FromModifiedDate');
  const to = childText(ctx.rq, 'ToModifiedDate');
  const fromMs = from === undefined ? undefined : parseQbDateTime(from, tz);
  const toMs = to === undefined ? undefined : parseQbDateTime(to, tz, true);
  const name = nameMatcher(ctx.rq);

  return (r) =>
    (active === 'All' || (active === 'ActiveOnly') === r.IsActive) &&
    (fromMs === undefined || r.TimeModified >= fromMs) &&
    (toMs === undefined || r.TimeModified <= toMs) &&
    name(r.FullName);
}

/** NameFilter / NameRangeFilter, case-insensitive on the full name. */
export function nameMatcher(rq: XmlElement): (fullName: string) => boolean {
  const filter = child(rq, 'NameFilter');
  if (filter) {
    return textMatcher(
      childText(filter, 'MatchCriterion') ?? 'StartsWith',
      childText(filter, 'Name') ?? '',
    );
  }
  const range = child(rq, 'NameRangeFilter');
  if (range) {
    const from = childText(range, 'FromName')?.toLowerCase();
    const to = childText(range, 'ToName')?.toLowerCase();
    return (n) => {
      const v = n.toLowerCase();
      return (from === undefined || v >= from) && (to === undefined || v <= to);
    };
  }
  return () => true;
}

export function textMatcher(
  criterion: string,
  wanted: string,
): (value: string) => boolean {
  const w = wanted.toLowerCase();
  switch (criterion) {
    case 'Contains':
      return (v) => v.toLowerCase().includes(w);
    case 'EndsWith':
      return (v) => v.toLowerCase().endsWith(w);
    default:
      return (v) => v.toLowerCase().startsWith(w);
  }
}

/** `ItemServiceQueryRq` → `ItemService`, for the type-specific item queries. */
export function itemTypeOfQuery(rqName: string): ItemType | undefined {
  const type = rqName.replace(/QueryRq$/, '');
  return isItemType(type) ? type : undefined;
}

export const LIST_QUERY_TYPES: Record<string, ListType | 'Item'> = {
  CustomerQueryRq: 'Customer',
  ClassQueryRq: 'Class',
  InventorySiteQueryRq: 'InventorySite',
  SalesTaxCodeQueryRq: 'SalesTaxCode',
  ItemQueryRq: 'Item',
};
