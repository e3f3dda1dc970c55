import { setTimeout as sleep } from 'node:timers/promises';
import type { CompanyFile, QbAnswer } from '../company/company-file';
import { highestVersion } from '../company/company-settings';
import {
  isWrite,
  matches,
  take,
  type Faults,
  type LoseResponseRule,
  type MidIteratorRule,
} from '../company/faults';
import type { QbSession } from '../company/qb-session';
import { QbRequestProcessorError } from '../company/request-errors';
import { parseXml } from '../xml/xml-tree';
import { parseQwc, qwcProblems, type QwcFile } from './qwc-file';
import { runSchedule, type ScheduledRun, type ScheduleOptions } from './schedule';
import type {
  QbExchange,
  SessionOutcome,
  SessionReport,
  SoapCallRecord,
} from './session-report';
import {
  INTUIT_NS,
  parseResponseEnvelope,
  requestEnvelope,
  SoapFormatError,
  stringArray,
  type SoapValue,
} from './soap-envelope';
import { SoapTransport, type TransportOptions } from './soap-transport';

export interface WebConnectorOptions {
  /** Text of the .qwc file the user added. */
  qwc: string;
  /** The password the user typed into the Web Connector. */
  password: string;
  /** The QuickBooks company file open on this simulated PC. */
  company: CompanyFile;
  /** Where to POST; the QWC's AppURL when absent. */
  gatewayUrl?: string;
  /** Version reported by clientVersion. */
  clientVersion?: string;
  /** Per-call HTTP timeout, ms (100 s, the .NET default). */
  timeoutMs?: number;
  /** The user's choice when clientVersion answers "W:". */
  onWarning?: 'continue' | 'cancel';
  /** How long the Web Connector waits after getLastError answers "NoOp" (5 s). */
  noOpPauseMs?: number;
  /** Safety stop for runaway sessions (requests per session). */
  maxRequests?: number;
  /** Keep request/response bodies in the report (large imports: turn off). */
  recordBodies?: boolean;
  transport?: TransportOptions;
}

class CallFailed extends Error {
  constructor(
    readonly qbwcCode: string,
    message: string,
  ) {
    super(message);
  }
}

class Stop extends Error {
  constructor(readonly outcome: SessionOutcome) {
    super(outcome);
  }
}

const CALL_ERROR_CODES: Record<string, string> = {
  clientVersion: 'QBWC1036',
  authenticate: 'QBWC1012',
  sendRequestXML: 'QBWC1041',
  receiveResponseXML: 'QBWC1042',
  getLastError: 'QBWC1043',
  closeConnection: 'QBWC1044',
  connectionError: 'QBWC1045',
};

const COULD_NOT_START = { hresult: '0x80040408', message: 'Could not start QuickBooks.' };

/**
 * Plays QuickBooks Web Connector against a gateway over real HTTP: the call sequence,
 * headers and SOAP 1.1 envelopes of the .NET client, with QuickBooks (a {@link CompanyFile})
 * answering the qbXML requests in between.
 */
export class WebConnector {
  readonly qwc: QwcFile;
  /** What the real Web Connector would refuse in this QWC (QBWC1000/1001/1010/1039). */
  readonly qwcProblems: string[];
  private readonly transport: SoapTransport;

  constructor(private readonly options: WebConnectorOptions) {
    this.qwc = parseQwc(options.qwc);
    this.qwcProblems = qwcProblems(this.qwc);
    this.transport = new SoapTransport({
      timeoutMs: options.timeoutMs,
      ...options.transport,
    });
    // Adding the application stamps the QWC's FileID into the company file.
    options.company.registerApplication(this.qwc.OwnerID, this.qwc.FileID);
  }

  get url(): string {
    return this.options.gatewayUrl ?? this.qwc.AppURL;
  }

  /** Runs one update session; never throws for protocol problems, the report says what happened. */
  async runSession(sessionFaults: Faults = {}): Promise<SessionReport> {
    const run = new SessionRun(this, this.options, sessionFaults);
    return run.play();
  }

  /** Runs sessions the way the Web Connector's scheduler does (see {@link runSchedule}). */
  runSchedule(options: ScheduleOptions): Promise<ScheduledRun[]> {
    return runSchedule(this, options);
  }

  /** Releases kept-alive connections. */
  close(): void {
    this.transport.close();
  }

  /** @internal one SOAP call with .NET's error semantics. */
  async call(
    op: string,
    params: [string, SoapValue][],
    record: SoapCallRecord[],
    keepBodies: boolean,
    warnings: string[],
  ) {
    const envelope = requestEnvelope(op, params);
    const entry: SoapCallRecord = {
      operation: op,
      params: Object.fromEntries(params),
      durationMs: 0,
    };
    if (keepBodies) entry.requestEnvelope = envelope;
    record.push(entry);
    const started = Date.now();
    try {
      const exchange = await this.transport.post(this.url, `${INTUIT_NS}${op}`, envelope);
      entry.httpStatus = exchange.status;
      entry.requestHeaders = exchange.requestHeaders;
      entry.responseContentType = exchange.contentType;
      if (keepBodies) entry.responseBody = exchange.body;
      const { value, notes } = interpret(
        op,
        exchange.status,
        exchange.statusText,
        exchange.contentType,
        exchange.body,
      );
      entry.result = value;
      warnings.push(...notes);
      return value;
    } catch (err) {
      entry.error = (err as Error).message;
      throw new CallFailed(
        CALL_ERROR_CODES[op] ?? 'QBWC1012',
        `${op}() failed: ${(err as Error).message}`,
      );
    } finally {
      entry.durationMs = Date.now() - started;
    }
  }
}

function interpret(
  op: string,
  status: number,
  statusText: string,
  contentType: string,
  body: string,
) {
  if (!/^text\/xml\b/i.test(contentType)) {
    const empty = body.length === 0 ? ' The request failed with an empty response.' : '';
    throw new Error(
      `Client found response content type of '${contentType}', but expected 'text/xml'.${empty}`,
    );
  }
  if (status !== 200 && status !== 500)
    throw new Error(`The request failed with HTTP status ${status}: ${statusText}.`);
  let parsed;
  try {
    parsed = parseResponseEnvelope(body, op);
  } catch (err) {
    if (status === 500)
      throw new Error(`The request failed with HTTP status 500: ${statusText}.`);
    throw err instanceof SoapFormatError ? err : new Error(String(err));
  }
  if (parsed.kind === 'fault')
    throw new Error(`SOAP fault ${parsed.fault.faultcode}: ${parsed.fault.faultstring}`);
  if (status === 500)
    throw new Error(`The request failed with HTTP status 500: ${statusText}.`);
  const notes = parsed.warnings;
  if (op === 'authenticate') return { value: stringArray(parsed.result) ?? null, notes };
  if (op === 'receiveResponseXML') return { value: toInt(parsed.result?.text), notes };
  return { value: parsed.result ? parsed.result.text : null, notes };
}

// .NET leaves an absent int at 0 and throws on text that is not an integer.
function toInt(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return 0;
  if (!/^\s*[+-]?\d+\s*$/.test(text))
    throw new Error('Input string was not in a correct format.');
  return Number(text);
}

/** The state of one update session. */
class SessionRun {
  private readonly report: SessionReport;
  private readonly company: CompanyFile;
  private qbSession?: QbSession;
  private ticket = '';
  private iteratorPages = 0;

  constructor(
    private readonly wc: WebConnector,
    private readonly options: WebConnectorOptions,
    private readonly faults: Faults,
  ) {
    this.company = options.company;
    this.report = {
      outcome: 'completed',
      startedAt: Date.now(),
      finishedAt: 0,
      calls: [],
      exchanges: [],
      percents: [],
      connectionErrorReplies: [],
      warnings: [...wc.qwcProblems],
    };
  }

  async play(): Promise<SessionReport> {
    try {
      await this.handshake();
      const path = await this.authenticate();
      await this.openCompany(path);
      await this.exchangeLoop();
      await this.close();
    } catch (err) {
      this.fail(err);
    } finally {
      this.qbSession?.end();
      this.report.finishedAt = Date.now();
    }
    return this.report;
  }

  private fail(err: unknown): void {
    if (err instanceof Stop) {
      this.report.outcome = err.outcome;
    } else if (err instanceof CallFailed) {
      this.report.outcome = 'call-failed';
      this.report.error = `${err.qbwcCode}: ${err.message}`;
    } else {
      throw err;
    }
  }

  private call(op: string, params: [string, SoapValue][]) {
    return this.wc.call(
      op,
      params,
      this.report.calls,
      this.options.recordBodies !== false,
      this.report.warnings,
    );
  }

  private async handshake(): Promise<void> {
    try {
      this.report.serverVersion =
        ((await this.call('serverVersion', [])) as string | null) ?? '';
    } catch (err) {
      // A failing serverVersion only leaves the "More information" box empty.
      this.report.warnings.push((err as Error).message);
    }

    const reply =
      ((await this.call('clientVersion', [
        ['strVersion', this.options.clientVersion ?? '2.3.0.215'],
      ])) as string | null) ?? '';
    this.report.clientVersionReply = reply;
    if (reply === '') return;
    if (reply.startsWith('W:')) {
      this.report.warnings.push(`clientVersion warning: ${reply.slice(2)}`);
      if (this.options.onWarning === 'cancel') throw new Stop('client-version-refused');
      return;
    }
    if (reply.startsWith('E:') || reply.startsWith('O:'))
      throw new Stop('client-version-refused');
    throw new CallFailed(
      'QBWC1046',
      `clientVersion() returned an unexpected value: "${reply}"`,
    );
  }

  private async authenticate(): Promise<string> {
    const reply = (await this.call('authenticate', [
      ['strUserName', this.wc.qwc.UserName],
      ['strPassword', this.options.password],
    ])) as string[] | null;
    if (!reply || reply.length < 2) {
      throw new CallFailed('QBWC1012', 'authenticate() returned fewer than two strings');
    }
    this.report.authenticateReply = reply;
    this.ticket = reply[0];
    this.report.ticket = reply[0];
    this.report.postponeSeconds = seconds(reply[2]);
    this.report.minRunEverySeconds = seconds(reply[3]);

    const code = reply[1].trim().toLowerCase();
    const stops: Record<string, SessionOutcome> = {
      nvu: 'invalid-user',
      none: 'nothing-to-do',
      busy: 'busy',
    };
    if (stops[code]) {
      await this.closeConnection();
      throw new Stop(stops[code]);
    }
    return reply[1];
  }

  // QuickBooks opens the file named by authenticate ("" = the file already open). When it
  // cannot, connectionError is called; "done" ends the update, anything else is another
  // path to try. The real client gives up after a couple of attempts.
  private async openCompany(path: string): Promise<void> {
    let attempt = path;
    for (let tries = 0; tries < 3; tries += 1) {
      const failure = this.openFailure(attempt);
      if (!failure) {
        this.qbSession = this.company.beginSession();
        return;
      }
      const reply =
        ((await this.call('connectionError', [
          ['ticket', this.ticket],
          ['hresult', failure.hresult],
          ['message', failure.message],
        ])) as string | null) ?? '';
      this.report.connectionErrorReplies.push(reply);
      if (reply.trim().toLowerCase() === 'done') break;
      attempt = reply;
    }
    await this.closeConnection();
    throw new Stop('connection-error');
  }

  private openFailure(path: string): { hresult: string; message: string } | undefined {
    if (take(this.faults, 'couldNotStart') || take(this.company.faults, 'couldNotStart'))
      return COULD_NOT_START;
    if (
      path !== '' &&
      normalizePath(path) !== normalizePath(this.company.settings.filePath)
    ) {
      this.report.warnings.push(
        `authenticate named "${path}", but the open company file is "${this.company.settings.filePath}"`,
      );
      return COULD_NOT_START;
    }
    return undefined;
  }

  private async exchangeLoop(): Promise<void> {
    const settings = this.company.settings;
    const [major, minor] = highestVersion(settings)
      .replace(/^[A-Z]+/, '')
      .split('.');
    let first = true;
    for (let n = 0; n < (this.options.maxRequests ?? 100_000); n += 1) {
      const request =
        ((await this.call('sendRequestXML', [
          ['ticket', this.ticket],
          ['strHCPResponse', first ? this.company.hcpResponse() : ''],
          ['strCompanyFileName', settings.filePath],
          ['qbXMLCountry', settings.country],
          ['qbXMLMajorVers', Number(major)],
          ['qbXMLMinorVers', Number(minor ?? 0)],
        ])) as string | null) ?? '';
      first = false;

      if (request === '') {
        if (await this.lastErrorIsNoOp()) continue;
        this.report.outcome = 'ended-by-server';
        return;
      }
      const percent = await this.process(request);
      if (percent < 0) {
        this.report.lastError =
          ((await this.call('getLastError', [['ticket', this.ticket]])) as
            string | null) ?? '';
        this.report.outcome = 'error-reported';
        return;
      }
      if (percent >= 100) return;
    }
    this.report.warnings.push(
      `stopped after ${this.options.maxRequests ?? 100_000} requests`,
    );
  }

  private async lastErrorIsNoOp(): Promise<boolean> {
    const text =
      ((await this.call('getLastError', [['ticket', this.ticket]])) as string | null) ??
      '';
    this.report.lastError = text;
    if (text !== 'NoOp') return false;
    await sleep(this.options.noOpPauseMs ?? 5000);
    return true;
  }

  private async process(request: string): Promise<number> {
    const exchange: QbExchange = { request: '', response: '', hresult: '', message: '' };
    if (this.options.recordBodies !== false) exchange.request = request;
    this.report.exchanges.push(exchange);

    const answer = await this.ask(request, exchange);
    if (answer && this.loseAnswer(request, answer)) {
      this.report.warnings.push(
        'the connection dropped after QuickBooks saved the change; the gateway got nothing',
      );
      throw new Stop('network-error');
    }
    const midIterator = answer ? this.midIteratorFault(answer) : undefined;

    const percent = (await this.call('receiveResponseXML', [
      ['ticket', this.ticket],
      ['response', answer?.response ?? ''],
      ['hresult', exchange.hresult],
      ['message', exchange.message],
    ])) as number;
    exchange.percent = percent;
    this.report.percents.push(percent);

    if (midIterator) this.closeQbSessionMidIterator(midIterator);
    return percent;
  }

  private async ask(
    request: string,
    exchange: QbExchange,
  ): Promise<QbAnswer | undefined> {
    try {
      const answer = await this.company.processRequest(request, this.qbSession!);
      if (this.options.recordBodies !== false) exchange.response = answer.response;
      return answer;
    } catch (err) {
      if (!(err instanceof QbRequestProcessorError)) throw err;
      exchange.hresult = err.hresult;
      exchange.message = err.message;
      if (err.details.length > 0)
        this.report.warnings.push(
          `QuickBooks refused the request: ${err.details.join('; ')}`,
        );
      return undefined;
    }
  }

  private loseAnswer(request: string, answer: QbAnswer): boolean {
    const saved = answer.results.some(
      (r) => isWrite(r.request) && r.status.severity !== 'Error',
    );
    if (!saved) return false;
    const accept = (rule: LoseResponseRule | Record<string, never>) => {
      const match = (rule as LoseResponseRule).match;
      if (!match) return true;
      const messages = parseXml(request).root.children[0]?.children ?? [];
      return messages.some((rq) => matches(match, rq));
    };
    return (
      take(this.faults, 'loseResponseAfterSave', accept) ||
      take(this.company.faults, 'loseResponseAfterSave', accept)
    );
  }

  private midIteratorFault(answer: QbAnswer): MidIteratorRule | undefined {
    if (!answer.results.some((r) => (r.iteratorRemainingCount ?? 0) > 0))
      return undefined;
    this.iteratorPages += 1;
    for (const faults of [this.faults, this.company.faults]) {
      const value = faults.closeSessionMidIterator;
      const rule: MidIteratorRule = typeof value === 'object' ? value : {};
      if (
        value &&
        this.iteratorPages >= (rule.afterPages ?? 1) &&
        take(faults, 'closeSessionMidIterator')
      ) {
        return rule;
      }
    }
    return undefined;
  }

  private closeQbSessionMidIterator(rule: MidIteratorRule): void {
    this.qbSession?.end();
    this.iteratorPages = 0;
    if (rule.mode === 'reopen') {
      this.report.warnings.push(
        'QuickBooks closed its session mid-iterator and a new one was opened',
      );
      this.qbSession = this.company.beginSession();
      return;
    }
    this.report.warnings.push(
      'the Web Connector stopped mid-iterator (closed or the PC went to sleep)',
    );
    throw new Stop('aborted');
  }

  private async close(): Promise<void> {
    await this.closeConnection();
  }

  private async closeConnection(): Promise<void> {
    this.report.closeMessage =
      ((await this.call('closeConnection', [['ticket', this.ticket]])) as
        string | null) ?? '';
  }
}

function seconds(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

function normalizePath(path: string): string {
  return path.trim().replace(/\//g, '\\').toLowerCase();
}
