import { group, leaf } from '../../qbxml/qb-node';
import { childrenNamed, child, childText } from '../../xml/xml-tree';
import type { HandlerContext, RequestHandler, RsResult } from '../handler-context';
import { formatQbDateTime, parseQbDateTime } from '../qb-time';
import { status } from '../../qbxml/status';
import { trimRet } from './query-runner';

/** ListDeletedQueryRq / TxnDeletedQueryRq over the company's deletion logs (no iterators). */
export const listDeletedQuery: RequestHandler = (ctx) => {
  const types = new Set(childrenNamed(ctx.rq, 'ListDelType').map((e) => e.text.trim()));
  const inRange = deletedRange(ctx);
  const tz = ctx.store.settings.timeZone;
  const rets = ctx.store.listDeletions
    .filter((d) => types.has(d.ListDelType) && inRange(d.TimeDeleted))
    .map((d) =>
      group('ListDeletedRet', [
        leaf('ListDelType', d.ListDelType),
        leaf('ListID', d.ListID),
        leaf('TimeCreated', formatQbDateTime(d.TimeCreated, tz)),
        leaf('TimeDeleted', formatQbDateTime(d.TimeDeleted, tz)),
        leaf('FullName', d.FullName),
      ])!,
    );
  return answer(ctx, rets);
};

export const txnDeletedQuery: RequestHandler = (ctx) => {
  const types = new Set(childrenNamed(ctx.rq, 'TxnDelType').map((e) => e.text.trim()));
  const inRange = deletedRange(ctx);
  const tz = ctx.store.settings.timeZone;
  const rets = ctx.store.txnDeletions
    .filter((d) => types.has(d.TxnDelType) && inRange(d.TimeDeleted))
    .map((d) =>
      group('TxnDeletedRet', [
        leaf('TxnDelType', d.TxnDelType),
        leaf('TxnID', d.TxnID),
        leaf('TimeCreated', formatQbDateTime(d.TimeCreated, tz)),
        leaf('TimeDeleted', formatQbDateTime(d.TimeDeleted, tz)),
        leaf('RefNumber', d.RefNumber),
      ])!,
    );
  return answer(ctx, rets);
};

function deletedRange(ctx: HandlerContext): (ms: number) => boolean {
  const range = child(ctx.rq, 'DeletedDateRangeFilter');
  const tz = ctx.store.settings.timeZone;
  const from = range ? childText(range, 'FromDeletedDate') : undefined;
  const to = range ? childText(range, 'ToDeletedDate') : undefined;
  const fromMs = from === undefined ? -Infinity : parseQbDateTime(from, tz);
  const toMs = to === undefined ? Infinity : parseQbDateTime(to, tz, true);
  return (ms) => ms >= fromMs && ms <= toMs;
}

function answer(ctx: HandlerContext, rets: ReturnType<typeof group>[]): RsResult {
  const includeRet = childrenNamed(ctx.rq, 'IncludeRetElement').map((e) => e.text.trim());
  const present = rets.filter((r) => r !== undefined).map((r) => trimRet(r!, includeRet));
  return { status: present.length === 0 ? status.noMatch() : status.ok(), rets: present };
}
