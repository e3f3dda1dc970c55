import { type ProgressionLiveError, unsupportedError } from '../errors';
import type { ProgressionLiveCredentials } from '../port';
import { toProgressionLiveError } from './fault-mapping';
import type { ServiceHandle } from './service-clients';
import { field, isParsed, text } from './wire-read';
import { fitToWsdl, type WireInObject } from './wire-write';

type CredentialsObject = Record<string, string>;

/**
 * One company's ProgressionLIVE session. The service has no session header: `Login`
 * returns a Credentials object (with the session id) and every request carries it back
 * in its `credentials` element. The session is opened lazily, shared by concurrent
 * calls, and renewed once when a call is refused for authentication, since the service's
 * session lifetime is not documented.
 */
export class SoapSession {
  /** Lookups that hold for the life of a session (types are company configuration). */
  readonly cache = new Map<string, unknown>();
  private credentials?: CredentialsObject;
  private pendingLogin?: Promise<CredentialsObject>;

  constructor(
    private readonly handle: () => Promise<ServiceHandle>,
    private readonly account: ProgressionLiveCredentials,
    private readonly timeoutMs: number,
  ) {}

  /** Logs in now, replacing any current session. */
  async open(): Promise<void> {
    this.credentials = undefined;
    await this.ensure();
  }

  /** Logs out; an already expired session is not an error. */
  async close(): Promise<void> {
    const credentials = this.credentials;
    this.credentials = undefined;
    this.cache.clear();
    if (!credentials) return;
    try {
      await this.invoke(await this.handle(), 'Logout', { credentials });
    } catch (err) {
      const mapped = toProgressionLiveError(err, 'Logout');
      if (mapped.code !== 'AUTH') throw mapped;
    }
  }

  /** Calls an operation with the session's credentials, logging in again once if refused. */
  async call(operation: string, args: WireInObject): Promise<unknown> {
    const handle = await this.handle();
    requireOperation(handle, operation);
    const credentials = await this.ensure();
    try {
      return await this.invoke(handle, operation, { credentials, ...args });
    } catch (err) {
      const mapped = toProgressionLiveError(err, operation);
      if (mapped.code !== 'AUTH') throw mapped;
      return this.retryAfterLogin(handle, operation, args, credentials);
    }
  }

  /** Calls an operation that needs no session (Echo). */
  async callOpen(operation: string, args: WireInObject): Promise<unknown> {
    const handle = await this.handle();
    requireOperation(handle, operation);
    try {
      return await this.invoke(handle, operation, args);
    } catch (err) {
      throw toProgressionLiveError(err, operation);
    }
  }

  private async retryAfterLogin(
    handle: ServiceHandle,
    operation: string,
    args: WireInObject,
    stale: CredentialsObject,
  ): Promise<unknown> {
    if (this.credentials === stale) this.credentials = undefined;
    const fresh = await this.ensure();
    try {
      return await this.invoke(handle, operation, { credentials: fresh, ...args });
    } catch (err) {
      throw toProgressionLiveError(err, operation);
    }
  }

  private ensure(): Promise<CredentialsObject> {
    if (this.credentials) return Promise.resolve(this.credentials);
    this.pendingLogin ??= this.login().finally(() => {
      this.pendingLogin = undefined;
    });
    return this.pendingLogin;
  }

  private async login(): Promise<CredentialsObject> {
    const handle = await this.handle();
    const given = { Username: this.account.username, Password: this.account.password };
    let result: unknown;
    try {
      result = await this.invoke(handle, 'Login', { credentials: given });
    } catch (err) {
      throw toProgressionLiveError(err, 'Login');
    }
    const credentials = credentialsFrom(field(result, 'credentials'));
    this.cache.clear();
    this.credentials = credentials;
    return credentials;
  }

  private async invoke(
    handle: ServiceHandle,
    operation: string,
    args: WireInObject,
  ): Promise<unknown> {
    const requestType = handle.model.inputTypeOf(operation) as string;
    const body = fitToWsdl(handle.model, requestType, args);
    const method = (handle.client as unknown as Record<string, unknown>)[
      `${operation}Async`
    ];
    if (typeof method !== 'function') throw missingOperation(operation);
    const [result] = (await method.call(handle.client, body, {
      timeout: this.timeoutMs,
    })) as [unknown];
    return result;
  }
}

function requireOperation(handle: ServiceHandle, operation: string): void {
  if (!handle.model.hasOperation(operation)) throw missingOperation(operation);
}

function missingOperation(operation: string): ProgressionLiveError {
  return unsupportedError(`its WSDL has no ${operation} operation`, { operation });
}

/** The Credentials that Login returned, to be passed back as they are. */
function credentialsFrom(value: unknown): CredentialsObject {
  if (!isParsed(value) || !text(field(value, 'SessionID'))) {
    throw unsupportedError('Login answered without a session id', { operation: 'Login' });
  }
  const out: CredentialsObject = {};
  for (const [key, item] of Object.entries(value)) {
    const itemText = text(item);
    if (key !== 'attributes' && itemText !== undefined) out[key] = itemText;
  }
  return out;
}
