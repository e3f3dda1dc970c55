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
  text: string[];
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
      stack[stack.length - 1].text.push(cdata(source.slice(open + 9, end)));
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
        params[element.local] = decodeText(element.text.join(''));
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

// CDATA content is literal; mark it so decodeText leaves it alone.
const CDATA_MARK = '\u0000';
function cdata(text: string): string {
  return `${CDATA_MARK}${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}${CDATA_MARK}`;
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const BARE_AMPERSAND = /&(?!(?:lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9A-Fa-f]{1,6});)/;
const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([0-9A-Fa-f]{1,6}));/g;

/** Decodes the five predefined entities and character references, once. */
export function decodeText(text: string): string {
  const plain = text.includes(CDATA_MARK) ? text.split(CDATA_MARK).join('') : text;
  if (!plain.includes('&')) return plain;
  if (BARE_AMPERSAND.test(plain)) throw new SoapRequestError('Client', 'Undeclared entity in the SOAP body');
  return plain.replace(ENTITY, (_match, named: string, decimal: string, hex: string) => {
    if (named) return NAMED[named];
    const code = decimal ? Number(decimal) : parseInt(hex, 16);
    if (code > 0x10ffff || code === 0) throw new SoapRequestError('Client', 'Invalid character reference');
    return String.fromCodePoint(code);
  });
}
