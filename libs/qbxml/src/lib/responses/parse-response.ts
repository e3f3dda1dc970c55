import {
  ResponseReader,
  type QbResponse,
  type QbResponseDocument,
  type ReadOptions,
} from './response-reader';
import type { QbRecordTypes } from './response-types';

/**
 * Parses a qbXML response document (what `receiveResponseXML` carries) into the
 * `QBXMLMsgsRs` children, in order: one {@link QbResponse} per request, with its status and
 * typed records.
 *
 * @throws QbxmlError `QBXML_MALFORMED`, `QBXML_DOCTYPE_REFUSED` or
 *   `QBXML_UNEXPECTED_DOCUMENT` when the text is not a well-formed response document
 */
export function parseResponseXml(qbxml: string): QbResponse[] {
  return parseResponseDocument(qbxml).responses;
}

/** Like {@link parseResponseXml}, with the message-set attributes used by error recovery. */
export function parseResponseDocument(
  qbxml: string,
  options: ReadOptions = {},
): QbResponseDocument {
  return new ResponseReader(options).write(qbxml).close();
}

/**
 * Reads a response document piece by piece, handing each record over as soon as it is
 * complete, so that a large import never holds every record at once.
 */
export function createResponseStream(options: ReadOptions): ResponseReader {
  return new ResponseReader({ keepRecords: false, ...options });
}

/** The records of a response, typed by its response type. */
export function recordsOf<K extends keyof QbRecordTypes>(
  response: QbResponse,
  type: K,
): QbRecordTypes[K][] {
  return response.type === type ? (response.records as QbRecordTypes[K][]) : [];
}
