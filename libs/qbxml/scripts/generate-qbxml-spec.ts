/**
 * Generates `src/lib/generated/qbxml130.spec.generated.ts` from Intuit's
 * `qbxmlops130.xml` (the "sample data" document listing every qbXML 13.0 message in schema
 * order, with a comment per element giving optionality, repetition, maximum length per
 * edition, editions lacking it and the version that introduced it).
 *
 * Usage: SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register \
 *          libs/qbxml/scripts/generate-qbxml-spec.ts [path/to/qbxmlops130.xml]
 *
 * The unit test `qbxml-spec.drift.spec.ts` regenerates the file in memory and fails when
 * the committed copy differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type {
  LeafType,
  ResponseFieldTypes,
  SpecAttribute,
  SpecChoice,
  SpecEdition,
  SpecNode,
} from '../src/lib/spec/spec-types';

/** The requests the connector speaks. */
export const GENERATED_REQUESTS = [
  'HostQueryRq',
  'CompanyQueryRq',
  'PreferencesQueryRq',
  'CustomerQueryRq',
  'CustomerAddRq',
  'CustomerModRq',
  'ItemQueryRq',
  'ClassQueryRq',
  'InventorySiteQueryRq',
  'SalesTaxCodeQueryRq',
  'InvoiceAddRq',
  'InvoiceModRq',
  'InvoiceQueryRq',
  'SalesOrderAddRq',
  'SalesOrderModRq',
  'SalesOrderQueryRq',
  'ListDeletedQueryRq',
  'TxnDeletedQueryRq',
] as const;

const EDITIONS: Record<string, SpecEdition> = {
  QBD: 'US',
  QBCA: 'CA',
  QBUK: 'UK',
  QBAU: 'AU',
};

interface OpenChoice extends SpecChoice {
  alt: number;
  since?: string;
}

interface Frame {
  node: SpecNode;
  choices: OpenChoice[];
}

interface PendingComments {
  enums: Map<string, string[]>;
  attributes: Map<string, SpecAttribute>;
}

const ELEMENT_LINE =
  /^<([A-Za-z0-9]+)((?:\s+[A-Za-z]+\s*=\s*"[^"]*")*)\s*(\/)?>(?:([A-Z0-9]+TYPE)<\/\1>)?\s*(?:<!--(.*)-->)?$/;
const CLOSE_LINE = /^<\/([A-Za-z0-9]+)>$/;
const COMMENT_LINE = /^<!--(.*)-->$/;

/** Parses the annotations of one element comment ("opt, may rep, max length = 41 ..."). */
function applyAnnotations(
  node: SpecNode,
  comment: string | undefined,
): { optional: boolean } {
  let optional = false;
  for (const raw of (comment ?? '').split(',')) {
    const part = raw.trim();
    if (part === 'opt') optional = true;
    else if (part === 'may rep') node.rep = true;
    else if (/^rep \(1 or more\)$/.test(part)) node.rep = true;
    else if (/^v\d+\.\d+$/.test(part)) node.v = part.slice(1);
    else if (part.startsWith('not in ')) applyNotIn(node, part.slice(7));
    else if (part.startsWith('max length = ')) applyMaxLength(node, part.slice(13));
    else if (part.startsWith('min value = ')) node.min = Number(part.slice(12));
  }
  return { optional };
}

function applyNotIn(node: SpecNode, list: string): void {
  const editions = editionsOf(list);
  if (editions.length > 0) node.no = editions;
}

function editionsOf(list: string): SpecEdition[] {
  return list
    .split('|')
    .map((name) => EDITIONS[name.trim()])
    .filter((edition): edition is SpecEdition => edition !== undefined);
}

function applyMaxLength(node: SpecNode, text: string): void {
  const match = /^(\d+)(?: for (.*))?$/.exec(text.trim());
  if (!match) return;
  const editions = match[2] ? editionsOf(match[2]) : (['US', 'CA', 'UK', 'AU'] as const);
  if (editions.length === 0) return;
  node.max = { ...node.max };
  for (const edition of editions) node.max[edition] = Number(match[1]);
}

function parseAttributes(text: string, pending: PendingComments): SpecAttribute[] {
  const names = [...text.matchAll(/([A-Za-z]+)\s*=/g)].map((m) => m[1]);
  return names.map((name) => pending.attributes.get(name) ?? { name });
}

function readComment(
  comment: string,
  frame: Frame | undefined,
  pending: PendingComments,
) {
  const text = comment.trim();
  const begin = /^(.*?)BEGIN OR: (.*)$/.exec(text);
  if (begin && frame)
    return openChoice(frame, begin[2], /v(\d+\.\d+)/.exec(begin[1])?.[1]);
  if (text === 'OR' && frame) return void frame.choices[frame.choices.length - 1].alt++;
  if (text === 'END OR' && frame) return void frame.choices.pop();
  const enumMatch = /^(\w+) may have one of the following values: (.*)$/.exec(text);
  if (enumMatch) return void pending.enums.set(enumMatch[1], valuesOf(enumMatch[2]));
  const attr =
    /^'(\w+)' is (optional|required)(?: and (?:may|must) have one of the following values: (.*))?$/.exec(
      text,
    );
  if (attr) pending.attributes.set(attr[1], attributeOf(attr[1], attr[2], attr[3]));
}

function attributeOf(name: string, use: string, values?: string): SpecAttribute {
  return {
    name,
    ...(use === 'required' ? { required: true as const } : {}),
    ...(values ? { values: valuesOf(values) } : {}),
  };
}

function valuesOf(list: string): string[] {
  return list.split(',').map((value) => value.replace(/\s*\[DEFAULT\]\s*/, '').trim());
}

let choiceCounter = 0;

function openChoice(frame: Frame, description: string, since?: string): void {
  const choice: OpenChoice = { id: ++choiceCounter, alt: 0, ...(since ? { since } : {}) };
  const repeated = /(\d+) or more/.exec(description);
  if (repeated) choice.repeated = true;
  if (repeated ? repeated[1] !== '0' : !/optionally/.test(description))
    choice.required = true;
  frame.choices.push(choice);
  const declared: SpecChoice = { id: choice.id };
  if (choice.required) declared.required = true;
  if (choice.repeated) declared.repeated = true;
  frame.node.choices = [...(frame.node.choices ?? []), declared];
}

function newElement(
  match: RegExpExecArray,
  frame: Frame | undefined,
  pending: PendingComments,
) {
  const [, name, attrText, selfClosing, type, comment] = match;
  const node: SpecNode = { n: name };
  if (type) node.t = type as LeafType;
  const { optional } = applyAnnotations(node, comment);
  const enumValues = pending.enums.get(name);
  if (type === 'ENUMTYPE' && enumValues) node.e = enumValues;
  pending.enums.delete(name);
  if (attrText.trim()) node.a = parseAttributes(attrText, pending);
  pending.attributes.clear();
  placeInFrame(node, frame, optional);
  return { node, isOpen: !type && !selfClosing };
}

function placeInFrame(node: SpecNode, frame: Frame | undefined, optional: boolean): void {
  if (!frame) return;
  const open = frame.choices;
  if (open.length > 0) node.ch = open.map((c) => [c.id, c.alt]);
  const since = [...open].reverse().find((c) => c.since)?.since;
  if (since && !node.v) node.v = since;
  if (open.some((c) => c.repeated)) node.rep = true;
  if (!optional && open.length === 0) node.req = true;
  frame.node.c = [...(frame.node.c ?? []), node];
}

/** Reads every top-level Rq/Rs element of one message-set section. */
export function readSection(lines: string[], sectionTag: string): Map<string, SpecNode> {
  const messages = new Map<string, SpecNode>();
  const pending: PendingComments = { enums: new Map(), attributes: new Map() };
  const stack: Frame[] = [];
  let inside = false;
  for (const rawLine of lines) {
    const line = rawLine.trim();
    if (!inside) {
      inside = line.startsWith(`<${sectionTag}`);
      continue;
    }
    if (line === `</${sectionTag}>`) break;
    readLine(line, stack, pending, messages);
  }
  return messages;
}

function readLine(
  line: string,
  stack: Frame[],
  pending: PendingComments,
  messages: Map<string, SpecNode>,
): void {
  const frame = stack[stack.length - 1];
  const comment = COMMENT_LINE.exec(line);
  if (comment) return readComment(comment[1], frame, pending);
  const close = CLOSE_LINE.exec(line);
  if (close) return void stack.pop();
  const element = ELEMENT_LINE.exec(line);
  if (!element) throw new Error(`unrecognised line in qbXML ops document: ${line}`);
  const { node, isOpen } = newElement(element, frame, pending);
  if (!frame) messages.set(node.n, node);
  if (isOpen) stack.push({ node, choices: [] });
}

/** Renumbers choice ids from 1 inside one message, so the output is stable. */
function renumberChoices(message: SpecNode): SpecNode {
  const ids = new Map<number, number>();
  const visit = (node: SpecNode): SpecNode => {
    const copy: SpecNode = { ...node };
    if (node.choices) copy.choices = node.choices.map((c) => ({ ...c, id: idFor(c.id) }));
    if (node.ch) copy.ch = node.ch.map(([id, alt]) => [idFor(id), alt]);
    if (node.c) copy.c = node.c.map(visit);
    return copy;
  };
  const idFor = (id: number) => {
    if (!ids.has(id)) ids.set(id, ids.size + 1);
    return ids.get(id) as number;
  };
  return visit(message);
}

/** Collects how leaf values of every response are typed. */
export function responseFieldTypes(responses: Map<string, SpecNode>): ResponseFieldTypes {
  const typesByName = new Map<string, Set<string>>();
  const repeated = new Set<string>();
  const visit = (node: SpecNode, parent: string | undefined) => {
    if (node.t)
      typesByName.set(node.n, (typesByName.get(node.n) ?? new Set()).add(node.t));
    if (node.rep && parent) repeated.add(`${parent}>${node.n}`);
    for (const child of node.c ?? []) visit(child, node.n);
  };
  for (const message of responses.values()) visit(message, undefined);
  const only = (type: string) =>
    [...typesByName]
      .filter(([, types]) => types.size === 1 && types.has(type))
      .map(([name]) => name)
      .sort();
  return {
    booleans: only('BOOLTYPE'),
    integers: only('INTTYPE'),
    percents: only('PERCENTTYPE'),
    repeated: [...repeated].sort(),
  };
}

/** The generated tables, as data. */
export interface GeneratedSpec {
  messageSetAttributes: SpecAttribute[];
  requestSpecs: Record<string, SpecNode>;
  responseFieldTypes: ResponseFieldTypes;
}

/** Reads the requests the connector speaks and the response typing from the ops document. */
export function generateSpecData(opsXml: string): GeneratedSpec {
  choiceCounter = 0;
  const lines = opsXml.split(/\r?\n/);
  const requests = readSection(lines, 'QBXMLMsgsRq');
  const responses = readSection(lines, 'QBXMLMsgsRs');
  const requestSpecs: Record<string, SpecNode> = {};
  for (const name of GENERATED_REQUESTS) {
    const spec = requests.get(name);
    if (!spec) throw new Error(`${name} is missing from the qbXML ops document`);
    requestSpecs[name] = renumberChoices(spec);
  }
  return {
    messageSetAttributes: messageSetAttributes(opsXml),
    requestSpecs,
    responseFieldTypes: responseFieldTypes(responses),
  };
}

/** Produces the TypeScript source of the generated module (Prettier-formatted). */
export async function generateSpecSource(opsXml: string): Promise<string> {
  const data = generateSpecData(opsXml);
  const source = [
    '// GENERATED FILE - do not edit. Source: shared/fixtures/xsd/qbxmlops130.xml (Intuit).',
    '// Regenerate: SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register \\',
    '//   libs/qbxml/scripts/generate-qbxml-spec.ts',
    "import type { ResponseFieldTypes, SpecAttribute, SpecNode } from '../spec/spec-types';",
    '',
    '/** Attributes of `QBXMLMsgsRq`. */',
    `export const MESSAGE_SET_ATTRIBUTES: SpecAttribute[] = ${JSON.stringify(data.messageSetAttributes)};`,
    '',
    '/** The requests the connector speaks, keyed by Rq element name. */',
    `export const REQUEST_SPECS: Record<string, SpecNode> = ${JSON.stringify(data.requestSpecs)};`,
    '',
    '/** Leaf typing of every qbXML 13.0 response. */',
    `export const RESPONSE_FIELD_TYPES: ResponseFieldTypes = ${JSON.stringify(data.responseFieldTypes)};`,
    '',
  ].join('\n');
  // Loaded here only: Prettier 3 cannot be loaded inside Jest, which runs the drift test.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  const prettier = require('prettier') as typeof import('prettier');
  const config = (await prettier.resolveConfig(__filename)) ?? {};
  return prettier.format(source, { ...config, parser: 'typescript' });
}

function messageSetAttributes(opsXml: string): SpecAttribute[] {
  const lines = opsXml.split(/\r?\n/).map((l) => l.trim());
  const pending: PendingComments = { enums: new Map(), attributes: new Map() };
  for (const line of lines) {
    const comment = COMMENT_LINE.exec(line);
    if (comment) readComment(comment[1], undefined, pending);
    if (line.startsWith('<QBXMLMsgsRq ')) return parseAttributes(line, pending);
  }
  throw new Error('QBXMLMsgsRq not found in the qbXML ops document');
}

export const GENERATED_FILE = path.resolve(
  __dirname,
  '../src/lib/generated/qbxml130.spec.generated.ts',
);

export const DEFAULT_OPS_DOCUMENT = path.resolve(
  __dirname,
  '../../../../shared/fixtures/xsd/qbxmlops130.xml',
);

async function main(): Promise<void> {
  const source = process.argv[2] ?? DEFAULT_OPS_DOCUMENT;
  const output = await generateSpecSource(readFileSync(source, 'utf8'));
  writeFileSync(GENERATED_FILE, output);
  process.stdout.write(`wrote ${GENERATED_FILE} (${output.length} characters)\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
