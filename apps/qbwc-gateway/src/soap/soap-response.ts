import { QBWC_NAMESPACE, SOAP11_NAMESPACE, type QbwcOperation } from './qbwc-operations';

const PROLOG = '<?xml version="1.0" encoding="utf-8"?>';
const OPEN_ENVELOPE =
  `<soap:Envelope xmlns:soap="${SOAP11_NAMESPACE}" ` +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
  '<soap:Body>';
const CLOSE_ENVELOPE = '</soap:Body></soap:Envelope>';

/** Escapes text for element content (qbXML travels as an escaped string, never raw). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (char) =>
    char === '&' ? '&amp;' : char === '<' ? '&lt;' : char === '>' ? '&gt;' : '&quot;',
  );
}

export type OperationResult = string | number | string[];

/**
 * The document/literal wrapped response: `<op>Response` holding `<op>Result`, both in the
 * Web Connector's namespace, `<?xml` at byte 0 and never an empty body.
 */
export function writeSoapResponse(operation: QbwcOperation, result: OperationResult): string {
  let inner: string;
  if (Array.isArray(result)) {
    inner = result.map((value) => `<string>${escapeXml(value)}</string>`).join('');
  } else {
    inner = escapeXml(String(result));
  }
  return (
    PROLOG +
    OPEN_ENVELOPE +
    `<${operation}Response xmlns="${QBWC_NAMESPACE}"><${operation}Result>${inner}</${operation}Result></${operation}Response>` +
    CLOSE_ENVELOPE
  );
}

/** A SOAP 1.1 Fault; the message is for people and never carries a stack trace. */
export function writeSoapFault(code: 'Client' | 'Server' | 'VersionMismatch', message: string): string {
  return (
    PROLOG +
    OPEN_ENVELOPE +
    `<soap:Fault><faultcode>soap:${code}</faultcode><faultstring>${escapeXml(message)}</faultstring></soap:Fault>` +
    CLOSE_ENVELOPE
  );
}
