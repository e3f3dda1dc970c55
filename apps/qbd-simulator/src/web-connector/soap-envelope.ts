import { parseXml, type XmlElement } from '../xml/xml-tree';

export const INTUIT_NS = 'http://developer.intuit.com/';
const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

export type SoapValue = string | number;

/** XML text escaping as .NET's XmlWriter does it: &, < and > (quotes stay in text). */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A request envelope as the Web Connector's .NET client writes it (Document/literal,
 * wrapped): one line after the declaration, `soap:` prefix, the operation element with a
 * default Intuit namespace, parameters in WSDL order, empty strings as empty elements.
 */
export function requestEnvelope(
  operation: string,
  params: [string, SoapValue][],
): string {
  const body =
    params.length === 0
      ? `<${operation} xmlns="${INTUIT_NS}" />`
      : `<${operation} xmlns="${INTUIT_NS}">${params.map(([n, v]) => param(n, v)).join('')}</${operation}>`;
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    `<soap:Envelope xmlns:soap="${SOAP11_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">` +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

function param(name: string, value: SoapValue): string {
  const text = String(value);
  return text === '' ? `<${name} />` : `<${name}>${escapeText(text)}</${name}>`;
}

export interface SoapFault {
  faultcode: string;
  faultstring: string;
}

/** What the .NET client makes of a response body. */
export type ParsedSoapResponse =
  | { kind: 'result'; result: XmlElement | undefined; warnings: string[] }
  | { kind: 'fault'; fault: SoapFault };

export class SoapFormatError extends Error {}

/**
 * Reads a SOAP 1.1 response the way the .NET client does: the envelope must be SOAP 1.1
 * (a SOAP 1.2 envelope is a VersionMismatch), the `<op>Response` wrapper and its
 * `<op>Result` must be in the Intuit namespace; an unqualified result is silently missing
 * (null), which is how a wrong namespace shows up in the Web Connector.
 */
export function parseResponseEnvelope(
  body: string,
  operation: string,
): ParsedSoapResponse {
  let root: XmlElement;
  try {
    root = parseXml(body, { namespaces: true }).root;
  } catch {
    throw new SoapFormatError('Response is not well-formed XML.');
  }
  if (root.name !== 'Envelope' || root.uri !== SOAP11_NS) {
    throw new SoapFormatError(
      root.name === 'Envelope'
        ? 'VersionMismatch: the envelope is not SOAP 1.1.'
        : 'The response is not a SOAP envelope.',
    );
  }
  const soapBody = root.children.find((c) => c.name === 'Body' && c.uri === SOAP11_NS);
  const first = soapBody?.children[0];
  if (!first) throw new SoapFormatError('The SOAP body is empty.');
  if (first.name === 'Fault' && first.uri === SOAP11_NS)
    return { kind: 'fault', fault: readFault(first) };

  const warnings: string[] = [];
  if (first.name !== `${operation}Response` || first.uri !== INTUIT_NS) {
    throw new SoapFormatError(
      `Unexpected element ${first.name} (${first.uri ?? 'no namespace'}); expected ${operation}Response in ${INTUIT_NS}.`,
    );
  }
  const result = first.children.find((c) => c.name === `${operation}Result`);
  if (result && result.uri !== INTUIT_NS) {
    warnings.push(
      `${operation}Result is not in ${INTUIT_NS}; the .NET client reads it as null`,
    );
    return { kind: 'result', result: undefined, warnings };
  }
  return { kind: 'result', result, warnings };
}

function readFault(fault: XmlElement): SoapFault {
  const text = (name: string) =>
    fault.children.find((c) => c.name === name)?.text.trim() ?? '';
  return { faultcode: text('faultcode'), faultstring: text('faultstring') };
}

/** The strings of an ArrayOfString result (authenticate). */
export function stringArray(result: XmlElement | undefined): string[] | undefined {
  if (!result) return undefined;
  return result.children
    .filter((c) => c.name === 'string' && c.uri === INTUIT_NS)
    .map((c) => c.text);
}
