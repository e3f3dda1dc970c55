import { ConnectorError, type ErrorRecord } from '@qbd/domain';
import { describeStatus } from '@qbd/qbxml';

/** A QuickBooks record that cannot be imported; the rest of the import goes on. */
export class ImportRecordError extends ConnectorError {
  static missingListId(name: string | undefined): ImportRecordError {
    const shown = name ?? '?';
    return new ImportRecordError({
      code: 'IMPORT_RECORD_WITHOUT_ID',
      fixableBy: 'developer',
      retryable: false,
      message: {
        en: `QuickBooks returned the record "${shown}" without its ListID; it cannot be linked and was skipped.`,
        fr: `QuickBooks a renvoyé l'élément « ${shown} » sans son ListID; il ne peut pas être lié et a été ignoré.`,
      },
    });
  }

  static missingName(listId: string): ImportRecordError {
    return new ImportRecordError({
      code: 'IMPORT_RECORD_WITHOUT_NAME',
      fixableBy: 'bookkeeper',
      retryable: false,
      message: {
        en: `The QuickBooks record ${listId} has no name. Give it a name in QuickBooks; it will be imported at the next sync.`,
        fr: `L'élément QuickBooks ${listId} n'a pas de nom. Donnez-lui un nom dans QuickBooks; il sera importé à la prochaine synchronisation.`,
      },
    });
  }

  static jobWithoutCustomer(
    jobFullName: string,
    customerName: string,
  ): ImportRecordError {
    return new ImportRecordError({
      code: 'IMPORT_JOB_WITHOUT_CUSTOMER',
      fixableBy: 'bookkeeper',
      retryable: true,
      message: {
        en: `The job "${jobFullName}" belongs to the customer "${customerName}", which has not been imported. The job will be imported once its customer is (run a full customer import if this persists).`,
        fr: `Le travail « ${jobFullName} » appartient au client « ${customerName} », qui n'a pas été importé. Le travail sera importé dès que son client le sera (lancez une importation complète des clients si cela persiste).`,
      },
      details: { jobFullName, customerName },
    });
  }

  static unreadable(listId: string | undefined, reason: string): ImportRecordError {
    const id = listId ? ` ${listId}` : '';
    return new ImportRecordError({
      code: 'IMPORT_RECORD_UNREADABLE',
      fixableBy: 'developer',
      retryable: false,
      message: {
        en: `The QuickBooks record${id} could not be read and was skipped.`,
        fr: `L'élément QuickBooks${id} n'a pas pu être lu et a été ignoré.`,
      },
      details: { reason },
    });
  }
}

/** QuickBooks refused the whole import query: the import fails and the next run retries. */
export function refusedAnswerError(status: {
  statusCode: number;
  statusMessage: string;
}): ErrorRecord {
  const info = describeStatus(status.statusCode);
  return {
    code: 'IMPORT_REFUSED_BY_QUICKBOOKS',
    fixableBy: info.fixableBy,
    retryable: true,
    message: {
      en: `QuickBooks refused the import: ${info.message.en} The next scheduled import will try again.`,
      fr: `QuickBooks a refusé l'importation : ${info.message.fr} La prochaine importation planifiée réessaiera.`,
    },
    quickBooksStatus: info.code,
    quickBooksMessage: status.statusMessage,
  };
}

/** Web Connector reported that the whole request failed (an HRESULT, no answer). */
export function failedRequestError(hresult: {
  code: string;
  message: string;
}): ErrorRecord {
  const info = describeStatus(hresult.code);
  return {
    code: 'IMPORT_REQUEST_FAILED',
    fixableBy: info.fixableBy,
    retryable: true,
    message: {
      en: `QuickBooks could not run the import: ${info.message.en} The next scheduled import will try again.`,
      fr: `QuickBooks n'a pas pu exécuter l'importation : ${info.message.fr} La prochaine importation planifiée réessaiera.`,
    },
    quickBooksStatus: info.code,
    quickBooksMessage: hresult.message,
  };
}

export function missingAnswerError(requestId: string | null): ErrorRecord {
  return {
    code: 'IMPORT_ANSWER_MISSING',
    fixableBy: 'developer',
    retryable: true,
    message: {
      en: 'QuickBooks answered without the list the import asked for. The next scheduled import will try again.',
      fr: "QuickBooks a répondu sans la liste demandée par l'importation. La prochaine importation planifiée réessaiera.",
    },
    details: { requestId },
  };
}

/**
 * The last page of an iterator arrived before earlier pages were applied (jobs of one
 * import can run in parallel). Finishing now would deactivate records those pages hold
 * and move the watermark past them, so the job waits and is retried.
 */
export class EarlierPagesPendingError extends ConnectorError {
  constructor(workItemId: string, pending: number) {
    super({
      code: 'IMPORT_EARLIER_PAGES_PENDING',
      fixableBy: 'nobody',
      retryable: true,
      message: {
        en: `${pending} earlier page(s) of this import are still being applied; the last page waits for them.`,
        fr: `${pending} page(s) précédente(s) de cette importation sont encore en cours d'application; la dernière page les attend.`,
      },
      details: { workItemId, pending },
    });
  }
}
