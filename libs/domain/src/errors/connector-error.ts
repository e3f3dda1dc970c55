/** Who can make the problem go away. */
export type FixableBy = 'bookkeeper' | 'operator' | 'developer' | 'nobody';

export interface LocalizedText {
  en: string;
  fr: string;
}

/** The serialisable form of an error, as stored on exports, imports and sessions. */
export interface ErrorRecord {
  code: string;
  fixableBy: FixableBy;
  retryable: boolean;
  message: LocalizedText;
  /** QuickBooks' own status code or hresult, kept apart from ours. */
  quickBooksStatus?: string;
  quickBooksMessage?: string;
  details?: Record<string, unknown>;
}

/**
 * One error taxonomy for the whole connector: a stable code, who can fix it, whether a
 * retry helps, and a message a bookkeeper understands, in French and English.
 */
export class ConnectorError extends Error {
  readonly code: string;
  readonly fixableBy: FixableBy;
  readonly retryable: boolean;
  readonly text: LocalizedText;
  readonly details?: Record<string, unknown>;
  readonly quickBooksStatus?: string;
  readonly quickBooksMessage?: string;

  constructor(record: ErrorRecord) {
    super(record.message.en);
    this.name = 'ConnectorError';
    this.code = record.code;
    this.fixableBy = record.fixableBy;
    this.retryable = record.retryable;
    this.text = record.message;
    this.details = record.details;
    this.quickBooksStatus = record.quickBooksStatus;
    this.quickBooksMessage = record.quickBooksMessage;
  }

  toRecord(): ErrorRecord {
    return {
      code: this.code,
      fixableBy: this.fixableBy,
      retryable: this.retryable,
      message: this.text,
      ...(this.quickBooksStatus ? { quickBooksStatus: this.quickBooksStatus } : {}),
      ...(this.quickBooksMessage ? { quickBooksMessage: this.quickBooksMessage } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

/** Turns anything thrown into an error record, without leaking a stack trace. */
export function toErrorRecord(error: unknown): ErrorRecord {
  if (error instanceof ConnectorError) return error.toRecord();
  const candidate = error as Partial<ErrorRecord> & { toRecord?: () => ErrorRecord };
  if (candidate && typeof candidate.toRecord === 'function') return candidate.toRecord();
  return {
    code: 'INTERNAL',
    fixableBy: 'developer',
    retryable: true,
    message: {
      en: 'An internal error occurred; the connector will try again.',
      fr: 'Une erreur interne est survenue; le connecteur réessaiera.',
    },
    details: { reason: error instanceof Error ? error.message : String(error) },
  };
}
