/** Who can make a problem go away (same vocabulary as the connector's error records). */
export type QbFixableBy = 'bookkeeper' | 'operator' | 'developer' | 'nobody';

/** A message in the two languages the connector speaks to bookkeepers. */
export interface QbLocalizedText {
  en: string;
  fr: string;
}

/** Stable codes of the errors the codec raises itself (QuickBooks' own codes are separate). */
export type QbxmlErrorCode =
  | 'QBXML_TEXT_NOT_LATIN1'
  | 'QBXML_TEXT_TOO_LONG'
  | 'QBXML_EMPTY_ID'
  | 'QBXML_EMPTY_REF'
  | 'QBXML_MISSING_FIELD'
  | 'QBXML_UNKNOWN_FIELD'
  | 'QBXML_INVALID_VALUE'
  | 'QBXML_CHOICE_CONFLICT'
  | 'QBXML_PRECISION'
  | 'QBXML_VERSION_UNSUPPORTED'
  | 'QBXML_EDITION_UNSUPPORTED'
  | 'QBXML_FEATURE_NEEDS_VERSION'
  | 'QBXML_FEATURE_NOT_IN_EDITION'
  | 'QBXML_MALFORMED'
  | 'QBXML_DOCTYPE_REFUSED'
  | 'QBXML_UNEXPECTED_DOCUMENT';

export interface QbxmlErrorInit {
  code: QbxmlErrorCode;
  /** The offending field, as a path of Intuit names (`InvoiceAdd.InvoiceLineAdd[2].Desc`). */
  field?: string;
  fixableBy: QbFixableBy;
  retryable: boolean;
  text: QbLocalizedText;
  details?: Record<string, unknown>;
}

/** The serialisable form, shaped like the connector's `ErrorRecord`. */
export interface QbxmlErrorRecord {
  code: string;
  fixableBy: QbFixableBy;
  retryable: boolean;
  message: QbLocalizedText;
  details?: Record<string, unknown>;
}

/**
 * An error raised by the qbXML codec before anything reaches QuickBooks (a request it
 * would reject) or while reading what QuickBooks answered. Carries a stable code, the
 * field concerned, who can fix it, whether a retry helps and a bookkeeper's message in
 * English (`message`, `text.en`) and French (`text.fr`).
 */
export class QbxmlError extends Error {
  readonly code: QbxmlErrorCode;
  readonly field?: string;
  readonly fixableBy: QbFixableBy;
  readonly retryable: boolean;
  readonly text: QbLocalizedText;
  readonly details?: Record<string, unknown>;

  constructor(init: QbxmlErrorInit) {
    super(init.text.en);
    this.name = 'QbxmlError';
    this.code = init.code;
    this.field = init.field;
    this.fixableBy = init.fixableBy;
    this.retryable = init.retryable;
    this.text = init.text;
    this.details = init.details;
  }

  /** The error as a plain record (what queues and entities store). */
  toRecord(): QbxmlErrorRecord {
    const details = { ...(this.field ? { field: this.field } : {}), ...this.details };
    return {
      code: this.code,
      fixableBy: this.fixableBy,
      retryable: this.retryable,
      message: this.text,
      ...(Object.keys(details).length > 0 ? { details } : {}),
    };
  }
}

/** A field value the caller must correct (bad data, not a bug and not transient). */
export function dataError(
  code: QbxmlErrorCode,
  field: string,
  text: QbLocalizedText,
  details?: Record<string, unknown>,
): QbxmlError {
  return new QbxmlError({
    code,
    field,
    fixableBy: 'bookkeeper',
    retryable: false,
    text,
    details,
  });
}

/** A request our own code should never have built (a programming error). */
export function programmingError(
  code: QbxmlErrorCode,
  field: string | undefined,
  text: QbLocalizedText,
  details?: Record<string, unknown>,
): QbxmlError {
  return new QbxmlError({
    code,
    field,
    fixableBy: 'developer',
    retryable: false,
    text,
    details,
  });
}
