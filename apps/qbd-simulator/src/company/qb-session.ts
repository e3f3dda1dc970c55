import { randomUUID } from 'node:crypto';

/** A paused query: the matching records fixed at Start, handed out page by page. */
export interface IteratorState {
  id: string;
  /** The response name the iterator belongs to (a Continue must be the same query). */
  rsName: string;
  ids: string[];
  position: number;
  maxReturned?: number;
}

/**
 * One request-processor session (QBXMLRP2 BeginSession … EndSession). The Web Connector opens
 * one per update; iterators live inside it and die with it, which is why continuing an
 * iterator in a later update answers status 3391.
 */
export class QbSession {
  readonly id = randomUUID();
  private readonly iterators = new Map<string, IteratorState>();
  private ended = false;

  get isOpen(): boolean {
    return !this.ended;
  }

  startIterator(rsName: string, ids: string[], maxReturned?: number): IteratorState {
    const state: IteratorState = {
      id: `{${randomUUID()}}`,
      rsName,
      ids,
      position: 0,
      maxReturned,
    };
    this.iterators.set(state.id, state);
    return state;
  }

  iterator(id: string): IteratorState | undefined {
    return this.iterators.get(id);
  }

  dropIterator(id: string): void {
    this.iterators.delete(id);
  }

  get openIterators(): number {
    return this.iterators.size;
  }

  end(): void {
    this.iterators.clear();
    this.ended = true;
  }
}
