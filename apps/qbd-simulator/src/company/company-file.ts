import { setTimeout as sleep } from 'node:timers/promises';
import type { QbNode } from '../qbxml/qb-node';
import { writeResponseDocument, type RsElement } from '../qbxml/response-writer';
import {
  sharedSchemaValidator,
  type QbxmlSchemaValidator,
} from '../qbxml/schema-validator';
import { severityOf, status, type QbStatus } from '../qbxml/status';
import {
  sharedVersionRules,
  type Edition,
  type QbxmlVersionRules,
} from '../qbxml/version-rules';
import { firstRawNonAscii } from '../xml/qb-text';
import { parseXml, XmlSyntaxError, type XmlElement } from '../xml/xml-tree';
import {
  usProSettings,
  versionNumber,
  highestVersion,
  type CompanySettings,
} from './company-settings';
import { CompanyStore, type CompanySnapshot } from './company-store';
import { handlerFor } from './dispatch';
import { takeRefusal, type Faults } from './faults';
import { StatusError, type HandlerContext, type RsResult } from './handler-context';
import { companyRet, hostRet, preferencesRet } from './handlers/host';
import { CompanyData } from './company-data';
import { QbSession } from './qb-session';
import {
  INVALID_TICKET_HRESULT,
  parseError,
  QbRequestProcessorError,
} from './request-errors';
import { RetWriter } from './ret-writer';

export interface CompanyFileOptions {
  /** Source of "now" (ms since epoch); tests pin it. */
  clock?: () => number;
  validator?: QbxmlSchemaValidator;
  rules?: QbxmlVersionRules;
}

/** What QuickBooks made of one request message set. */
export interface QbAnswer {
  /** The qbXML response document. */
  response: string;
  /** Each `…Rs` in order: request name, requestID, status. */
  results: {
    request: string;
    requestId?: string;
    status: QbStatus;
    iteratorRemainingCount?: number;
  }[];
}

interface ParsedRequest {
  messages: XmlElement;
  version: number;
}

/**
 * An in-memory QuickBooks Desktop company file that answers qbXML as QuickBooks does.
 * Requests go through the same gates as in QuickBooks: the XML must parse, declare a qbXML
 * version this QuickBooks supports and validate against Intuit's schema, or the whole
 * message set is refused with HRESULT 0x80040400; then each request is answered with its
 * own status code.
 */
export class CompanyFile {
  readonly store: CompanyStore;
  /** Data set-up API (customers, items, ...) for demos and tests. */
  readonly data: CompanyData;
  /** Failures injected into every update against this file. */
  faults: Faults = {};

  private readonly writer: RetWriter;
  private readonly rules: QbxmlVersionRules;
  private readonly validator?: QbxmlSchemaValidator;

  constructor(
    settings: Partial<CompanySettings> = {},
    options: CompanyFileOptions = {},
    store?: CompanyStore,
  ) {
    const clock = options.clock ?? Date.now;
    this.store = store ?? new CompanyStore(usProSettings(settings), clock);
    this.writer = new RetWriter(this.store);
    this.rules = options.rules ?? sharedVersionRules();
    this.validator = options.validator;
    this.data = new CompanyData(this.store);
  }

  static fromSnapshot(
    snapshot: CompanySnapshot,
    options: CompanyFileOptions = {},
  ): CompanyFile {
    const store = CompanyStore.fromSnapshot(snapshot, options.clock ?? Date.now);
    return new CompanyFile(snapshot.settings, options, store);
  }

  get settings(): CompanySettings {
    return this.store.settings;
  }

  toSnapshot(): CompanySnapshot {
    return this.store.toSnapshot();
  }

  /** Opens a request-processor session (what the Web Connector does for each update). */
  beginSession(): QbSession {
    return new QbSession();
  }

  /**
   * Answers a qbXML request document exactly as QuickBooks would, or rejects with a
   * {@link QbRequestProcessorError} (HRESULT 0x80040400) when QuickBooks could not parse it.
   */
  async handleRequest(qbxml: string, session: QbSession): Promise<string> {
    return (await this.processRequest(qbxml, session)).response;
  }

  /** Like {@link handleRequest}, with the per-request statuses alongside the document. */
  async processRequest(qbxml: string, session: QbSession): Promise<QbAnswer> {
    if (!session.isOpen) {
      throw new QbRequestProcessorError(
        INVALID_TICKET_HRESULT,
        'The ticket parameter is invalid.',
      );
    }
    if (this.faults.delayMs) await sleep(this.faults.delayMs);

    const parsed = await this.parse(qbxml);
    return this.answerAll(parsed, session);
  }

  /** The HostQuery + CompanyQuery + PreferencesQuery answer the Web Connector sends first. */
  hcpResponse(): string {
    const version = versionNumber(highestVersion(this.settings));
    const rs = (name: string, requestId: string, ret: QbNode): RsElement =>
      this.prune({ name, requestId, status: status.ok(), rets: [ret] }, version);
    return writeResponseDocument([
      rs('HostQueryRs', '0', hostRet(this.store)),
      rs('CompanyQueryRs', '1', companyRet(this.store)),
      rs('PreferencesQueryRs', '2', preferencesRet(this.store)),
    ]);
  }

  /**
   * What the Web Connector does when an application is added: it stores the QWC's FileID
   * in the company file as a private data extension owned by the QWC's OwnerID.
   */
  registerApplication(ownerId: string, fileId: string): void {
    const existing = this.store.dataExtensions.find(
      (d) =>
        d.OwnerID.toLowerCase() === ownerId.toLowerCase() && d.DataExtName === 'FileID',
    );
    if (existing) existing.DataExtValue = fileId;
    else
      this.store.dataExtensions.push({
        OwnerID: ownerId,
        DataExtName: 'FileID',
        DataExtValue: fileId,
      });
  }

  private async parse(qbxml: string): Promise<ParsedRequest> {
    const raw =
      this.settings.rawNonAscii === 'reject' ? firstRawNonAscii(qbxml) : undefined;
    if (raw !== undefined)
      throw parseError(`raw non-ASCII character "${raw}" in the request`);

    const doc = parseWellFormed(qbxml);
    if (!doc.hasDeclaration)
      throw parseError('the request does not start with an <?xml ?> declaration');
    const version = this.declaredVersion(doc.processingInstructions);
    const messages = doc.root.children[0];
    if (doc.root.name !== 'QBXML' || messages?.name !== 'QBXMLMsgsRq') {
      throw parseError('the root element must be QBXML/QBXMLMsgsRq');
    }

    if (this.settings.validateSchema) {
      const requestNames = messages.children.map((rq) => rq.name);
      const verdict = await (this.validator ?? sharedSchemaValidator()).validate(
        qbxml,
        requestNames,
      );
      if (!verdict.valid) throw parseError(...verdict.errors);
    }
    const violations = messages.children.flatMap((rq) =>
      this.rules.check(rq, version, this.edition),
    );
    if (violations.length > 0)
      throw parseError(...violations.map((v) => `${v.path}: ${v.reason}`));
    return { messages, version };
  }

  private declaredVersion(pis: { target: string; body: string }[]): number {
    const pi = pis.find((p) => p.target === 'qbxml');
    const declared = pi ? /version\s*=\s*"([^"]*)"/.exec(pi.body)?.[1] : undefined;
    if (declared === undefined)
      throw parseError('missing <?qbxml version="…"?> instruction');
    if (!this.settings.supportedVersions.includes(declared)) {
      throw parseError(
        `qbXML version ${declared} is not supported by ${this.settings.productName} (supports ${this.settings.supportedVersions.join(', ')})`,
      );
    }
    return versionNumber(declared);
  }

  private get edition(): Edition {
    return this.settings.country === 'CA' ? 'QBCA' : 'QBD';
  }

  // onError="stopOnError" (and rollbackOnError, which desktop QuickBooks does not really
  // honour) leaves the requests after the first error unanswered; continueOnError answers
  // every request.
  private answerAll(parsed: ParsedRequest, session: QbSession): QbAnswer {
    const continueOnError = parsed.messages.attrs['onError'] === 'continueOnError';
    const responses: RsElement[] = [];
    for (const rq of parsed.messages.children) {
      const rs = this.answerOne(rq, parsed.version, session);
      responses.push(rs);
      if (!continueOnError && rs.status.severity === 'Error') break;
    }
    return {
      response: writeResponseDocument(responses),
      results: responses.map((rs) => ({
        request: rs.name.replace(/Rs$/, 'Rq'),
        requestId: rs.requestId,
        status: rs.status,
        iteratorRemainingCount: remainingOf(rs),
      })),
    };
  }

  private answerOne(rq: XmlElement, version: number, session: QbSession): RsElement {
    const rsName = rq.name.replace(/Rq$/, 'Rs');
    const requestId = rq.attrs['requestID'];
    const ctx: HandlerContext = {
      store: this.store,
      writer: this.writer,
      rules: this.rules,
      session,
      version,
      edition: this.edition,
      rq,
      rsName,
    };
    const result = this.run(ctx);
    return this.prune({ name: rsName, requestId, ...result }, version);
  }

  private run(ctx: HandlerContext): RsResult {
    const refusal = takeRefusal(this.faults, ctx.rq);
    if (refusal)
      return { status: refusedStatus(refusal.statusCode, refusal.statusMessage) };
    try {
      return handlerFor(ctx.rq.name)(ctx);
    } catch (err) {
      if (err instanceof StatusError) return { status: err.status };
      throw err;
    }
  }

  /** Drops response elements the request's qbXML version or this edition does not have. */
  private prune(rs: RsElement, version: number): RsElement {
    const keep = (node: QbNode, path: string): QbNode | undefined => {
      if (!this.rules.allows(path, version, this.edition)) return undefined;
      if (!node.children) return node;
      const children = node.children
        .map((c) => keep(c, `${path}/${c.name}`))
        .filter((c): c is QbNode => c !== undefined);
      return { ...node, children };
    };
    const rets = rs.rets
      ?.map((r) => keep(r, `${rs.name}/${r.name}`))
      .filter((r): r is QbNode => !!r);
    return { ...rs, rets };
  }
}

function parseWellFormed(qbxml: string) {
  try {
    return parseXml(qbxml);
  } catch (err) {
    if (err instanceof XmlSyntaxError)
      throw parseError(`not well-formed XML: ${err.message}`);
    throw err;
  }
}

function remainingOf(rs: RsElement): number | undefined {
  const value = rs.attrs?.find(([name]) => name === 'iteratorRemainingCount')?.[1];
  return value === undefined ? undefined : Number(value);
}

const REFUSAL_MESSAGES: Record<number, string> = {
  1000: 'There has been an internal error when processing the request.',
  3170: 'There was an error when modifying the list element. QuickBooks error message: This list has been modified by another user.',
  3180: 'There was an error when saving the list element. QuickBooks error message: This list has been modified by another user.',
  3250: 'This feature is not enabled or not available in this version of QuickBooks.',
  3260: 'Insufficient permission level to perform this action.',
};

function refusedStatus(code: number, message?: string): QbStatus {
  return {
    code,
    severity: severityOf(code),
    message:
      message ??
      REFUSAL_MESSAGES[code] ??
      `The request was refused by QuickBooks (status ${code}).`,
  };
}
