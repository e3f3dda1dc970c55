import {
  authError,
  notFoundError,
  ProgressionLiveError,
  unavailableError,
  unsupportedError,
  validationError,
} from '../errors';
import { field, isParsed, items, text } from './wire-read';

/** A SOAP fault, as far as it could be read. */
export interface SoapFaultInfo {
  faultcode?: string;
  faultstring?: string;
  /** `ProgressionWebServiceFault.Type`, when the fault carried that detail. */
  type?: string;
  /** `ProgressionWebServiceFault.Message`. */
  message?: string;
}

// The FaultType values are not in the public record, so a fault is classified from its
// type and its message together; both are kept on the error verbatim.
const AUTH_HINT =
  /auth|session|login|logon|credential|password|mot de passe|identifiant/i;
const NOT_FOUND_HINT =
  /not[\s_-]?found|no such|does not exist|introuvable|n'existe pas|^no \w+/i;
const CONTRACT_HINT = /unsupported|query|syntax|unmarshal|parse|grammar/i;
const TRANSIENT_HINT =
  /internal|server|database|unavailable|timeout|temporar|try again|lock/i;

const TRANSIENT_SOCKET = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** Turns anything a SOAP call threw into a ProgressionLiveError. */
export function toProgressionLiveError(
  err: unknown,
  operation: string,
): ProgressionLiveError {
  if (err instanceof ProgressionLiveError) return err;
  const fault = readFault(err);
  if (fault) return fromFault(fault, operation, err);
  return fromTransport(err, operation);
}

/** The fault in a node-soap error, if the response was a SOAP fault. */
export function readFault(err: unknown): SoapFaultInfo | undefined {
  const root = isParsed(err) ? (err as Record<string, unknown>)['root'] : undefined;
  const fault = field(field(field(root, 'Envelope'), 'Body'), 'Fault');
  if (!isParsed(fault)) return undefined;
  const detail = items(field(fault, 'detail'))[0];
  return {
    faultcode: text(field(fault, 'faultcode')),
    faultstring: text(field(fault, 'faultstring')),
    type: text(field(detail, 'Type')),
    message: text(field(detail, 'Message')),
  };
}

/** Classifies a fault into the port's error codes. */
export function fromFault(
  fault: SoapFaultInfo,
  operation: string,
  cause?: unknown,
): ProgressionLiveError {
  const message = fault.message ?? fault.faultstring ?? 'no message';
  const extra = { operation, faultType: fault.type, faultMessage: message, cause };
  const type = fault.type ?? '';
  if (AUTH_HINT.test(type) || (!type && AUTH_HINT.test(message))) return authError(extra);
  if (
    /not[\s_-]?found/i.test(type) ||
    (!/valid/i.test(type) && NOT_FOUND_HINT.test(message))
  ) {
    return notFoundError(
      { en: `such record (${message})`, fr: `cet enregistrement (${message})` },
      extra,
    );
  }
  if (CONTRACT_HINT.test(type) || (!fault.type && isClientFault(fault))) {
    return unsupportedError(message, extra);
  }
  if (TRANSIENT_HINT.test(type)) return unavailableError(extra);
  return validationError(message, extra);
}

function isClientFault(fault: SoapFaultInfo): boolean {
  return /client|sender/i.test(fault.faultcode ?? '');
}

function fromTransport(err: unknown, operation: string): ProgressionLiveError {
  const info = err as {
    code?: unknown;
    message?: unknown;
    response?: { status?: unknown };
  };
  const code = typeof info?.code === 'string' ? info.code : undefined;
  const message = typeof info?.message === 'string' ? info.message : String(err);
  const status = httpStatus(info?.response?.status, message);
  const extra = {
    operation,
    cause: err,
    transport: code ?? (status ? `HTTP ${status}` : undefined),
  };
  if (status !== undefined) return fromStatus(status, extra);
  if ((code && TRANSIENT_SOCKET.has(code)) || /timeout|socket hang up/i.test(message)) {
    return unavailableError(extra);
  }
  if (code === 'ENOTFOUND') return unavailableError(extra, false);
  if (/wsdl|xml|parse|unexpected/i.test(message)) return unavailableError(extra, false);
  return unsupportedError(message, extra);
}

function httpStatus(status: unknown, message: string): number | undefined {
  if (typeof status === 'number' && status >= 300) return status;
  const fromWsdl = /Code:\s*(\d{3})/.exec(message);
  return fromWsdl ? Number(fromWsdl[1]) : undefined;
}

function fromStatus(status: number, extra: Parameters<typeof authError>[0]) {
  if (status === 401 || status === 403) return authError(extra);
  if (status >= 500 || status === 429 || status === 408) return unavailableError(extra);
  return unavailableError(extra, false);
}
