import type { QbNode } from '../qbxml/qb-node';
import type { QbStatus } from '../qbxml/status';
import type { Edition, QbxmlVersionRules } from '../qbxml/version-rules';
import type { XmlElement } from '../xml/xml-tree';
import type { CompanyStore } from './company-store';
import type { QbSession } from './qb-session';
import type { RetWriter } from './ret-writer';

/** Everything a request handler needs to answer one `…Rq`. */
export interface HandlerContext {
  store: CompanyStore;
  writer: RetWriter;
  rules: QbxmlVersionRules;
  session: QbSession;
  /** qbXML version the request declared, e.g. 13. */
  version: number;
  edition: Edition;
  rq: XmlElement;
  rsName: string;
}

/** What a handler answers: a status, the Ret elements, extra attributes (iterators, counts). */
export interface RsResult {
  status: QbStatus;
  rets?: QbNode[];
  attrs?: [string, string][];
}

export type RequestHandler = (ctx: HandlerContext) => RsResult;

/** A failed validation inside a handler, carried up as the request's status. */
export class StatusError extends Error {
  constructor(readonly status: QbStatus) {
    super(status.message);
  }
}
