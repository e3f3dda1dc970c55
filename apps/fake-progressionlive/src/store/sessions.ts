import { randomBytes } from 'node:crypto';
import { fault } from './fake-fault';

export interface Account {
  username: string;
  password: string;
  /** The USER record that stands for this account as the author of its changes. */
  userId: string;
}

export interface Session {
  id: string;
  username: string;
  userId: string;
  lastUsedAt: number;
}

/** API accounts and the sessions that Login opens; an idle limit is optional. */
export class Sessions {
  private readonly accounts = new Map<string, Account>();
  private readonly live = new Map<string, Session>();

  constructor(private readonly idleLimitMs: () => number | undefined) {}

  addAccount(account: Account): void {
    this.accounts.set(account.username, account);
  }

  login(username: string | undefined, password: string | undefined): Session {
    const account = username ? this.accounts.get(username) : undefined;
    if (!account || account.password !== password) {
      throw fault.auth('Invalid username or password');
    }
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      username: account.username,
      userId: account.userId,
      lastUsedAt: Date.now(),
    };
    this.live.set(session.id, session);
    return session;
  }

  /** The live session for `sessionId`, touched; an AUTHENTICATION fault otherwise. */
  require(sessionId: string | undefined): Session {
    const session = sessionId ? this.live.get(sessionId) : undefined;
    const limit = this.idleLimitMs();
    if (session && limit !== undefined && Date.now() - session.lastUsedAt > limit) {
      this.live.delete(session.id);
    } else if (session) {
      session.lastUsedAt = Date.now();
      return session;
    }
    throw fault.auth('Session expired or invalid; log in again');
  }

  logout(sessionId: string): void {
    this.live.delete(sessionId);
  }

  /** Ends every open session (or those of one user), as a server restart or timeout would. */
  expire(username?: string): number {
    let count = 0;
    for (const session of [...this.live.values()]) {
      if (username && session.username !== username) continue;
      this.live.delete(session.id);
      count += 1;
    }
    return count;
  }

  openCount(): number {
    return this.live.size;
  }

  clear(): void {
    this.accounts.clear();
    this.live.clear();
  }
}
