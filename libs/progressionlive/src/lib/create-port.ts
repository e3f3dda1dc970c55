import type { ProgressionLiveCredentials, ProgressionLivePort } from './port';
import {
  defaultServiceClients,
  normaliseBaseUrl,
  type ServiceClients,
} from './soap/service-clients';
import { SoapProgressionLivePort } from './soap/soap-port';
import { SoapSession } from './soap/soap-session';

/** Options of one company's port. */
export interface ProgressionLivePortOptions {
  /** Per-call limit, WSDL loading included (default 30 s). */
  timeoutMs?: number;
  /**
   * The ProgressionLIVE user to record as the author of the records the connector creates
   * (the company's "sync user"), given by its label. It is sent as the new record's
   * `CreatorRef` when the company's WSDL has that field. Updates and step changes have no
   * author field in the public record: their author is the API user who logged in, so the
   * API credentials should be the sync user's own.
   */
  asUser?: string;
  /** Page size of `listTasksAtStage` when the caller gives none (default 100). */
  pageSize?: number;
  /** The WSDL client cache (the process-wide one by default). */
  clients?: ServiceClients;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The ProgressionLIVE port for one company, over its SOAP service. The company's WSDL is
 * loaded from its address on first use and shared by every port on that address; the
 * session is opened lazily and kept until closed or refused.
 */
export function createProgressionLivePort(
  credentials: ProgressionLiveCredentials,
  options: ProgressionLivePortOptions = {},
): ProgressionLivePort {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const clients = options.clients ?? defaultServiceClients;
  const baseUrl = normaliseBaseUrl(credentials.baseUrl);
  const handle = () => clients.get(baseUrl, timeoutMs);
  const session = new SoapSession(handle, credentials, timeoutMs);
  return new SoapProgressionLivePort(session, handle, {
    asUser: options.asUser,
    defaultPageSize: options.pageSize ?? 100,
  });
}
