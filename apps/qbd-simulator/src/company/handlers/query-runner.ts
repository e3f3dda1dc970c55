import type { QbNode } from '../../qbxml/qb-node';
import { status, type QbStatus } from '../../qbxml/status';
import { childrenNamed, childText } from '../../xml/xml-tree';
import type { HandlerContext, RsResult } from '../handler-context';

/** The outcome of evaluating a query's filters. */
export interface QueryMatch {
  ids: string[];
  /** A status other than "OK"/"no match" decided by the filters (500 warning, 3120 ...). */
  status?: QbStatus;
}

export interface QuerySpec {
  match: () => QueryMatch;
  render: (id: string) => QbNode | undefined;
  /** Status to give when nothing matched (1 for queries). */
  emptyStatus?: QbStatus;
}

/**
 * Runs a query the way QuickBooks does: plain (with MaxReturned), or through an iterator
 * (Start / Continue / Stop) kept in the request-processor session, with `metaData` counts
 * and IncludeRetElement trimming.
 */
export function runQuery(ctx: HandlerContext, spec: QuerySpec): RsResult {
  const iterator = ctx.rq.attrs['iterator'];
  if (iterator === 'Continue') return continueIterator(ctx, spec);
  if (iterator === 'Stop') return stopIterator(ctx);

  const matched = spec.match();
  if (matched.status && matched.status.severity === 'Error')
    return { status: matched.status };
  if (iterator === 'Start') return startIterator(ctx, spec, matched);

  const limit = maxReturned(ctx);
  const ids = limit === undefined ? matched.ids : matched.ids.slice(0, limit);
  return page(ctx, spec, ids, matched.status, []);
}

function startIterator(
  ctx: HandlerContext,
  spec: QuerySpec,
  matched: QueryMatch,
): RsResult {
  const limit = maxReturned(ctx);
  const state = ctx.session.startIterator(ctx.rsName, matched.ids, limit);
  return nextPage(ctx, spec, state.id, matched.status);
}

function continueIterator(ctx: HandlerContext, spec: QuerySpec): RsResult {
  const id = ctx.rq.attrs['iteratorID'] ?? '';
  const state = ctx.session.iterator(id);
  if (!state || state.rsName !== ctx.rsName)
    return { status: status.invalidIterator(id) };
  state.maxReturned = maxReturned(ctx) ?? state.maxReturned;
  return nextPage(ctx, spec, id);
}

function nextPage(
  ctx: HandlerContext,
  spec: QuerySpec,
  id: string,
  warning?: QbStatus,
): RsResult {
  const state = ctx.session.iterator(id)!;
  const end =
    state.maxReturned === undefined
      ? state.ids.length
      : state.position + state.maxReturned;
  const ids = state.ids.slice(state.position, end);
  state.position += ids.length;
  const remaining = state.ids.length - state.position;
  // QuickBooks forgets an iterator once it has handed out the last page.
  if (remaining === 0) ctx.session.dropIterator(id);
  return page(ctx, spec, ids, warning, [
    ['iteratorRemainingCount', String(remaining)],
    ['iteratorID', id],
  ]);
}

function stopIterator(ctx: HandlerContext): RsResult {
  const id = ctx.rq.attrs['iteratorID'] ?? '';
  if (!ctx.session.iterator(id)) return { status: status.invalidIterator(id) };
  ctx.session.dropIterator(id);
  return {
    status: status.ok(),
    attrs: [
      ['iteratorRemainingCount', '0'],
      ['iteratorID', id],
    ],
  };
}

function page(
  ctx: HandlerContext,
  spec: QuerySpec,
  ids: string[],
  warning: QbStatus | undefined,
  iteratorAttrs: [string, string][],
): RsResult {
  const metaData = ctx.rq.attrs['metaData'];
  const attrs: [string, string][] = [];
  if (metaData === 'MetaDataOnly' || metaData === 'MetaDataAndResponseData') {
    attrs.push(['retCount', String(ids.length)]);
  }
  attrs.push(...iteratorAttrs);

  const includeRet = childrenNamed(ctx.rq, 'IncludeRetElement').map((e) => e.text.trim());
  const rets =
    metaData === 'MetaDataOnly'
      ? []
      : ids.flatMap((id) => {
          const node = spec.render(id);
          return node ? [trimRet(node, includeRet)] : [];
        });
  const empty = ids.length === 0;
  const result =
    warning ?? (empty ? (spec.emptyStatus ?? status.noMatch()) : status.ok());
  return { status: result, rets, attrs };
}

/** Keeps only the top-level elements named by IncludeRetElement (all when none is given). */
export function trimRet(node: QbNode, includeRet: string[]): QbNode {
  if (includeRet.length === 0 || !node.children) return node;
  const wanted = new Set(includeRet);
  return { ...node, children: node.children.filter((c) => wanted.has(c.name)) };
}

export function maxReturned(ctx: HandlerContext): number | undefined {
  const text = childText(ctx.rq, 'MaxReturned');
  return text === undefined ? undefined : Number(text);
}
