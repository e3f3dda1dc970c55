import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/** What the gateway remembers about one Web Connector session between calls. */
export interface SessionState {
  companyId: string;
  sessionId: string;
  /** Credential generation the ticket was issued under; a password rotation ends it. */
  generation: number;
  /** The work item whose request QuickBooks is processing, and its requestID. */
  currentWorkItemId?: string;
  currentRequestId?: string;
  /** qbXML version and country negotiated on the first sendRequestXML. */
  qbxmlVersion?: string;
  country?: 'US' | 'CA' | 'UK';
  /** Pages answered in this session, and the last percentage given (it never goes down). */
  pagesDone: number;
  lastPercent: number;
  /** What getLastError says next, in the company's language. */
  lastError?: string;
  language: 'en' | 'fr';
  connectionErrors: number;
  requestsSent: number;
  /** Times the session was asked to wait ("NoOp") for exports being prepared. */
  waits?: number;
}

/** Tickets are 128-bit random values; Redis holds only their hash. */
export function newTicket(): string {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const TICKET_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function hashTicket(ticket: string): string {
  return createHash('sha256').update(ticket).digest('hex');
}

/**
 * Session state in Redis, so any gateway instance serves any call of any session. A company
 * has at most one open session: its lock names the ticket holding it, and both expire
 * together when Web Connector goes silent.
 */
export class TicketStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  private ticketKey(ticket: string): string {
    return `${this.prefix}:ticket:${hashTicket(ticket)}`;
  }

  private lockKey(companyId: string): string {
    return `${this.prefix}:company-session:${companyId}`;
  }

  /** Takes the company's session lock; false when another live session holds it. */
  async open(ticket: string, state: SessionState): Promise<boolean> {
    const taken = await this.redis.set(this.lockKey(state.companyId), hashTicket(ticket), 'EX', this.ttlSeconds, 'NX');
    if (taken !== 'OK') return false;
    await this.redis.set(this.ticketKey(ticket), JSON.stringify(state), 'EX', this.ttlSeconds);
    return true;
  }

  /** The session of a ticket, or null for an unknown, forged or expired one. */
  async get(ticket: string): Promise<SessionState | null> {
    if (!TICKET_SHAPE.test(ticket)) return null;
    const raw = await this.redis.get(this.ticketKey(ticket));
    if (!raw) return null;
    const state = JSON.parse(raw) as SessionState;
    // The ticket must still hold its company's lock: a newer session replaces an older one.
    const holder = await this.redis.get(this.lockKey(state.companyId));
    return holder === hashTicket(ticket) ? state : null;
  }

  /** Saves the state after a call and extends both the ticket's and the lock's life. */
  async save(ticket: string, state: SessionState): Promise<void> {
    await this.redis
      .multi()
      .set(this.ticketKey(ticket), JSON.stringify(state), 'EX', this.ttlSeconds)
      .expire(this.lockKey(state.companyId), this.ttlSeconds)
      .exec();
  }

  /** Ends a session: the ticket is forgotten and the company may connect again. */
  async close(ticket: string, companyId: string): Promise<void> {
    const lock = this.lockKey(companyId);
    if ((await this.redis.get(lock)) === hashTicket(ticket)) await this.redis.del(lock);
    await this.redis.del(this.ticketKey(ticket));
  }

  /** Whether the company has a live session. */
  async isBusy(companyId: string): Promise<boolean> {
    return (await this.redis.exists(this.lockKey(companyId))) === 1;
  }
}
