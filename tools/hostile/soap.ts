// SOAP envelopes and answers as Web Connector (or someone pretending to be it) sends them.
import { send, type Answer } from './http';

export const SOAP_HEADERS = { 'content-type': 'text/xml; charset=utf-8' };

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** A document/literal SOAP 1.1 request for one operation; `inner` replaces the parameters. */
export function envelope(
  operation: string,
  params: Record<string, string | number> = {},
  inner?: string,
): string {
  const children =
    inner ??
    Object.entries(params)
      .map(([name, value]) => `<${name}>${escapeXml(String(value))}</${name}>`)
      .join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>' +
    `<${operation} xmlns="http://developer.intuit.com/">${children}</${operation}></soap:Body></soap:Envelope>`
  );
}

export function post(
  url: string,
  body: string | Buffer,
  headers: Record<string, string> = SOAP_HEADERS,
  localAddress?: string,
): Promise<Answer> {
  return send({ url, body, headers, localAddress });
}

export interface CallOptions {
  headers?: Record<string, string>;
  /** Another loopback source address (127.0.0.x), seen by the gateway as another client. */
  from?: string;
}

export function call(
  url: string,
  operation: string,
  params: Record<string, string | number>,
  options: CallOptions = {},
) {
  const headers = {
    ...SOAP_HEADERS,
    soapaction: `"http://developer.intuit.com/${operation}"`,
    ...options.headers,
  };
  return post(url, envelope(operation, params), headers, options.from);
}

/** The `<op>Result` of an answer: text, the `<string>` items of authenticate, or undefined. */
export function resultOf(
  answer: Answer,
  operation: string,
): string | string[] | undefined {
  const match = new RegExp(
    `<${operation}Result>([\\s\\S]*?)</${operation}Result>|<${operation}Result/>`,
  ).exec(answer.body);
  if (!match) return undefined;
  const inner = match[1] ?? '';
  if (operation !== 'authenticate') return unescapeXml(inner);
  return [...inner.matchAll(/<string>([\s\S]*?)<\/string>|<string\/>/g)].map((m) =>
    unescapeXml(m[1] ?? ''),
  );
}

export const firstCallParams = (ticket: string) => ({
  ticket,
  strHCPResponse: '',
  strCompanyFileName: 'C:\\Company.qbw',
  qbXMLCountry: 'US',
  qbXMLMajorVers: 13,
  qbXMLMinorVers: 0,
});

/** The qbXML answer QuickBooks gives to an InvoiceAdd. */
export function invoiceAddAnswer(requestId: string, ref: string, txnId: string): string {
  return (
    `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><InvoiceAddRs requestID="${requestId}" statusCode="0" statusSeverity="Info" statusMessage="Status OK">` +
    `<InvoiceRet><TxnID>${txnId}</TxnID><EditSequence>1</EditSequence><RefNumber>${ref}</RefNumber></InvoiceRet></InvoiceAddRs></QBXMLMsgsRs></QBXML>`
  );
}

/** The InvoiceAdd a work item of kind document carries (params.requests). */
export function invoiceRequest(ref: string, customerListId = '80000031-1716300000') {
  return {
    type: 'InvoiceAdd',
    CustomerRef: { ListID: customerListId },
    TxnDate: '2024-05-22',
    RefNumber: ref,
    InvoiceLineAdd: [
      {
        ItemRef: { ListID: '80000041-1716300100' },
        Desc: 'Panel inspection',
        Quantity: '2',
        Rate: '150.00',
      },
    ],
  };
}

export const requestIdOf = (qbxml: string) =>
  /requestID="([^"]+)"/.exec(qbxml)?.[1] ?? '';
export const refNumbersOf = (qbxml: string) =>
  [...qbxml.matchAll(/<RefNumber>([^<]*)<\/RefNumber>/g)].map((m) => m[1]);
