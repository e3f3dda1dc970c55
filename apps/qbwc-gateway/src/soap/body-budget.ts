/** Bodies from this size on are counted against the budget; smaller ones pass freely. */
export const LARGE_BODY_BYTES = 1024 * 1024;

/** Refusal when a large body waited too long for room: the caller may retry later. */
export class BodyBudgetTimeout extends Error {
  readonly statusCode = 503;
  readonly code = 'QBD_BODY_BUDGET_TIMEOUT';

  constructor() {
    super('The connector is busy reading other large answers; it will be retried.');
    this.name = 'BodyBudgetTimeout';
  }
}

interface Waiter {
  bytes: number;
  grant: () => void;
}

/**
 * How many bytes of large SOAP bodies the gateway reads and parses at the same time.
 * Reading and decoding one body takes a few times its size in memory, so without a bound
 * a handful of 60 MB posts, sent at once by anyone who can reach the port (no ticket is
 * needed to send a body), would take gigabytes. A request that does not fit waits, unread,
 * in arrival order: TCP holds its bytes on the sender's side meanwhile.
 */
export class BodyBudget {
  private used = 0;
  private readonly waiting: Waiter[] = [];

  constructor(readonly capacity: number) {}

  get inUse(): number {
    return this.used;
  }

  /**
   * Resolves with the function that gives the bytes back once they fit, or rejects with
   * {@link BodyBudgetTimeout} after `timeoutMs`.
   */
  acquire(bytes: number, timeoutMs: number): Promise<() => void> {
    const size = Math.min(bytes, this.capacity);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        bytes: size,
        grant: () => {
          clearTimeout(timer);
          this.used += size;
          resolve(this.releaser(size));
        },
      };
      const timer = setTimeout(() => {
        const at = this.waiting.indexOf(waiter);
        if (at === -1) return;
        this.waiting.splice(at, 1);
        reject(new BodyBudgetTimeout());
        this.grantWaiting();
      }, timeoutMs);
      this.waiting.push(waiter);
      this.grantWaiting();
    });
  }

  private releaser(size: number): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used -= size;
      this.grantWaiting();
    };
  }

  // First come, first served: a large body at the head is not overtaken by smaller ones.
  private grantWaiting(): void {
    while (
      this.waiting.length > 0 &&
      this.used + this.waiting[0].bytes <= this.capacity
    ) {
      this.waiting.shift()!.grant();
    }
  }
}

/** What the progress watch needs of an incoming request. */
export interface ArrivingBody {
  /** True once the whole body has arrived. */
  readonly complete: boolean;
  readonly socket: { readonly bytesRead: number; destroy(): void };
}

export interface ProgressRule {
  /** Bytes per second the body must average once the grace period is over. */
  minBytesPerSecond: number;
  graceMs: number;
  checkEveryMs: number;
}

// 32 KB/s is 256 kbit/s: below any office line that can carry a large answer at all.
export const DEFAULT_PROGRESS: ProgressRule = {
  minBytesPerSecond: 32 * 1024,
  graceMs: 15_000,
  checkEveryMs: 5_000,
};

/**
 * Cuts a large body that arrives too slowly, so that room taken in the budget cannot be
 * held by a sender that stopped sending (the budget would otherwise make every other large
 * answer wait behind it). Returns the function that stops watching.
 */
export function watchBodyProgress(
  body: ArrivingBody,
  rule: ProgressRule = DEFAULT_PROGRESS,
): () => void {
  const startBytes = body.socket.bytesRead;
  const started = Date.now();
  const timer = setInterval(() => {
    if (body.complete) return clearInterval(timer);
    const due = ((Date.now() - started - rule.graceMs) / 1000) * rule.minBytesPerSecond;
    if (body.socket.bytesRead - startBytes < due) {
      clearInterval(timer);
      body.socket.destroy();
    }
  }, rule.checkEveryMs);
  timer.unref();
  return () => clearInterval(timer);
}
