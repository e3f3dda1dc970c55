import type { WireObject } from '../soap/wire-value';

export interface JournalEntry {
  seq: number;
  at: string;
  operation: string;
  /** The account whose session made the call, when it had one. */
  username?: string;
  /** The decoded request body, credentials removed: exactly the elements that were sent. */
  request: WireObject;
  /** `dropped`: refused unread (injected); `ok`/`fault`: the call was processed. */
  outcome: 'ok' | 'fault' | 'dropped';
  fault?: { type: string; message: string };
  /** The call was processed but its answer was then lost on purpose (injected). */
  answerLost?: boolean;
}

/** Every call the service received, in order. */
export class Journal {
  private entries: JournalEntry[] = [];
  private seq = 0;

  record(entry: Omit<JournalEntry, 'seq' | 'at'>): JournalEntry {
    this.seq += 1;
    const full = { seq: this.seq, at: new Date().toISOString(), ...entry };
    this.entries.push(full);
    return full;
  }

  all(): JournalEntry[] {
    return structuredClone(this.entries);
  }

  operations(): string[] {
    return this.entries.map((e) => e.operation);
  }

  clear(): void {
    this.entries = [];
  }
}
