import { HttpStatus } from '@nestjs/common';
import {
  ConnectorError,
  type ErrorRecord,
  type FixableBy,
  type LocalizedText,
} from '@qbd/domain';

/** The body of every error answer of the API. */
export interface ApiErrorBody {
  code: string;
  /** English sentence; `messages` holds it in both languages for a bookkeeper's screen. */
  message: string;
  details: Record<string, unknown> | null;
  fixableBy: FixableBy;
  retryable: boolean;
  messages: LocalizedText;
}

/** A connector error with the HTTP status the API answers it with. */
export class ApiError extends ConnectorError {
  constructor(
    readonly status: HttpStatus,
    record: ErrorRecord,
  ) {
    super(record);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return {
      code: this.code,
      message: this.text.en,
      details: this.details ?? null,
      fixableBy: this.fixableBy,
      retryable: this.retryable,
      messages: this.text,
    };
  }
}

type Details = Record<string, unknown>;

function apiError(
  status: HttpStatus,
  code: string,
  fixableBy: FixableBy,
  message: LocalizedText,
  details?: Details,
  retryable = false,
): ApiError {
  return new ApiError(status, { code, fixableBy, retryable, message, details });
}

/** Every error the API answers with, in one place, so codes and messages stay consistent. */
export const ApiErrors = {
  unauthorized: () =>
    apiError(HttpStatus.UNAUTHORIZED, 'UNAUTHORIZED', 'operator', {
      en: 'A valid API key is required in the x-api-key header.',
      fr: 'Une clé d’API valide est requise dans l’en-tête x-api-key.',
    }),

  notFound: (resource: string, id: string) =>
    apiError(
      HttpStatus.NOT_FOUND,
      'NOT_FOUND',
      'developer',
      {
        en: `No ${resource} with id ${id}.`,
        fr: `Aucun élément « ${resource} » avec l’identifiant ${id}.`,
      },
      { resource, id },
    ),

  routeNotFound: (method: string, url: string) =>
    apiError(
      HttpStatus.NOT_FOUND,
      'ROUTE_NOT_FOUND',
      'developer',
      { en: `No route ${method} ${url}.`, fr: `Aucune route ${method} ${url}.` },
      { method, url },
    ),

  invalidRequest: (errors: Details[]) =>
    apiError(
      HttpStatus.BAD_REQUEST,
      'INVALID_REQUEST',
      'developer',
      { en: 'The request is malformed.', fr: 'La requête est mal formée.' },
      { errors },
    ),

  ruleBroken: (errors: Details[]) =>
    apiError(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'RULE_BROKEN',
      'bookkeeper',
      {
        en: 'The values contradict each other; see details.',
        fr: 'Les valeurs se contredisent; voir le détail.',
      },
      { errors },
    ),

  companyExists: (externalId: string, companyId: string) =>
    apiError(
      HttpStatus.CONFLICT,
      'COMPANY_EXISTS',
      'developer',
      {
        en: `A company with external id ${externalId} already exists.`,
        fr: `Une entreprise avec l’identifiant externe ${externalId} existe déjà.`,
      },
      { externalId, companyId },
    ),

  settingsVersionMismatch: (expected: string, actual: number) =>
    apiError(
      HttpStatus.CONFLICT,
      'SETTINGS_VERSION_MISMATCH',
      'developer',
      {
        en: 'The settings were changed by someone else; reload them and try again.',
        fr: 'Les paramètres ont été modifiés par quelqu’un d’autre; rechargez-les et réessayez.',
      },
      { expected, actual },
    ),

  connectionMissing: (companyId: string) =>
    apiError(
      HttpStatus.CONFLICT,
      'CONNECTION_NOT_CREATED',
      'bookkeeper',
      {
        en: 'Create the Web Connector connection (user name and password) before downloading the .qwc file.',
        fr: 'Créez la connexion Web Connector (utilisateur et mot de passe) avant de télécharger le fichier .qwc.',
      },
      { companyId },
    ),

  exportNotRetryable: (exportId: string, status: string) =>
    apiError(
      HttpStatus.CONFLICT,
      'EXPORT_NOT_RETRYABLE',
      'developer',
      {
        en: `Only a failed export or one that needs attention can be retried; this one is ${status}.`,
        fr: `Seule une exportation en échec ou à vérifier peut être relancée; celle-ci est à l’état ${status}.`,
      },
      { exportId, status },
    ),

  companyDisabled: (companyId: string) =>
    apiError(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'COMPANY_DISABLED',
      'bookkeeper',
      {
        en: 'The connector is disabled for this company; enable it in the settings first.',
        fr: 'Le connecteur est désactivé pour cette entreprise; activez-le d’abord dans les paramètres.',
      },
      { companyId },
    ),

  insecureGatewayUrl: (url: string) =>
    apiError(
      HttpStatus.INTERNAL_SERVER_ERROR,
      'GATEWAY_URL_NOT_HTTPS',
      'operator',
      {
        en: 'The connector’s public address must use HTTPS; Web Connector refuses plain HTTP except on localhost.',
        fr: 'L’adresse publique du connecteur doit utiliser HTTPS; Web Connector refuse le HTTP simple sauf sur localhost.',
      },
      { url },
    ),

  queueUnavailable: () =>
    apiError(
      HttpStatus.SERVICE_UNAVAILABLE,
      'QUEUE_UNAVAILABLE',
      'operator',
      {
        en: 'The change is saved but the work queue did not answer; send the same request again.',
        fr: 'La modification est enregistrée mais la file de travail n’a pas répondu; renvoyez la même requête.',
      },
      undefined,
      true,
    ),

  fromHttpStatus: (status: number, reason: string) =>
    apiError(status, HTTP_CODES[status] ?? 'HTTP_ERROR', 'developer', {
      en: reason,
      fr: HTTP_MESSAGES_FR[status] ?? reason,
    }),

  internal: () =>
    apiError(
      HttpStatus.INTERNAL_SERVER_ERROR,
      'INTERNAL',
      'developer',
      {
        en: 'An internal error occurred; it has been logged.',
        fr: 'Une erreur interne est survenue; elle a été journalisée.',
      },
      undefined,
      true,
    ),
};

const HTTP_CODES: Record<number, string> = {
  400: 'INVALID_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
};

const HTTP_MESSAGES_FR: Record<number, string> = {
  400: 'La requête est mal formée.',
  413: 'La requête est trop volumineuse.',
  415: 'Le type de contenu n’est pas pris en charge; envoyez du JSON.',
};
