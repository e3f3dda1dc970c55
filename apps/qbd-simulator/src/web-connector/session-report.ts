/** How an update session ended. */
export type SessionOutcome =
  /** receiveResponseXML reached 100 and closeConnection was called. */
  | 'completed'
  /** sendRequestXML returned "" and getLastError gave a message; then closeConnection. */
  | 'ended-by-server'
  /** receiveResponseXML returned a negative value; getLastError, then closeConnection. */
  | 'error-reported'
  | 'nothing-to-do'
  | 'invalid-user'
  | 'busy'
  /** QuickBooks could not be opened; connectionError answered "done". */
  | 'connection-error'
  /** clientVersion answered E: (or W: and the user cancelled, or O:). */
  | 'client-version-refused'
  /** A SOAP call failed (HTTP error, fault, bad XML, timeout): QBWC10xx. */
  | 'call-failed'
  /** The answer of a saved change was lost on the way to the gateway. */
  | 'network-error'
  /** The Web Connector stopped mid-session (closed, PC asleep). */
  | 'aborted';

export interface SoapCallRecord {
  operation: string;
  params: Record<string, string | number>;
  /** The parsed result (string, number or string[]), when the call succeeded. */
  result?: string | number | string[] | null;
  /** .NET-style error text when the call failed. */
  error?: string;
  httpStatus?: number;
  durationMs: number;
  requestHeaders?: Record<string, string>;
  requestEnvelope?: string;
  responseBody?: string;
  responseContentType?: string;
}

/** One qbXML request handed to QuickBooks and what came back. */
export interface QbExchange {
  request: string;
  response: string;
  hresult: string;
  message: string;
  /** What receiveResponseXML returned for it (absent when it never got there). */
  percent?: number;
}

export interface SessionReport {
  outcome: SessionOutcome;
  startedAt: number;
  finishedAt: number;
  ticket?: string;
  calls: SoapCallRecord[];
  exchanges: QbExchange[];
  percents: number[];
  serverVersion?: string;
  clientVersionReply?: string;
  authenticateReply?: string[];
  /** authenticate's third string: seconds the update is postponed. */
  postponeSeconds?: number;
  /** authenticate's fourth string: lower bound of the run interval, seconds. */
  minRunEverySeconds?: number;
  connectionErrorReplies: string[];
  lastError?: string;
  closeMessage?: string;
  /** The QBWC error shown to the user when a call failed, e.g. "QBWC1041: …". */
  error?: string;
  warnings: string[];
}

/** Operation names in call order, for assertions and printing. */
export function callSequence(report: SessionReport): string[] {
  return report.calls.map((c) => c.operation);
}
