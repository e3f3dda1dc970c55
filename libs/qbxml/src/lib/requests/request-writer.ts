import { dataError, programmingError } from '../errors/qbxml-error';
import { REQUEST_SPECS } from '../generated/qbxml130.spec.generated';
import type { SpecAttribute, SpecNode } from '../spec/spec-types';
import { toQbText } from '../text/qb-text';
import {
  ATTRIBUTE_FLOORS,
  gateElement,
  gateVersion,
  type GateContext,
} from './feature-gates';
import { invalid, isBlank, writeLeaf } from './leaf-writer';
import type { QbRequest } from './request-types';

/** A built element, before serialisation. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text?: string;
}

type Fields = Record<string, unknown>;

const REQUEST_ID_MAX_LENGTH = 50;

/**
 * Turns one typed request into its `…Rq` element, in schema order whatever the key order
 * of the object, gated by version and edition, with every value checked and formatted.
 */
export function writeRequest(request: QbRequest, ctx: GateContext): XmlElement {
  const kind = String((request as { type?: unknown }).type);
  const spec = REQUEST_SPECS[`${kind}Rq`];
  if (!spec) throw unknownRequest(kind);
  gateElement(spec, kind, ctx);
  const fields = request as unknown as Fields;
  checkRequestId(fields.requestID, kind);
  checkIterator(spec, fields, kind);
  const inner = spec.c?.find((child) => child.n === kind && child.c);
  return inner
    ? writeWithInner(spec, inner, fields, kind, ctx)
    : writeAggregate(spec, fields, kind, ctx);
}

/** Add/Mod requests: the flat object feeds the inner aggregate and the Rq itself. */
function writeWithInner(
  spec: SpecNode,
  inner: SpecNode,
  fields: Fields,
  kind: string,
  ctx: GateContext,
): XmlElement {
  const innerKeys = new Set([...names(inner.c), ...names(inner.a)]);
  const innerFields: Fields = {};
  const outerFields: Fields = { [kind]: innerFields };
  for (const [key, value] of Object.entries(fields)) {
    if (innerKeys.has(key)) innerFields[key] = value;
    else outerFields[key] = value;
  }
  return writeAggregate(spec, outerFields, kind, ctx, kind);
}

function names(items: { n?: string; name?: string }[] | undefined): string[] {
  return (items ?? []).map((item) => item.n ?? item.name ?? '');
}

function writeAggregate(
  spec: SpecNode,
  fields: Fields,
  path: string,
  ctx: GateContext,
  innerName?: string,
): XmlElement {
  checkKnownKeys(spec, fields, path, innerName);
  checkChoices(spec, fields, path);
  const element: XmlElement = {
    name: spec.n,
    attributes: writeAttributes(spec.a, fields, path, ctx),
    children: [],
  };
  for (const child of spec.c ?? []) {
    const childPath = child.n === innerName ? path : `${path}.${child.n}`;
    element.children.push(...writeChild(child, fields[child.n], childPath, ctx));
  }
  return element;
}

function writeChild(
  node: SpecNode,
  raw: unknown,
  path: string,
  ctx: GateContext,
): XmlElement[] {
  const items = (Array.isArray(raw) ? raw : [raw]).filter(
    (item) => !isAbsent(item, node),
  );
  if (items.length === 0) {
    if (node.req && !node.ch) throw missing(path);
    return [];
  }
  gateElement(node, path, ctx);
  if (!node.rep && (Array.isArray(raw) ? raw.length : 1) > 1) {
    throw invalid(path, raw, 'a single value');
  }
  return items.flatMap((item, index) => {
    const itemPath = node.rep ? `${path}[${index}]` : path;
    const written = node.c
      ? writeNested(node, item, itemPath, ctx)
      : writeSimple(node, item, itemPath, ctx);
    return written ? [written] : [];
  });
}

/** Absent values are skipped; blank ids are not (they are refused by the leaf writer). */
function isAbsent(value: unknown, node: SpecNode): boolean {
  if (node.t === 'IDTYPE') return value === undefined || value === null;
  if (node.c) return value === undefined || value === null;
  return isBlank(value);
}

function writeSimple(node: SpecNode, value: unknown, path: string, ctx: GateContext) {
  const text = writeLeaf(node, value, path, ctx.target.country);
  return text === undefined
    ? undefined
    : { name: node.n, attributes: {}, children: [], text };
}

function writeNested(
  node: SpecNode,
  value: unknown,
  path: string,
  ctx: GateContext,
): XmlElement | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(path, value, 'an object');
  }
  const element = writeAggregate(node, value as Fields, path, ctx);
  if (element.children.length > 0 || Object.keys(element.attributes).length > 0)
    return element;
  if (isReference(node)) throw emptyReference(path);
  if (isLine(node)) throw missing(path);
  return undefined;
}

/** `…Ref` aggregates (ListID and/or FullName). */
function isReference(node: SpecNode): boolean {
  return (
    node.n.endsWith('Ref') &&
    (node.c ?? []).some((c) => c.n === 'ListID' || c.n === 'FullName')
  );
}

/** Document lines: an empty one would silently shift every later line. */
function isLine(node: SpecNode): boolean {
  return /Line(Group)?(Add|Mod)$/.test(node.n);
}

function writeAttributes(
  attributes: SpecAttribute[] | undefined,
  fields: Fields,
  path: string,
  ctx: GateContext,
): Record<string, string> {
  const written: Record<string, string> = {};
  for (const attribute of attributes ?? []) {
    const value = fields[attribute.name];
    if (isBlank(value)) continue;
    const field = `${path}@${attribute.name}`;
    const floor = ATTRIBUTE_FLOORS[attribute.name];
    if (floor) gateVersion(attribute.name, floor, field, ctx);
    written[attribute.name] = writeAttribute(attribute, value, field);
  }
  return written;
}

function writeAttribute(attribute: SpecAttribute, value: unknown, field: string): string {
  if (typeof value !== 'string') throw invalid(field, value, 'a string');
  if (attribute.values && !attribute.values.includes(value)) {
    throw invalid(field, value, `one of ${attribute.values.join(', ')}`);
  }
  return toQbText(value, field);
}

function checkKnownKeys(
  spec: SpecNode,
  fields: Fields,
  path: string,
  innerName?: string,
): void {
  const known = new Set([
    ...names(spec.c),
    ...names(spec.a),
    ...(innerName ? ['type'] : []),
  ]);
  if (path.indexOf('.') < 0 && !innerName) known.add('type');
  for (const key of Object.keys(fields)) {
    if (!known.has(key) && fields[key] !== undefined)
      throw unknownField(`${path}.${key}`, spec.n);
  }
}

/**
 * "OR" groups: at most one alternative (lists of lines may mix theirs), and at least one
 * when the schema requires it.
 */
function checkChoices(spec: SpecNode, fields: Fields, path: string): void {
  for (const choice of spec.choices ?? []) {
    const members = (spec.c ?? []).filter((c) => c.ch?.some(([id]) => id === choice.id));
    const used = members.filter((c) => isPresent(fields[c.n], c));
    const alternatives = new Set(used.map((c) => alternativeOf(c, choice.id)));
    if (alternatives.size > 1 && !choice.repeated) {
      throw choiceConflict(
        path,
        used.map((c) => c.n),
      );
    }
    if (choice.required && alternatives.size === 0) {
      throw missing(`${path}.(${members.map((c) => c.n).join('|')})`);
    }
  }
}

function isPresent(value: unknown, node: SpecNode): boolean {
  return !isAbsent(value, node) && !isEmptyList(value);
}

function alternativeOf(node: SpecNode, choiceId: number): number | undefined {
  return node.ch?.find(([id]) => id === choiceId)?.[1];
}

function isEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => isBlank(item));
}

function checkRequestId(value: unknown, kind: string): void {
  const field = `${kind}@requestID`;
  if (typeof value !== 'string' || value.trim() === '') throw missing(field);
  if (value.length > REQUEST_ID_MAX_LENGTH) {
    throw invalid(
      field,
      value,
      `at most ${REQUEST_ID_MAX_LENGTH} characters (QuickBooks status 1060)`,
    );
  }
}

/** Continue/Stop need the iteratorID QuickBooks returned; Start must not carry one. */
function checkIterator(spec: SpecNode, fields: Fields, kind: string): void {
  const { iterator, iteratorID } = fields;
  if (isBlank(iterator) && isBlank(iteratorID)) return;
  if (!spec.a?.some((a) => a.name === 'iterator'))
    throw unknownField(`${kind}@iterator`, spec.n);
  if ((iterator === 'Continue' || iterator === 'Stop') && isBlank(iteratorID)) {
    throw missing(`${kind}@iteratorID`);
  }
  if (iterator !== 'Continue' && iterator !== 'Stop' && !isBlank(iteratorID)) {
    throw invalid(
      `${kind}@iteratorID`,
      iteratorID,
      'absent unless iterator is Continue or Stop',
    );
  }
}

function unknownRequest(kind: string) {
  return programmingError('QBXML_UNKNOWN_FIELD', 'type', {
    en: `The qbXML codec cannot build a "${kind}" request.`,
    fr: `Le codec qbXML ne sait pas construire une demande « ${kind} ».`,
  });
}

function unknownField(field: string, element: string) {
  return programmingError('QBXML_UNKNOWN_FIELD', field, {
    en: `${field} is not a field of ${element} in qbXML 13.0.`,
    fr: `${field} n'est pas un champ de ${element} en qbXML 13.0.`,
  });
}

function missing(field: string) {
  return dataError('QBXML_MISSING_FIELD', field, {
    en: `${field} is required and is missing.`,
    fr: `${field} est obligatoire et manquant.`,
  });
}

function emptyReference(field: string) {
  return dataError('QBXML_EMPTY_REF', field, {
    en: `${field} is empty: the record is not linked to QuickBooks. Link it before sending.`,
    fr: `${field} est vide : l'élément n'est pas lié à QuickBooks. Liez-le avant l'envoi.`,
  });
}

function choiceConflict(path: string, fields: string[]) {
  return programmingError(
    'QBXML_CHOICE_CONFLICT',
    path,
    {
      en: `${path}: only one of ${fields.join(', ')} may be sent.`,
      fr: `${path} : un seul de ${fields.join(', ')} peut être envoyé.`,
    },
    { fields },
  );
}
