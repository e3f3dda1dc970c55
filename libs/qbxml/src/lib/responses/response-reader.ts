import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { QbxmlError } from '../errors/qbxml-error';
import { RESPONSE_FIELD_TYPES } from '../generated/qbxml130.spec.generated';
import { fromQbText } from '../text/qb-text';

/** One `…Rs` element of a response document, with its records. */
export interface QbResponse<T = unknown> {
  /** Element name, e.g. `CustomerQueryRs`. */
  type: string;
  requestID?: string;
  statusCode: number;
  statusSeverity: 'Info' | 'Warn' | 'Error';
  statusMessage: string;
  iteratorID?: string;
  iteratorRemainingCount?: number;
  retCount?: number;
  /** The `…Ret` children in document order (`kind` added on item records). */
  records: T[];
  /**
   * True for statusCode 0, 1 ("no match": an empty success) and the 500-999 warnings
   * (data returned, maybe incomplete); false for errors, which return no data.
   */
  ok: boolean;
  /** The `ErrorRecovery` block of Add/Mod responses (qbXML 11.0+), if any. */
  errorRecovery?: Record<string, unknown>;
}

/** A whole response document. */
export interface QbResponseDocument {
  responses: QbResponse[];
  /** `QBXMLMsgsRs@newMessageSetID` (error recovery). */
  newMessageSetID?: string;
  /** `QBXMLMsgsRs@messageSetStatusCode` (error recovery: 600, 9001 ...). */
  messageSetStatusCode?: number;
  /** Syntax problems tolerated in lenient mode (always empty in strict mode). */
  warnings: string[];
}

export interface ReadOptions {
  /**
   * Keep going after syntax errors, recovering the structure the way saxes does (used for
   * the first-call HCP response, which is informational). Default false: any error throws.
   */
  lenient?: boolean;
  /** Called for each response as soon as it is complete (streaming use). */
  onResponse?: (response: QbResponse) => void;
  /** Keep records in `response.records` (default true; false with `onRecord`). */
  keepRecords?: boolean;
  /** Called for each record as soon as it is complete. */
  onRecord?: (record: Record<string, unknown>, response: QbResponse) => void;
}

type Fields = Record<string, unknown>;

interface Frame {
  name: string;
  fields: Fields | undefined;
  text: string;
  /** Children of this element that repeat (from Intuit's definitions). */
  repeated: ReadonlySet<string> | undefined;
}

type LeafKind = 'boolean' | 'integer' | 'percent';

const LEAF_KINDS = new Map<string, LeafKind>([
  ...RESPONSE_FIELD_TYPES.booleans.map((name) => [name, 'boolean'] as const),
  ...RESPONSE_FIELD_TYPES.integers.map((name) => [name, 'integer'] as const),
  ...RESPONSE_FIELD_TYPES.percents.map((name) => [name, 'percent'] as const),
]);

/** Parent element name → names of its children that may repeat. */
const REPEATED_CHILDREN = new Map<string, Set<string>>();
for (const pair of RESPONSE_FIELD_TYPES.repeated) {
  const [parent, child] = pair.split('>');
  REPEATED_CHILDREN.set(parent, (REPEATED_CHILDREN.get(parent) ?? new Set()).add(child));
}
const MAX_DEPTH = 64;
const DEPTH_RESPONSE = 2;
const DEPTH_RECORD = 3;

/**
 * Streaming reader of qbXML response documents on top of saxes.
 *
 * Safe by construction: a DOCTYPE is refused (so no DTD and no entity expansion); only the
 * five predefined entities and numeric character references are decoded, once, by the
 * parser; nesting is bounded. Text is repaired for QuickBooks' cp1252 references (see
 * `fromQbText`); leaves are typed from Intuit's 13.0 response definitions: booleans,
 * integers, percentages without a stray `%`; amounts, prices and quantities stay strings.
 */
export class ResponseReader {
  private readonly parser = new SaxesParser<{ xmlns: false; position: boolean }>({
    xmlns: false,
    position: true,
  });
  /** Open elements; frames are reused across elements to spare the garbage collector. */
  private readonly frames: Frame[] = [];
  private depth = 0;
  private readonly document: QbResponseDocument = { responses: [], warnings: [] };
  private current: QbResponse | undefined;
  private started = false;
  private sawRoot = false;

  constructor(private readonly options: ReadOptions = {}) {
    this.parser.on('doctype', () =>
      this.fail('QBXML_DOCTYPE_REFUSED', 'a DOCTYPE is not allowed'),
    );
    this.parser.on('error', (error) => this.onError(error));
    this.parser.on('opentag', (tag) => this.onOpen(tag));
    this.parser.on('text', (text) => this.onText(text));
    this.parser.on('cdata', (text) => this.onText(text));
    this.parser.on('closetag', (tag) => this.onClose(tag));
  }

  /** Feeds a chunk of the document. */
  write(chunk: string): this {
    this.parser.write(this.started ? chunk : this.skipLeadingSpace(chunk));
    return this;
  }

  /** Ends the document and returns what was read. */
  close(): QbResponseDocument {
    this.parser.close();
    if (!this.sawRoot)
      this.fail('QBXML_UNEXPECTED_DOCUMENT', 'no QBXML/QBXMLMsgsRs element found');
    return this.document;
  }

  /** A BOM or blank lines before `<?xml` are harmless; the parser would reject them. */
  private skipLeadingSpace(chunk: string): string {
    const trimmed = chunk.replace(/^[\uFEFF\s]+/, '');
    if (trimmed.length > 0) this.started = true;
    return trimmed;
  }

  private onError(error: Error): void {
    if (!this.options.lenient) this.fail('QBXML_MALFORMED', error.message);
    this.document.warnings.push(error.message);
  }

  private fail(
    code: 'QBXML_MALFORMED' | 'QBXML_DOCTYPE_REFUSED' | 'QBXML_UNEXPECTED_DOCUMENT',
    reason: string,
  ): never {
    throw new QbxmlError({
      code,
      fixableBy: 'developer',
      retryable: false,
      text: {
        en: `The QuickBooks response could not be read: ${reason}.`,
        fr: `La réponse de QuickBooks n'a pas pu être lue : ${reason}.`,
      },
      details: { reason },
    });
  }

  private onOpen(tag: SaxesTagPlain): void {
    const depth = this.depth;
    if (depth >= MAX_DEPTH)
      this.fail('QBXML_MALFORMED', `elements nested deeper than ${MAX_DEPTH}`);
    if (depth < DEPTH_RESPONSE) this.openEnvelope(tag, depth);
    else if (depth === DEPTH_RESPONSE) this.openResponse(tag);
    const frame = this.frames[depth] ?? (this.frames[depth] = emptyFrame());
    frame.name = tag.name;
    frame.fields = undefined;
    frame.text = '';
    frame.repeated = REPEATED_CHILDREN.get(tag.name);
    if (depth > DEPTH_RESPONSE) this.attachAttributes(frame, tag.attributes);
    this.depth = depth + 1;
  }

  private openEnvelope(tag: SaxesTagPlain, depth: number): void {
    const expected = depth === 0 ? 'QBXML' : 'QBXMLMsgsRs';
    if (tag.name !== expected) {
      this.fail(
        'QBXML_UNEXPECTED_DOCUMENT',
        `expected <${expected}>, found <${tag.name}>`,
      );
    }
    if (depth === 1) this.readMessageSet(tag.attributes);
  }

  private readMessageSet(attributes: Record<string, string>): void {
    this.sawRoot = true;
    if (attributes.newMessageSetID)
      this.document.newMessageSetID = attributes.newMessageSetID;
    if (attributes.messageSetStatusCode !== undefined) {
      this.document.messageSetStatusCode = Number(attributes.messageSetStatusCode);
    }
  }

  private openResponse(tag: SaxesTagPlain): void {
    this.current = responseOf(tag.name, tag.attributes);
  }

  private attachAttributes(frame: Frame, attributes: Record<string, string>): void {
    for (const name in attributes) {
      frame.fields ??= {};
      frame.fields[name] = fromQbText(attributes[name]);
    }
  }

  private onText(text: string): void {
    if (this.depth > DEPTH_RECORD) this.frames[this.depth - 1].text += text;
  }

  private onClose(tag: SaxesTagPlain): void {
    if (this.depth === 0) return;
    const depth = --this.depth;
    if (depth < DEPTH_RESPONSE) return;
    if (depth === DEPTH_RESPONSE) return this.closeResponse();
    const frame = this.frames[depth];
    const value = frame.fields ?? leafValue(tag.name, frame.text);
    frame.fields = undefined;
    if (depth === DEPTH_RECORD) return this.closeRecord(tag.name, value);
    const parent = this.frames[depth - 1];
    parent.fields ??= {};
    assign(parent.fields, tag.name, value, parent.repeated?.has(tag.name) === true);
  }

  private closeRecord(name: string, value: unknown): void {
    const response = this.current as QbResponse;
    if (name === 'ErrorRecovery') {
      response.errorRecovery = value as Fields;
      return;
    }
    const record = (typeof value === 'object' ? value : { value }) as Fields;
    if (name.startsWith('Item') && name.endsWith('Ret')) record.kind = name.slice(0, -3);
    if (this.options.keepRecords !== false) response.records.push(record);
    this.options.onRecord?.(record, response);
  }

  private closeResponse(): void {
    const response = this.current as QbResponse;
    this.document.responses.push(response);
    this.options.onResponse?.(response);
    this.current = undefined;
  }
}

function responseOf(type: string, attributes: Record<string, string>): QbResponse {
  const statusCode = Number(attributes.statusCode ?? 0);
  const response: QbResponse = {
    type,
    statusCode,
    statusSeverity: severityOf(attributes.statusSeverity, statusCode),
    statusMessage: fromQbText(attributes.statusMessage ?? ''),
    records: [],
    ok: isOkStatus(statusCode),
  };
  if (attributes.requestID !== undefined) response.requestID = attributes.requestID;
  if (attributes.iteratorID) response.iteratorID = attributes.iteratorID;
  if (attributes.iteratorRemainingCount !== undefined) {
    response.iteratorRemainingCount = Number(attributes.iteratorRemainingCount);
  }
  if (attributes.retCount !== undefined) response.retCount = Number(attributes.retCount);
  return response;
}

/**
 * Success for QuickBooks' ranges: 0-499 informational (1 = "no match", an empty result),
 * 500-999 warnings (data returned); 1000 and up are errors that return no data.
 */
export function isOkStatus(statusCode: number): boolean {
  return statusCode >= 0 && statusCode < 1000;
}

/**
 * Quirk: the severity QuickBooks prints does not always match the code (status 3210 has
 * been seen with `Info`), so an unknown or missing severity is derived from the code and
 * `ok` always follows the code.
 */
function severityOf(
  value: string | undefined,
  statusCode: number,
): QbResponse['statusSeverity'] {
  if (value === 'Info' || value === 'Warn' || value === 'Error') return value;
  if (statusCode >= 1000) return 'Error';
  return statusCode >= 500 ? 'Warn' : 'Info';
}

function emptyFrame(): Frame {
  return { name: '', fields: undefined, text: '', repeated: undefined };
}

function leafValue(name: string, text: string): unknown {
  const kind = LEAF_KINDS.get(name);
  if (kind === undefined) return fromQbText(text);
  const trimmed = text.trim();
  if (kind === 'boolean')
    return trimmed === 'true' ? true : trimmed === 'false' ? false : trimmed;
  if (kind === 'integer') return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
  // Quirk: QuickBooks has returned percentages with a trailing "%" ("18.0%") although
  // the schema's pattern forbids it; the value is kept without it.
  return trimmed.replace(/%$/, '');
}

/** Repeating elements become arrays; a name repeated unexpectedly becomes one too. */
function assign(fields: Fields, name: string, value: unknown, repeats: boolean): void {
  const existing = fields[name];
  if (existing === undefined) fields[name] = repeats ? [value] : value;
  else if (repeats) (existing as unknown[]).push(value);
  else fields[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
}
