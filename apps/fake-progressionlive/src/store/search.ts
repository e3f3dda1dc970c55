import { allFields, RECORD_CLASS, type RecordTypeName } from '../schema/wire-schema';
import { asAny, isWireObject, list, str, type WireObject } from '../soap/wire-value';
import { fault } from './fake-fault';

// The search language of the real service looks like an HQL `WHERE` clause with named
// parameters, but only a few forms are known. The fake accepts exactly the forms the
// connector is designed around and fails loudly on anything else, so nothing can come
// to depend on syntax that was never checked against a real account.

type Kind = 'string' | 'number';

interface Attribute {
  kind: Kind;
  read: (record: WireObject) => string | undefined;
  /** Record types that have it; all when absent. */
  only?: RecordTypeName[];
}

const refId = (field: string) => (r: WireObject) => {
  const ref = r[field];
  return isWireObject(ref) ? str(ref['Id']) : undefined;
};

const ATTRIBUTES: Record<string, Attribute> = {
  id: { kind: 'number', read: (r) => str(r['Id']) },
  externalId: { kind: 'string', read: (r) => str(r['ExternalId']) },
  label: { kind: 'string', read: (r) => str(r['Label']) },
  code: { kind: 'string', read: (r) => str(r['Code']), only: ['TASK'] },
  'type.id': {
    kind: 'number',
    read: refId('TypeRef'),
    only: ['TASK', 'CLIENT', 'NODE', 'PRODUCT', 'DYNAMIC_ENTITY'],
  },
  'client.id': { kind: 'number', read: refId('ClientRef'), only: ['NODE', 'TASK'] },
  'currentState.logicId': {
    kind: 'number',
    read: (r) =>
      isWireObject(r['CurrentState']) ? str(r['CurrentState']['LogicId']) : undefined,
    only: ['TASK'],
  },
};

const PARAM_TYPES: Record<Kind, string[]> = {
  string: ['xsd:string'],
  number: ['xsd:int', 'xsd:long'],
};

export const SUPPORTED_FORMS =
  'attr = :param, joined by "and"; a parenthesised "or" of such equalities; ' +
  `attr one of ${Object.keys(ATTRIBUTES).join(', ')}`;

interface Comparison {
  attribute: string;
  param: string;
}

/** A clause is one comparison, or several joined by `or`. */
type Clause = Comparison[];

export interface SearchInput {
  recordType: string;
  query?: string;
  parameters?: WireObject;
  offset?: number;
  count?: number;
}

/** Runs a search over `records` (already the live records of `recordType`). */
export function search(input: SearchInput, records: WireObject[], maxPage: number) {
  const type = checkType(input.recordType);
  const clauses = parseQuery(input.query ?? '', type);
  const params = readParameters(input.parameters);
  const values = bindAll(clauses, params, input.query ?? '');
  const matching = records.filter((r) => matches(r, clauses, values));
  const offset = input.offset ?? 0;
  const count = Math.min(input.count ?? maxPage, maxPage);
  if (offset < 0 || count < 0) throw fault.validation('SearchLimit values must be >= 0');
  return matching.slice(offset, offset + count);
}

function checkType(recordType: string): RecordTypeName {
  if (!(recordType in RECORD_CLASS)) {
    throw fault.unsupportedQuery(`The fake does not search ${recordType} records`);
  }
  return recordType as RecordTypeName;
}

/** Parses the supported subset; throws UNSUPPORTED_QUERY on anything else. */
export function parseQuery(query: string, type: RecordTypeName): Clause[] {
  const text = query.trim();
  if (text === '') return [];
  return splitTopLevel(text, 'and').map((part) => parseClause(part, type, query));
}

function parseClause(part: string, type: RecordTypeName, query: string): Clause {
  const grouped = /^\((.*)\)$/s.exec(part);
  const comparisons = grouped ? splitTopLevel(grouped[1] ?? '', 'or') : [part];
  if (!grouped && comparisons.length > 1) unsupported(query);
  const clause = comparisons.map((c) => parseComparison(c, type, query));
  if (new Set(clause.map((c) => c.attribute)).size > 1) unsupported(query);
  return clause;
}

function parseComparison(text: string, type: RecordTypeName, query: string): Comparison {
  const match = /^([A-Za-z][\w.]*)\s*=\s*:([A-Za-z]\w*)$/.exec(text.trim());
  if (!match) unsupported(query);
  const [, attribute, param] = match as unknown as [string, string, string];
  const attr = ATTRIBUTES[attribute];
  if (!attr || (attr.only && !attr.only.includes(type)) || !hasLabel(attribute, type)) {
    unsupported(query, `${attribute} is not a searchable attribute of ${type}`);
  }
  return { attribute, param };
}

function hasLabel(attribute: string, type: RecordTypeName): boolean {
  if (attribute !== 'label') return true;
  const className = RECORD_CLASS[type] as string;
  return allFields(className).some((f) => f.name === 'Label');
}

function splitTopLevel(text: string, word: 'and' | 'or'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  const re = new RegExp(`\\s${word}\\s|[()]`, 'gi');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '(') depth += 1;
    else if (m[0] === ')') depth -= 1;
    else if (depth === 0) {
      parts.push(text.slice(start, m.index).trim());
      start = m.index + m[0].length;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

function readParameters(parameters: WireObject | undefined) {
  const out = new Map<string, { type: string | null; value: string }>();
  for (const p of list(parameters?.['Property'])) {
    const any = asAny(p['Value']);
    if (!any || typeof any.value !== 'string') {
      throw fault.validation(`Parameter ${str(p['Name'])} has no scalar value`);
    }
    const name = str(p['Name']);
    if (!name) throw fault.validation('A search parameter needs a Name');
    out.set(name, { type: any.$type, value: any.value });
  }
  return out;
}

function bindAll(
  clauses: Clause[],
  params: ReturnType<typeof readParameters>,
  query: string,
) {
  const values = new Map<string, string>();
  for (const { attribute, param } of clauses.flat()) {
    const given = params.get(param);
    if (!given) throw fault.validation(`Parameter :${param} is not given`);
    const kind = (ATTRIBUTES[attribute] as Attribute).kind;
    if (!given.type || !PARAM_TYPES[kind].includes(given.type)) {
      throw fault.validation(
        `Parameter :${param} compares with ${attribute} and must be sent as ${PARAM_TYPES[kind].join(' or ')}, not ${given.type ?? 'untyped'}`,
      );
    }
    values.set(param, given.value);
  }
  const unused = [...params.keys()].filter((name) => !values.has(name));
  if (unused.length > 0)
    unsupported(query, `parameters not used by the query: ${unused}`);
  return values;
}

function matches(record: WireObject, clauses: Clause[], values: Map<string, string>) {
  return clauses.every((clause) =>
    clause.some(({ attribute, param }) => {
      const attr = ATTRIBUTES[attribute] as Attribute;
      return same(attr.kind, attr.read(record), values.get(param) as string);
    }),
  );
}

function same(kind: Kind, actual: string | undefined, expected: string): boolean {
  if (actual === undefined) return false;
  if (kind === 'string') return actual === expected;
  return BigInt(actual) === BigInt(expected);
}

function unsupported(query: string, why?: string): never {
  const reason = why ? ` (${why})` : '';
  throw fault.unsupportedQuery(
    `The fake ProgressionLIVE does not support the query "${query}"${reason}. Supported: ${SUPPORTED_FORMS}`,
  );
}
