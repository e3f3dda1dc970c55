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
