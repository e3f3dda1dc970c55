import type { XmlElement } from '../xml/xml-tree';

/** Which requests a fault applies to: a request name and/or leaf values found inside it. */
export interface RequestMatch {
  /** e.g. "InvoiceAddRq"; any request when absent. */
  request?: string;
  /** Element name → text (case-insensitive), e.g. { RefNumber: "FS-10442" } or { Name: "Acme" }. */
  fields?: Record<string, string>;
}

/** Answer matching requests with this status instead of processing them. */
export interface RefuseRule extends RequestMatch {
  statusCode: number;
  statusMessage?: string;
  /** How many times; every time when absent. */
  times?: number;
}

export interface LoseResponseRule {
  /** Which saved request loses its answer; any Add/Mod/Del when absent. */
  match?: RequestMatch;
  times?: number;
}

export interface MidIteratorRule {
  /** Close after this many iterator pages were delivered (default 1). */
  afterPages?: number;
  /**
   * `abort`: the Web Connector stops there (no further call, like a closed window or a
   * sleeping PC). `reopen`: QuickBooks' session ends and a new one opens, the update goes on.
   */
  mode?: 'abort' | 'reopen';
  times?: number;
}

/**
 * Failures to inject. Set on a company file (they apply to every update against it) or pass
 * to one Web Connector session. `true` means every time, a number how many times.
 */
export interface Faults {
  /** Opening the company file fails: connectionError 0x80040408 "Could not start QuickBooks.". */
  couldNotStart?: boolean | number;
  /** QuickBooks saves the change, then the answer never reaches the gateway (network drop). */
  loseResponseAfterSave?: boolean | number | LoseResponseRule;
  /** The request-processor session ends while an iterator is open. */
  closeSessionMidIterator?: boolean | number | MidIteratorRule;
  /** Chosen records refused with chosen status codes. */
  refuse?: RefuseRule[];
  /** Extra time QuickBooks takes to answer each request, in milliseconds. */
  delayMs?: number;
}

type Countable = boolean | number | { times?: number } | undefined;

/**
 * Whether a countable fault fires now; decrements its count when it has one.
 * Returns the rule object (or an empty one) when it fires.
 */
export function take<
  K extends 'couldNotStart' | 'loseResponseAfterSave' | 'closeSessionMidIterator',
>(
  faults: Faults,
  key: K,
  accept: (
    rule: Exclude<Faults[K], boolean | number | undefined> | Record<string, never>,
  ) => boolean = () => true,
): boolean {
  const value = faults[key] as Countable;
  if (value === undefined || value === false || value === 0) return false;
  const rule = (typeof value === 'object' ? value : {}) as Parameters<typeof accept>[0];
  if (!accept(rule)) return false;
  if (typeof value === 'number') faults[key] = (value - 1) as Faults[K];
  if (typeof value === 'object' && value.times !== undefined) value.times -= 1;
  if (typeof value === 'object' && value.times === 0) delete faults[key];
  return true;
}

/** The refuse rule that applies to this request, consuming one use of it. */
export function takeRefusal(faults: Faults, rq: XmlElement): RefuseRule | undefined {
  const rule = faults.refuse?.find((r) => (r.times ?? 1) > 0 && matches(r, rq));
  if (rule?.times !== undefined) rule.times -= 1;
  return rule;
}

export function matches(match: RequestMatch, rq: XmlElement): boolean {
  if (match.request && match.request !== rq.name) return false;
  return Object.entries(match.fields ?? {}).every(([name, value]) =>
    hasLeaf(rq, name, value),
  );
}

function hasLeaf(element: XmlElement, name: string, value: string): boolean {
  if (element.name === name && element.children.length === 0) {
    return element.text.trim().toLowerCase() === value.toLowerCase();
  }
  return element.children.some((c) => hasLeaf(c, name, value));
}

/** True for requests that change the company file. */
export function isWrite(requestName: string): boolean {
  return /(Add|Mod|Del|Void)Rq$/.test(requestName);
}
