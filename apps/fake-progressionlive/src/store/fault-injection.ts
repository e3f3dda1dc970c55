import type { OperationName } from '../schema/wire-schema';

/**
 * What an injected fault does:
 * - `auth`, `validation`, `not_found`, `internal`, `unsupported_query`: a SOAP fault of
 *   that kind;
 * - `timeout`: the server holds the request and never answers (then drops the socket);
 * - `http503`: a bare 503 page, as a load balancer gives when the app is down;
 * - `reset`: the connection is cut without a response.
 */
export type InjectedFaultKind =
  | 'auth'
  | 'validation'
  | 'not_found'
  | 'internal'
  | 'unsupported_query'
  | 'timeout'
  | 'http503'
  | 'reset';

export interface FaultSpec {
  /** The operation to hit, or '*' for every one. */
  operation: OperationName | '*';
  kind: InjectedFaultKind;
  message?: string;
  /** How many calls it hits before it is spent (default 1). */
  times?: number;
  /**
   * For `timeout` and `reset`: run the operation first, then lose the answer. That is the
   * case where a retry must not do the work twice.
   */
  afterProcessing?: boolean;
  /** For `timeout`: how long the request is held before the socket is dropped. */
  holdMs?: number;
}

interface ArmedFault extends FaultSpec {
  remaining: number;
}

/** Faults armed by a test, consumed in the order they were armed. */
export class FaultInjector {
  private armed: ArmedFault[] = [];

  arm(spec: FaultSpec): void {
    this.armed.push({ ...spec, remaining: spec.times ?? 1 });
  }

  /** The fault that hits this call, if any; each hit spends one of its uses. */
  take(operation: OperationName): FaultSpec | undefined {
    const hit = this.armed.find((f) => f.operation === '*' || f.operation === operation);
    if (!hit) return undefined;
    hit.remaining -= 1;
    if (hit.remaining <= 0) this.armed = this.armed.filter((f) => f !== hit);
    return hit;
  }

  pending(): FaultSpec[] {
    return this.armed.map(({ remaining, ...spec }) => ({ ...spec, times: remaining }));
  }

  clear(): void {
    this.armed = [];
  }
}
