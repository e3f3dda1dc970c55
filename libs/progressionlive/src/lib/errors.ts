/** What went wrong talking to ProgressionLIVE, in the classes the caller acts on. */
export type ProgressionLiveErrorCode =
  'AUTH' | 'NOT_FOUND' | 'VALIDATION' | 'UNAVAILABLE' | 'UNSUPPORTED';

/** Who can make the problem go away (the connector's shared vocabulary). */
export type PlFixableBy = 'bookkeeper' | 'operator' | 'developer' | 'nobody';

export interface PlLocalizedText {
  en: string;
  fr: string;
}

export interface ProgressionLiveErrorInit {
  code: ProgressionLiveErrorCode;
  retryable: boolean;
  fixableBy: PlFixableBy;
  text: PlLocalizedText;
  /** The operation that failed, e.g. `CreateRecord`. */
  operation?: string;
  /** The fault's own `Type` and `Message`, kept verbatim for logs and alerts. */
  faultType?: string;
  faultMessage?: string;
  /** The HTTP status or socket error code of a transport failure. */
  transport?: string;
  cause?: unknown;
}

/** The serialisable form, shaped like the connector's error records. */
export interface ProgressionLiveErrorRecord {
  code: string;
  fixableBy: PlFixableBy;
  retryable: boolean;
  message: PlLocalizedText;
  details?: Record<string, unknown>;
}

/**
 * A failure of a ProgressionLIVE call: a stable code, whether retrying can help, who can
 * fix it, and a bookkeeper's message in English (`message`, `text.en`) and French.
 * The service's raw fault type and message are kept beside it, because its fault types
 * are not documented and the classification is partly a reading of them.
 */
export class ProgressionLiveError extends Error {
  readonly code: ProgressionLiveErrorCode;
  readonly retryable: boolean;
  readonly fixableBy: PlFixableBy;
  readonly text: PlLocalizedText;
  readonly operation?: string;
  readonly faultType?: string;
  readonly faultMessage?: string;
  readonly transport?: string;

  constructor(init: ProgressionLiveErrorInit) {
    super(init.text.en, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ProgressionLiveError';
    this.code = init.code;
    this.retryable = init.retryable;
    this.fixableBy = init.fixableBy;
    this.text = init.text;
    this.operation = init.operation;
    this.faultType = init.faultType;
    this.faultMessage = init.faultMessage;
    this.transport = init.transport;
  }

  /** The error as a plain record; codes are prefixed to stay unique across the connector. */
  toRecord(): ProgressionLiveErrorRecord {
    const details: Record<string, unknown> = {};
    if (this.operation) details['operation'] = this.operation;
    if (this.faultType) details['faultType'] = this.faultType;
    if (this.faultMessage) details['faultMessage'] = this.faultMessage;
    if (this.transport) details['transport'] = this.transport;
    return {
      code: `PROGRESSIONLIVE_${this.code}`,
      fixableBy: this.fixableBy,
      retryable: this.retryable,
      message: this.text,
      ...(Object.keys(details).length > 0 ? { details } : {}),
    };
  }
}

type Extra = Pick<
  ProgressionLiveErrorInit,
  'operation' | 'faultType' | 'faultMessage' | 'transport' | 'cause'
>;

/** The credentials were refused (after one fresh login). */
export function authError(extra: Extra = {}): ProgressionLiveError {
  return new ProgressionLiveError({
    code: 'AUTH',
    retryable: false,
    fixableBy: 'bookkeeper',
    text: {
      en: 'ProgressionLIVE refused the API user name or password. Check them in the connector settings.',
      fr: "ProgressionLIVE a refusé le nom d'utilisateur ou le mot de passe de l'API. Vérifiez-les dans les paramètres du connecteur.",
    },
    ...extra,
  });
}

export function notFoundError(
  what: PlLocalizedText,
  extra: Extra = {},
): ProgressionLiveError {
  return new ProgressionLiveError({
    code: 'NOT_FOUND',
    retryable: false,
    fixableBy: 'bookkeeper',
    text: {
      en: `ProgressionLIVE has no ${what.en}.`,
      fr: `ProgressionLIVE ne contient pas ${what.fr}.`,
    },
    ...extra,
  });
}

/** ProgressionLIVE refused the data; the fault's own message says why. */
export function validationError(reason: string, extra: Extra = {}): ProgressionLiveError {
  return new ProgressionLiveError({
    code: 'VALIDATION',
    retryable: false,
    fixableBy: 'bookkeeper',
    text: {
      en: `ProgressionLIVE refused the change: ${reason}`,
      fr: `ProgressionLIVE a refusé la modification : ${reason}`,
    },
    ...extra,
  });
}

/** A value the connector itself will not send (caught before any call). */
export function inputError(
  text: PlLocalizedText,
  extra: Extra = {},
): ProgressionLiveError {
  return new ProgressionLiveError({
    code: 'VALIDATION',
    retryable: false,
    fixableBy: 'bookkeeper',
    text,
    ...extra,
  });
}

/** The service could not be reached or did not answer in time; a later retry may work. */
export function unavailableError(
  extra: Extra = {},
  retryable = true,
): ProgressionLiveError {
  return new ProgressionLiveError({
    code: 'UNAVAILABLE',
    retryable,
    fixableBy: retryable ? 'nobody' : 'bookkeeper',
    text: retryable
      ? {
          en: 'ProgressionLIVE is not answering right now; the connector will try again.',
          fr: 'ProgressionLIVE ne répond pas pour le moment; le connecteur réessaiera.',
        }
      : {
          en: 'The ProgressionLIVE address does not lead to its web service. Check the address in the connector settings.',
          fr: "L'adresse ProgressionLIVE ne mène pas à son service web. Vérifiez l'adresse dans les paramètres du connecteur.",
        },
    ...extra,
  });
}

/** The service and the connector disagree on the API itself (a case for a developer). */
export function unsupportedError(
  reason: string,
  extra: Extra = {},
): ProgressionLiveError {
  return new ProgressionLiveError({
    code: 'UNSUPPORTED',
    retryable: false,
    fixableBy: 'developer',
    text: {
      en: `The connector cannot use this ProgressionLIVE web service as it is: ${reason}`,
      fr: `Le connecteur ne peut pas utiliser ce service web ProgressionLIVE tel quel : ${reason}`,
    },
    ...extra,
  });
}
