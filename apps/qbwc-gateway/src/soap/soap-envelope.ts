import { QBWC_NAMESPACE, SOAP11_NAMESPACE, SOAP12_NAMESPACE } from './qbwc-operations';

/** A request the envelope reader could not accept; answered with a SOAP Fault. */
export class SoapRequestError extends Error {
  constructor(
    readonly faultCode: 'Client' | 'VersionMismatch',
    message: string,
  ) {
    super(message);
    this.name = 'SoapRequestError';
  }
}

export interface SoapCall {
  /** Local name of the Body's first element, e.g. `authenticate`. */
  operation: string;
  namespace: string;
  /** Child elements of the operation element, by local name, text decoded. */
  params: Record<string, string>;
}

const MAX_DEPTH = 16;
const MAX_ELEMENTS = 256;

interface OpenElement {
  prefix: string;
  local: string;
  namespaces: Map<string, string>;
  /** Text pieces in order; CDATA sections are kept apart because they are literal. */
  text: (string | { cdata: string })[];
}

/**
 * Reads a Web Connector SOAP 1.1 request. It is a deliberately small reader for a small
 * grammar: an Envelope, a Body, one operation element and its string parameters. A DTD or
 * entity declaration is refused outright (no expansion ever happens), nesting and element
 * counts are bounded, and a parameter's text is taken with one scan, so a 50 MB qbXML
 * response costs one pass over the body.
 */
export function readSoapCall(xml: string): SoapCall {
  const source = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  // XML forbids NUL outright; silently dropping it would let "ad\0min" pass for "admin".
  if (source.includes('\u0000')) throw new SoapRequestError('Client', 'NUL characters are not allowed in XML');
  const stack: OpenElement[] = [];
  let elements = 0;
  let position = 0;
  let envelopeSeen = false;
  let bodyDepth = -1;
  let operation: { local: string; namespace: string } | undefined;
  const params: Record<string, string> = {};

  while (position < source.length) {
    const open = source.indexOf('<', position);
    if (open === -1) {
      assertWhitespace(source.slice(position), stack.length);
      break;
    }
    if (open > position) {
      const text = source.slice(position, open);
      if (stack.length === 0) assertWhitespace(text, 0);
      else stack[stack.length - 1].text.push(text);
    }

    if (source.startsWith('<?', open)) {
      position = skipPast(source, '?>', open);
      continue;
    }
    if (source.startsWith('<!--', open)) {
      position = skipPast(source, '-->', open);
      continue;
    }
    if (source.startsWith('<![CDATA[', open)) {
      const end = source.indexOf(']]>', open);
      if (end === -1 || stack.length === 0) throw new SoapRequestError('Client', 'Malformed CDATA section');
      stack[stack.length - 1].text.push({ cdata: source.slice(open + 9, end) });
      position = end + 3;
      continue;
    }
    if (source.startsWith('<!', open)) {
      throw new SoapRequestError('Client', 'Document type declarations and entities are not accepted');
    }

    const close = findTagEnd(source, open);
    const raw = source.slice(open + 1, close);
    position = close + 1;

    if (raw.startsWith('/')) {
      const element = stack.pop();
      const name = raw.slice(1).trim();
      if (!element || name !== qualified(element)) {
        throw new SoapRequestError('Client', `Mismatched closing tag </${name}>`);
      }
      if (operation && stack.length === bodyDepth + 2) {
        params[element.local] = element.text.map((piece) => (typeof piece === 'string' ? decodeText(piece) : piece.cdata)).join('');
      }
      continue;
    }

    elements += 1;
    if (elements > MAX_ELEMENTS || stack.length >= MAX_DEPTH) {
      throw new SoapRequestError('Client', 'Envelope too deeply nested or too large');
    }
    const selfClosing = raw.endsWith('/');
    const element = parseStartTag(selfClosing ? raw.slice(0, -1) : raw, stack);
    const namespace = element.namespaces.get(element.prefix) ?? '';
    const depth = stack.length;

    if (depth === 0) {
      if (element.local !== 'Envelope') throw new SoapRequestError('Client', 'Not a SOAP envelope');
      if (namespace === SOAP12_NAMESPACE) {
        throw new SoapRequestError('VersionMismatch', 'Only SOAP 1.1 is supported');
      }
      if (namespace !== SOAP11_NAMESPACE) throw new SoapRequestError('VersionMismatch', 'Unknown SOAP envelope namespace');
      envelopeSeen = true;
    } else if (depth === 1 && element.local === 'Body' && namespace === SOAP11_NAMESPACE) {
      bodyDepth = depth;
    } else if (bodyDepth !== -1 && depth === bodyDepth + 1) {
      if (operation) throw new SoapRequestError('Client', 'The SOAP Body holds more than one operation');
      operation = { local: element.local, namespace };
    }

    if (selfClosing) {
      if (operation && depth === bodyDepth + 2) params[element.local] = '';
    } else {
      stack.push(element);
    }
  }

  if (stack.length > 0 || !envelopeSeen) throw new SoapRequestError('Client', 'Truncated or empty SOAP envelope');
  if (!operation) throw new SoapRequestError('Client', 'The SOAP Body holds no operation');
  return { operation: operation.local, namespace: operation.namespace, params };
}

/** Whether a call is addressed to the Web Connector service. */
export function isQbwcNamespace(namespace: string): boolean {
  return namespace === QBWC_NAMESPACE || namespace === QBWC_NAMESPACE.slice(0, -1);
}

function skipPast(source: string, terminator: string, from: number): number {
  const end = source.indexOf(terminator, from);
  if (end === -1) throw new SoapRequestError('Client', 'Truncated XML');
  return end + terminator.length;
}

/** The `>` closing a tag, skipping quoted attribute values. */
function findTagEnd(source: string, open: number): number {
  let quote = '';
  for (let i = open + 1; i < source.length; i += 1) {
    const char = source[i];
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return i;
    } else if (char === '<') {
      break;
    }
  }
  throw new SoapRequestError('Client', 'Malformed or truncated tag');
}

const ATTRIBUTE = /([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
const NAME = /^[A-Za-z_][\w.-]*(:[A-Za-z_][\w.-]*)?$/;

function parseStartTag(raw: string, stack: OpenElement[]): OpenElement {
  const nameEnd = raw.search(/\s|$/);
  const name = raw.slice(0, nameEnd);
  if (!NAME.test(name)) throw new SoapRequestError('Client', `Malformed element name "${name.slice(0, 40)}"`);
  const parent = stack[stack.length - 1];
  const namespaces = new Map(parent?.namespaces ?? []);
  for (const match of raw.slice(nameEnd).matchAll(ATTRIBUTE)) {
    const [, attribute, , double, single] = match;
    const value = decodeText(double ?? single ?? '');
    if (attribute === 'xmlns') namespaces.set('', value);
    else if (attribute.startsWith('xmlns:')) namespaces.set(attribute.slice(6), value);
  }
  const colon = name.indexOf(':');
  return {
    prefix: colon === -1 ? '' : name.slice(0, colon),
    local: colon === -1 ? name : name.slice(colon + 1),
    namespaces,
    text: [],
  };
}

function qualified(element: OpenElement): string {
  return element.prefix ? `${element.prefix}:${element.local}` : element.local;
}

function assertWhitespace(text: string, depth: number): void {
  if (depth === 0 && text.trim() !== '') throw new SoapRequestError('Client', 'Text outside the SOAP envelope');
}

const AMPERSAND = 0x26;
const SEMICOLON = 0x3b;
const HASH = 0x23;
const LOWER_X = 0x78;
/** `&#x10FFFF;` is the longest reference there is. */
const LONGEST_REFERENCE = 10;
const bytesOf = (name: string) => [...name].map((char) => char.charCodeAt(0));
const NAMED_REFERENCES: [number[], number][] = [
  [bytesOf('lt'), 0x3c],
  [bytesOf('gt'), 0x3e],
  [bytesOf('amp'), 0x26],
  [bytesOf('quot'), 0x22],
  [bytesOf('apos'), 0x27],
];

/**
 * Decodes the five predefined entities and character references, once, in one pass over
 * the UTF-8 bytes into a buffer of the same size: a 2 MB qbXML answer (270,000
 * references) takes about 10 ms, and a 60 MB one made only of `&lt;x/&gt;` a fraction of
 * a second and about twice its size in memory, where a regular-expression replace took
 * seconds and gigabytes. Anything else after `&` is refused (there is no DTD, so no other
 * entity can exist).
 */
export function decodeText(text: string): string {
  if (!text.includes('&')) return text;
  const source = Buffer.from(text, 'utf8');
  // Every reference is at least as long in UTF-8 as the character it stands for.
  const out = Buffer.allocUnsafe(source.length);
  let length = 0;
  let index = 0;
  while (index < source.length) {
    const byte = source[index];
    if (byte !== AMPERSAND) {
      out[length] = byte;
      length += 1;
      index += 1;
      continue;
    }
    // &lt; and &gt; are most of a qbXML answer escaped in SOAP: checked first, inline.
    const first = source[index + 1];
    if ((first === 0x6c || first === 0x67) && source[index + 2] === 0x74 && source[index + 3] === SEMICOLON) {
      out[length] = first === 0x6c ? 0x3c : 0x3e;
      length += 1;
      index += 4;
      continue;
    }
    const end = referenceEnd(source, index);
    length = writeCodePoint(out, length, referenceValue(source, index + 1, end));
    index = end + 1;
  }
  return out.toString('utf8', 0, length);
}

function referenceEnd(source: Uint8Array, ampersand: number): number {
  const limit = Math.min(source.length, ampersand + LONGEST_REFERENCE);
  for (let index = ampersand + 1; index < limit; index += 1) {
    if (source[index] === SEMICOLON) return index;
  }
  throw new SoapRequestError('Client', 'Undeclared entity in the SOAP body');
}

function referenceValue(source: Uint8Array, start: number, end: number): number {
  const code = source[start] === HASH ? numericReference(source, start + 1, end) : namedReference(source, start, end);
  // NUL and UTF-16 surrogate halves are not characters; neither can be stored as text.
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
    throw new SoapRequestError('Client', 'Invalid character reference');
  }
  return code;
}

// Compared byte by byte, without making a string: a large answer holds many of these.
function namedReference(source: Uint8Array, start: number, end: number): number {
  for (const [name, code] of NAMED_REFERENCES) {
    if (end - start !== name.length) continue;
    let same = true;
    for (let index = 0; index < name.length && same; index += 1) same = source[start + index] === name[index];
    if (same) return code;
  }
  throw new SoapRequestError('Client', 'Undeclared entity in the SOAP body');
}

function numericReference(source: Uint8Array, start: number, end: number): number {
  const hex = source[start] === LOWER_X;
  const first = hex ? start + 1 : start;
  if (first === end) throw new SoapRequestError('Client', 'Invalid character reference');
  let code = 0;
  for (let index = first; index < end; index += 1) {
    const digit = digitValue(source[index], hex);
    if (digit === -1) throw new SoapRequestError('Client', 'Invalid character reference');
    code = code * (hex ? 16 : 10) + digit;
  }
  return code;
}

function digitValue(byte: number, hex: boolean): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (!hex) return -1;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  return -1;
}

function writeCodePoint(out: Buffer, at: number, code: number): number {
  if (code < 0x80) {
    out[at] = code;
    return at + 1;
  }
  if (code < 0x800) {
    out[at] = 0xc0 | (code >> 6);
    out[at + 1] = 0x80 | (code & 0x3f);
    return at + 2;
  }
  if (code < 0x10000) {
    out[at] = 0xe0 | (code >> 12);
    out[at + 1] = 0x80 | ((code >> 6) & 0x3f);
    out[at + 2] = 0x80 | (code & 0x3f);
    return at + 3;
  }
  out[at] = 0xf0 | (code >> 18);
  out[at + 1] = 0x80 | ((code >> 12) & 0x3f);
  out[at + 2] = 0x80 | ((code >> 6) & 0x3f);
  out[at + 3] = 0x80 | (code & 0x3f);
  return at + 4;
}
