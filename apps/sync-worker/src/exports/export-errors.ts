import { describeStatus } from '@qbd/qbxml';
import type { ErrorRecord, FixableBy, LocalizedText } from '@qbd/domain';

/** One thing that keeps a task from becoming a document, found before anything is sent. */
export interface ExportProblem {
  code: string;
  fixableBy: FixableBy;
  message: LocalizedText;
  /** 1-based line of the task, when the problem is on a line. */
  line?: number;
  details?: Record<string, unknown>;
}

export function problem(
  code: string,
  en: string,
  fr: string,
  extra: { line?: number; fixableBy?: FixableBy; details?: Record<string, unknown> } = {},
): ExportProblem {
  return {
    code,
    fixableBy: extra.fixableBy ?? 'bookkeeper',
    message: { en, fr },
    ...(extra.line !== undefined ? { line: extra.line } : {}),
    ...(extra.details ? { details: extra.details } : {}),
  };
}

/**
 * Every problem of a task in one record, so the bookkeeper fixes them all at once: the
 * code of the first problem (or EXPORT_INVALID when they differ) and the messages joined.
 */
export function problemsToError(problems: ExportProblem[]): ErrorRecord {
  const codes = new Set(problems.map((p) => p.code));
  const developerOnly = problems.every((p) => p.fixableBy === 'developer');
  return {
    code: codes.size === 1 ? problems[0]!.code : 'EXPORT_INVALID',
    fixableBy: developerOnly ? 'developer' : 'bookkeeper',
    retryable: false,
    message: {
      en: problems.map((p) => p.message.en).join(' '),
      fr: problems.map((p) => p.message.fr).join(' '),
    },
    details: {
      problems: problems.map((p) => ({
        code: p.code,
        ...(p.line !== undefined ? { line: p.line } : {}),
        message: p.message,
        ...(p.details ? { details: p.details } : {}),
      })),
    },
  };
}

/** What QuickBooks answered, in a bookkeeper's words, with its own code and text kept. */
export function quickBooksRefusal(
  status: string | number,
  quickBooksMessage: string,
  context: { what: LocalizedText; request?: string },
): ErrorRecord {
  const info = describeStatus(status);
  const said = quickBooksMessage.trim();
  return {
    code: 'QUICKBOOKS_REFUSED',
    fixableBy: info.fixableBy,
    retryable: info.retryable,
    message: {
      en: `QuickBooks refused ${context.what.en} (status ${info.code}). ${info.message.en}${said ? ` QuickBooks said: "${said}"` : ''}`,
      fr: `QuickBooks a refusé ${context.what.fr} (code ${info.code}). ${info.message.fr}${said ? ` Message de QuickBooks : « ${said} »` : ''}`,
    },
    quickBooksStatus: info.code,
    quickBooksMessage: said,
    ...(context.request ? { details: { request: context.request } } : {}),
  };
}

/** The document in words, for messages. */
export function documentWords(kind: string, number?: string | null): LocalizedText {
  const suffix = number ? ` ${number}` : '';
  return kind === 'salesOrder'
    ? { en: `the sales order${suffix}`, fr: `la commande client${suffix}` }
    : { en: `the invoice${suffix}`, fr: `la facture${suffix}` };
}
