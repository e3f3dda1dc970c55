import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line of one request or job carries when it is known. */
export interface LogContext {
  requestId?: string;
  companyId?: string;
  /** Never the ticket itself: a short, non-reversible tag of it. */
  ticketTag?: string;
  jobId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with a log context that nested calls can extend. */
export function runWithLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...context }, fn);
}

/** Adds fields to the current context (e.g. the company once a ticket is resolved). */
export function extendLogContext(fields: LogContext): void {
  const store = storage.getStore();
  if (store) Object.assign(store, fields);
}

export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}

/** Starts a context for the rest of the current asynchronous flow (a Fastify hook). */
export function enterLogContext(context: LogContext): void {
  storage.enterWith({ ...context });
}
