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
