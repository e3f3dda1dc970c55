import type { DocumentKind, LinkKind } from '@qbd/domain';
import type {
  CustomerAddRequest,
  InvoiceAddRequest,
  InvoiceQueryRequest,
  SalesOrderAddRequest,
  SalesOrderQueryRequest,
} from '@qbd/qbxml';

/** A request as queued: the gateway gives it its requestID when it sends it. */
export type Unsent<T> = T extends unknown ? Omit<T, 'requestID'> : never;

export type CustomerAddUnsent = Unsent<CustomerAddRequest>;
export type DocumentAddUnsent = Unsent<InvoiceAddRequest> | Unsent<SalesOrderAddRequest>;
export type DocumentQueryUnsent =
  Unsent<InvoiceQueryRequest> | Unsent<SalesOrderQueryRequest>;

/** A customer or job added in the same message as the document that needs it. */
export interface CustomerAddPlan {
  /** Position of its CustomerAdd in `requests`. */
  index: number;
  /** client: a top-level customer; location: a job under it. */
  kind: Extract<LinkKind, 'client' | 'location'>;
  /** The ProgressionLIVE client or location that it stands for. */
  plId: string;
  /** The FullName it gets in QuickBooks (`Customer:Job` for a job). */
  fullName: string;
}

/** What identifies the document in QuickBooks when its answer was lost. */
export interface DocumentMatch {
  /** `{GUID}` stamped on the document; null when the file's qbXML is older than 9.0. */
  externalGuid: string | null;
  /** The RefNumber we asked for; null when QuickBooks numbers the document. */
  refNumber: string | null;
  /** The document's customer or job: ListID when it existed, always its FullName. */
  customer: { listId: string | null; fullName: string };
  /** TxnDate sent (YYYY-MM-DD). */
  date: string;
  /** Subtotal QuickBooks should compute: sum of the lines, before tax. */
  total: string;
}

/** `work_item.params` of a `document` item (the gateway adds `lastRequest` when it sends it). */
export interface DocumentParams {
  [key: string]: unknown;
  documentKind: DocumentKind;
  /** CustomerAdd(s) first, the document last (the main request). */
  requests: (CustomerAddUnsent | DocumentAddUnsent)[];
  /** The query that finds the document again. */
  lookup: DocumentQueryUnsent;
  match: DocumentMatch;
  customerAdds: CustomerAddPlan[];
  lastRequest?: string;
}

/** `work_item.params` of a `lookup` item, as the gateway makes it from a lost document. */
export interface LookupParams {
  [key: string]: unknown;
  requests: DocumentQueryUnsent[];
  document: DocumentParams;
  documentSendCount: number;
  /** Lookups already tried for this document whose answer was an error. */
  lookupAttempts?: number;
}
