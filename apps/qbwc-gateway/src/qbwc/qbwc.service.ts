import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import {
  CompanyEntity,
  IMPORT_ENTITIES,
  SyncWatermarkEntity,
  WcSessionEntity,
  enqueueImport,
  jsonColumn,
  withDefaults,
  type ErrorRecord,
  type QuickBooksFileInfo,
} from '@qbd/domain';
import {
  AppConfig,
  ConnectorMetrics,
  LOGGER,
  extendLogContext,
  ticketTag,
  verifyPassword,
} from '@qbd/platform';
import { QueueClient } from '@qbd/queues';
import {
  negotiateVersion,
  parseHostResponse,
  type QbCountry,
  type QbxmlTarget,
} from '@qbd/qbxml';
import { LoginThrottle } from '../session/login-throttle';
import { TicketStore, newTicket, type SessionState } from '../session/ticket-store';
import { VerifiedLogins } from '../session/verified-logins';
import { PAGE_SIZE } from '../work/import-requests';
import { answersRequest } from '../work/response-scan';
import { WorkDispatcher } from '../work/work-dispatcher';
import { MESSAGES, say } from './messages';

/**
 * getLastError's answer that makes Web Connector pause about five seconds and ask again,
 * without ending the session: used while the worker builds documents QuickBooks awaits.
 */
const NO_OP = 'NoOp';
/** At most this many pauses per session (about a minute), so a session always ends. */
const MAX_WAITS = 12;

export const SERVER_VERSION = 'ProgressionLIVE QuickBooks connector 1.0';

/** hresults after which QuickBooks will not answer anything else in this session. */
const SESSION_FATAL_HRESULTS = new Set([
  '0x80040401',
  '0x80040402',
  '0x80040408',
  '0x8004040d',
  '0x80040420',
]);

/** Consecutive "could not start QuickBooks" sessions before the company is alerted. */
export const CONNECTION_ALERT_THRESHOLD = 3;

export interface CallContext {
  remoteAddress: string;
}

/** The eleven Web Connector operations, for every company, with all state outside. */
@Injectable()
export class QbwcService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tickets: TicketStore,
    private readonly throttle: LoginThrottle,
    private readonly verifiedLogins: VerifiedLogins,
    private readonly work: WorkDispatcher,
    private readonly queues: QueueClient,
    private readonly config: AppConfig,
    private readonly metrics: ConnectorMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  serverVersion(): string {
    return SERVER_VERSION;
  }

  /** Accepts Web Connector 2.1 and later; older ones are told to upgrade. */
  clientVersion(version: string): string {
    const parts = version.split('.').map((part) => Number(part));
    if (parts.length < 2 || parts.some((part) => Number.isNaN(part))) return '';
    const [major = 0, minor = 0] = parts;
    return major > 2 || (major === 2 && minor >= 1)
      ? ''
      : `W:${MESSAGES.clientTooOld.en} / ${MESSAGES.clientTooOld.fr}`;
  }

  async authenticate(
    userName: string,
    password: string,
    context: CallContext,
  ): Promise<string[]> {
    const refused = ['', 'nvu', '', ''];
    const company = userName
      ? await this.dataSource
          .getRepository(CompanyEntity)
          .findOneBy({ wcUsername: userName })
      : null;

    // The company's own Web Connector, whose password was verified recently, always gets
    // in: failed guesses by someone else at its user name or from its address (one proxy
    // may carry every company) must not lock it out.
    const known = await this.isRememberedLogin(company, password, context.remoteAddress);
    if (!known) {
      if (!(await this.throttle.admit(userName, context.remoteAddress))) {
        this.logger.warn(
          { userName: userName.slice(0, 128), remoteAddress: context.remoteAddress },
          'login refused: too many failures',
        );
        return refused;
      }
      const valid = await this.checkPassword(
        company,
        password,
        context.remoteAddress,
      ).catch(async (error: Error) => {
        await this.throttle.release(userName).catch(() => undefined);
        throw error;
      });
      if (!company || !valid) {
        // The user name's attempt was counted when it was admitted; the address is charged now.
        await this.throttle.recordFailure(context.remoteAddress);
        this.logger.warn(
          { userName: userName.slice(0, 128), remoteAddress: context.remoteAddress },
          'login failed',
        );
        return refused;
      }
    }
    await this.throttle.recordSuccess(userName);
    if (!company) return refused;
    extendLogContext({ companyId: company.id });

    const settings = withDefaults(company.settings);
    const postpone = String(settings.maxIntervalMinutes * 60);
    const minimumRun = String(settings.minIntervalMinutes * 60);
    await this.recordPoll(company.id, settings.maxIntervalMinutes);
    if (!settings.enabled) return [newTicket(), 'none', postpone, minimumRun];
    if (await this.tickets.isBusy(company.id)) return ['', 'busy', '', ''];

    await this.work.recoverAbandoned(company.id);
    await this.queueFirstImports(company);
    const hasWork =
      (await this.work.hasQueued(company.id)) ||
      (await this.work.pendingExports(company.id)).length > 0;
    if (!hasWork) return [newTicket(), 'none', postpone, minimumRun];

    const ticket = newTicket();
    const session = await this.dataSource.getRepository(WcSessionEntity).save({
      companyId: company.id,
      ticketTag: ticketTag(ticket),
      remoteAddress: context.remoteAddress,
    });
    const state: SessionState = {
      companyId: company.id,
      sessionId: session.id,
      generation: company.credentialGeneration,
      pagesDone: 0,
      lastPercent: 0,
      language: settings.quickBooksLanguage,
      connectionErrors: 0,
      requestsSent: 0,
    };
    if (!(await this.tickets.open(ticket, state))) {
      await this.endSession(
        session.id,
        'closed',
        'Another session of this company opened at the same time.',
      );
      return ['', 'busy', '', ''];
    }
    extendLogContext({ ticketTag: ticketTag(ticket) });
    this.logger.info({ sessionId: session.id }, 'session opened');
    return [ticket, settings.companyFilePath, '', minimumRun];
  }

  async sendRequestXML(ticket: string, params: Record<string, string>): Promise<string> {
    const state = await this.session(ticket);
    if (!state) return '';

    if (!state.qbxmlVersion) await this.readFirstCall(state, params);
    const target: QbxmlTarget = {
      version: state.qbxmlVersion!,
      country: state.country ?? 'US',
    };
    const leased = await this.work.leaseNext(state.companyId, state.sessionId, target);
    if (!leased) {
      state.lastError = (await this.shouldWait(state))
        ? NO_OP
        : say(state.language, MESSAGES.nothingToDo);
      await this.tickets.save(ticket, state);
      return '';
    }

    state.currentWorkItemId = leased.workItem.id;
    state.currentRequestId = leased.requestId;
    state.requestsSent += 1;
    await this.tickets.save(ticket, state);
    this.logger.info(
      {
        workItemId: leased.workItem.id,
        kind: leased.workItem.kind,
        entity: leased.workItem.entity,
        requestId: leased.requestId,
      },
      'request sent',
    );
    return leased.qbxml;
  }

  async receiveResponseXML(
    ticket: string,
    response: string,
    hresult: string,
    message: string,
  ): Promise<number> {
    const state = await this.session(ticket);
    if (!state) return -1;
    if (!state.currentWorkItemId || !state.currentRequestId) {
      this.logger.warn('response without a pending request: ignored');
      return this.percent(state, ticket);
    }
    if (!answersRequest(response, state.currentRequestId, hresult)) {
      // Not the answer to our request (forged, or another session's): nothing is recorded,
      // the request stays pending and progress does not move.
      this.logger.warn(
        { requestId: state.currentRequestId },
        'response answering another request: ignored',
      );
      return Math.min(state.lastPercent, 99);
    }

    const recorded = await this.work.recordResponse({
      companyId: state.companyId,
      sessionId: state.sessionId,
      workItemId: state.currentWorkItemId,
      requestId: state.currentRequestId,
      body: response,
      hresult,
      message,
    });
    if (!recorded.recorded) {
      this.logger.info(
        { requestId: state.currentRequestId },
        'duplicate response ignored',
      );
      return this.percent(state, ticket);
    }
    await this.queues
      .add('applyResponse', {
        companyId: state.companyId,
        responseId: recorded.responseId!,
      })
      .catch((error: Error) =>
        // The response is safe in Postgres; the maintenance sweep re-queues it.
        this.logger.error(
          { err: error.message, responseId: recorded.responseId },
          'could not queue response',
        ),
      );

    state.pagesDone += 1;
    state.currentWorkItemId = undefined;
    state.currentRequestId = undefined;
    const code = hresult.trim().toLowerCase();
    if (code) {
      this.metrics.soapCalls.inc({ method: 'receiveResponseXML', outcome: 'hresult' });
      if (SESSION_FATAL_HRESULTS.has(code)) {
        state.lastError = say(state.language, {
          en: MESSAGES.sessionLost.en(hresult, message),
          fr: MESSAGES.sessionLost.fr(hresult, message),
        });
        await this.tickets.save(ticket, state);
        return -101;
      }
      state.lastError = say(state.language, {
        en: MESSAGES.requestRefused.en(hresult, message),
        fr: MESSAGES.requestRefused.fr(hresult, message),
      });
    }
    return this.percent(state, ticket);
  }

  async connectionError(
    ticket: string,
    hresult: string,
    message: string,
  ): Promise<string> {
    const state = await this.session(ticket);
    if (!state) return 'done';
    const error: ErrorRecord = {
      code: 'QUICKBOOKS_UNAVAILABLE',
      fixableBy: 'bookkeeper',
      retryable: true,
      quickBooksStatus: hresult,
      quickBooksMessage: message,
      message: {
        en: MESSAGES.quickBooksUnavailable.en(message),
        fr: MESSAGES.quickBooksUnavailable.fr(message),
      },
    };
    await this.dataSource.transaction(async (manager) => {
      // Failures are counted per session: Web Connector may report several in one run.
      const firstInSession = state.connectionErrors === 0;
      state.connectionErrors += 1;
      if (firstInSession) {
        await manager.increment(
          CompanyEntity,
          { id: state.companyId },
          'consecutiveConnectionFailures',
          1,
        );
      }
      const company = await manager.findOneByOrFail(CompanyEntity, {
        id: state.companyId,
      });
      const alert = company.consecutiveConnectionFailures >= CONNECTION_ALERT_THRESHOLD;
      await manager.update(
        CompanyEntity,
        { id: state.companyId },
        {
          connectionStatus: 'quickBooksUnavailable',
          lastConnectionError: jsonColumn({
            ...error,
            details: {
              at: new Date().toISOString(),
              alert,
              consecutive: company.consecutiveConnectionFailures,
            },
          }),
        },
      );
      await manager.update(
        WcSessionEntity,
        { id: state.sessionId },
        { status: 'connectionError', lastError: jsonColumn(error), endedAt: new Date() },
      );
    });
    state.lastError = say(state.language, error.message);
    await this.tickets.save(ticket, state);
    this.logger.warn({ hresult, message }, 'Web Connector could not open QuickBooks');
    // Nothing was sent: the queued work stays as it is for the next session.
    return 'done';
  }

  async getLastError(ticket: string): Promise<string> {
    const state = await this.session(ticket);
    if (!state) return `${MESSAGES.sessionExpired.en} / ${MESSAGES.sessionExpired.fr}`;
    return state.lastError ?? say(state.language, MESSAGES.nothingToDo);
  }

  async closeConnection(ticket: string): Promise<string> {
    const state = await this.session(ticket, true);
    if (!state) return 'OK';
    const session = await this.dataSource
      .getRepository(WcSessionEntity)
      .findOneBy({ id: state.sessionId });
    const failed = session?.failedRequests ?? 0;
    // A run that could not reach QuickBooks says so; "complete" would mislead the bookkeeper.
    const text =
      session?.status === 'connectionError' && state.lastError
        ? state.lastError
        : say(state.language, {
            en: MESSAGES.closed.en(state.requestsSent, failed),
            fr: MESSAGES.closed.fr(state.requestsSent, failed),
          });
    if (session?.status === 'open') {
      await this.endSession(state.sessionId, 'closed', text, state);
      await this.dataSource.getRepository(CompanyEntity).update(
        { id: state.companyId },
        {
          connectionStatus: 'ok',
          consecutiveConnectionFailures: 0,
          lastConnectionError: null,
        },
      );
    }
    await this.tickets.close(ticket, state.companyId);
    this.logger.info({ sessionId: state.sessionId }, 'session closed');
    return text;
  }

  /** Interactive mode is never requested; these only complete the contract. */
  interactive(): string {
    return '';
  }

  private async isRememberedLogin(
    company: CompanyEntity | null,
    password: string,
    address: string,
  ): Promise<boolean> {
    const stored = company?.wcPasswordHash;
    if (
      !company ||
      !stored ||
      !(await this.verifiedLogins.matches(company.id, stored, password, address))
    )
      return false;
    await this.verifiedLogins.remember(company.id, stored, password, address);
    return true;
  }

  /** The slow hash: a first login, or a password that does not match the remembered one. */
  private async checkPassword(
    company: CompanyEntity | null,
    password: string,
    address: string,
  ): Promise<boolean> {
    const stored = company?.wcPasswordHash ?? null;
    const valid = await verifyPassword(password, stored);
    if (valid && company && stored)
      await this.verifiedLogins.remember(company.id, stored, password, address);
    return valid;
  }

  /** The session of a ticket, checked against its company's current credentials. */
  private async session(ticket: string, closing = false): Promise<SessionState | null> {
    const state = await this.tickets.get(ticket);
    if (!state) {
      // After a "none" or "busy" answer Web Connector closes with a ticket that never
      // opened a session: expected, not worth a warning.
      if (closing) this.logger.debug('closeConnection for a ticket without a session');
      else this.logger.warn('unknown or expired ticket');
      return null;
    }
    extendLogContext({ companyId: state.companyId, ticketTag: ticketTag(ticket) });
    const company = await this.dataSource.getRepository(CompanyEntity).findOne({
      where: { id: state.companyId },
      select: { id: true, credentialGeneration: true },
    });
    if (!company || company.credentialGeneration !== state.generation) {
      this.logger.warn('ticket of older credentials refused');
      await this.tickets.close(ticket, state.companyId);
      return null;
    }
    return state;
  }

  /**
   * The first sendRequestXML carries the host, company and preferences answers: they say
   * which qbXML versions and country this QuickBooks speaks and whether the file tracks
   * classes or has inventory sites.
   */
  private async readFirstCall(
    state: SessionState,
    params: Record<string, string>,
  ): Promise<void> {
    const country = (
      ['US', 'CA', 'UK'].includes(params.qbXMLCountry) ? params.qbXMLCountry : 'US'
    ) as QbCountry;
    let info: QuickBooksFileInfo | undefined;
    try {
      if (params.strHCPResponse) {
        const host = parseHostResponse(params.strHCPResponse);
        const version = negotiateVersion(
          host.supportedQbxmlVersions,
          host.country ?? country,
        );
        info = {
          productName: host.productName,
          country: host.country ?? country,
          qbxmlVersion: version,
          supportedQbxmlVersions: host.supportedQbxmlVersions,
          companyName: host.companyName,
          classTrackingEnabled: host.classTrackingEnabled,
          inventorySitesEnabled: host.inventorySitesEnabled,
          seenAt: new Date().toISOString(),
        };
      }
    } catch (error) {
      this.logger.warn(
        { err: (error as Error).message },
        'first-call information unreadable; using the version Web Connector announced',
      );
    }
    const announced = `${Number(params.qbXMLMajorVers) || 13}.${Number(params.qbXMLMinorVers) || 0}`;
    state.qbxmlVersion = info?.qbxmlVersion ?? negotiateVersion([announced], country);
    state.country = info?.country ?? country;
    if (info)
      await this.dataSource
        .getRepository(CompanyEntity)
        .update({ id: state.companyId }, { fileInfo: info });
    if (state.country === 'CA') await this.queueSalesTaxCodes(state.companyId);
    // Exports that waited to know this QuickBooks can be built now, during this session.
    const waiting = await this.work.pendingExports(state.companyId);
    if (waiting.length > 0) await this.wakeExports(state.companyId, waiting);
  }

  /**
   * Canadian files carry tax on every line through sales tax codes, which exports must
   * name: read them in this very session when they were never read.
   */
  private async queueSalesTaxCodes(companyId: string): Promise<void> {
    const known = await this.dataSource
      .getRepository(SyncWatermarkEntity)
      .existsBy({ companyId, entity: 'salesTaxCodes' });
    if (!known)
      await this.dataSource.transaction((manager) =>
        enqueueImport(manager, companyId, 'salesTaxCodes', 'full'),
      );
  }

  /**
   * Whether to pause the session rather than end it: exports are still being turned into
   * documents (the first call of a new company's first session is what lets them be built).
   */
  private async shouldWait(state: SessionState): Promise<boolean> {
    if ((state.waits ?? 0) >= MAX_WAITS) return false;
    const pending = await this.work.pendingExports(state.companyId);
    if (pending.length === 0) return false;
    if (!state.waits) await this.wakeExports(state.companyId, pending);
    state.waits = (state.waits ?? 0) + 1;
    return true;
  }

  private async wakeExports(companyId: string, exportIds: string[]): Promise<void> {
    for (const exportId of exportIds) {
      // A job id of its own: the export's first job may be long finished (it was waiting).
      await this.queues.add(
        'prepareExport',
        { companyId, exportId },
        { jobId: `export-${exportId}-${Date.now()}` },
      );
    }
  }

  /** Progress that never goes down, below 100 while anything is left, 100 when done. */
  private async percent(state: SessionState, ticket: string): Promise<number> {
    const preparing =
      (state.waits ?? 0) < MAX_WAITS
        ? (await this.work.pendingExports(state.companyId)).length
        : 0;
    const remaining =
      (await this.work.remainingUnits(state.companyId, PAGE_SIZE)) + preparing;
    let percent = 100;
    if (remaining > 0) {
      const computed = Math.floor(
        (100 * state.pagesDone) / (state.pagesDone + remaining),
      );
      percent = Math.min(99, Math.max(state.lastPercent, computed, 1));
    }
    state.lastPercent = percent;
    await this.tickets.save(ticket, state);
    return percent;
  }

  /** A first session, or a lost watermark, always brings everything in (full import). */
  private async queueFirstImports(company: CompanyEntity): Promise<void> {
    const settings = withDefaults(company.settings);
    const watermarks = await this.dataSource
      .getRepository(SyncWatermarkEntity)
      .findBy({ companyId: company.id });
    const known = new Set(watermarks.map((watermark) => watermark.entity));
    const entities = IMPORT_ENTITIES.filter(
      (entity) => settings.syncModes[entity] !== 'none',
    );
    const missing = entities.filter((entity) => !known.has(entity));
    if (missing.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      for (const entity of missing)
        await enqueueImport(manager, company.id, entity, 'full');
    });
  }

  private async recordPoll(companyId: string, maxIntervalMinutes: number): Promise<void> {
    const now = new Date();
    await this.dataSource.getRepository(CompanyEntity).update(
      { id: companyId },
      {
        lastPollAt: now,
        nextPollExpectedAt: new Date(now.getTime() + maxIntervalMinutes * 60_000),
      },
    );
  }

  private async endSession(
    sessionId: string,
    status: 'closed',
    message: string,
    state?: SessionState,
  ) {
    await this.dataSource.getRepository(WcSessionEntity).update(
      { id: sessionId },
      {
        status,
        closeMessage: message,
        endedAt: new Date(),
        ...(state
          ? { requestsSent: state.requestsSent, responsesReceived: state.pagesDone }
          : {}),
      },
    );
  }
}
