/** What the gateway needs to know of a response before the worker reads it in full. */
export interface ResponseHeader {
  statusCode?: number;
  iteratorID?: string;
  iteratorRemainingCount?: number;
}

const ATTRIBUTE = /\s([A-Za-z]+)\s*=\s*"([^"]*)"/g;

/**
 * Finds the `...Rs` element answering `requestId` and reads its attributes, without
 * parsing the whole document: the worker parses it once, properly, when it applies it.
 */
export function scanResponseHeader(qbxml: string, requestId: string): ResponseHeader {
  const marker = `requestID="${requestId}"`;
  const at = qbxml.indexOf(marker);
  if (at === -1) return {};
  const start = qbxml.lastIndexOf('<', at);
  const end = qbxml.indexOf('>', at);
  if (start === -1 || end === -1) return {};

  const header: ResponseHeader = {};
  for (const [, name, value] of qbxml.slice(start, end).matchAll(ATTRIBUTE)) {
    if (name === 'statusCode') header.statusCode = Number(value);
    if (name === 'iteratorID') header.iteratorID = value;
    if (name === 'iteratorRemainingCount') header.iteratorRemainingCount = Number(value);
  }
  return header;
}

const ANY_REQUEST_ID = /\brequestID\s*=\s*["']/;

/**
 * Whether a receiveResponseXML body answers the request this session has pending.
 * QuickBooks echoes every requestID on its `...Rs` (the gateway numbers a message's
 * requests `<id>.<n>` and `<id>.d`), so an answer naming only other ids answers someone
 * else's request: recording it under our work item would let one company's session hand
 * another company's documents to the worker. A body naming no request at all is accepted
 * only with an hresult: then Web Connector reports that QuickBooks could not process the
 * pending request, and the body is empty or a bare error.
 */
export function answersRequest(qbxml: string, requestId: string, hresult: string): boolean {
  const escaped = requestId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ours = new RegExp(`\\brequestID\\s*=\\s*(["'])${escaped}(?:\\.[^"']*)?\\1`);
  if (ours.test(qbxml)) return true;
  return hresult.trim() !== '' && !ANY_REQUEST_ID.test(qbxml);
}
