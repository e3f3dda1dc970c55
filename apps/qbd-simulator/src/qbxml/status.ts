// Status codes and the wording QuickBooks uses for them. Wording comes from real responses
// in the fixtures and public reports where one exists; the others are marked in the README.

export type Severity = 'Info' | 'Warn' | 'Error';

export interface QbStatus {
  code: number;
  severity: Severity;
  message: string;
}

const NOT_IN_LIST =
  'QuickBooks error message: Invalid argument.  The specified record does not exist in the list.';

export const status = {
  ok: (): QbStatus => ({ code: 0, severity: 'Info', message: 'Status OK' }),

  noMatch: (): QbStatus => ({
    code: 1,
    severity: 'Info',
    message: 'A query request did not find a matching object in QuickBooks',
  }),

  notFullyCompleted: (missing: string): QbStatus => ({
    code: 500,
    severity: 'Warn',
    message: `The query request has not been fully completed. There was a required element ("${missing}") that could not be found in QuickBooks.`,
  }),

  invalidObjectId: (id: string, field: string): QbStatus => ({
    code: 3000,
    severity: 'Error',
    message: `The given object ID "${id}" in the field "${field}" is invalid.`,
  }),

  stringTooLong: (value: string, field: string): QbStatus => ({
    code: 3070,
    severity: 'Error',
    message: `The string "${value}" in the field "${field}" is too long.`,
  }),

  nameInUse: (name: string): QbStatus => ({
    code: 3100,
    severity: 'Error',
    message: `The name "${name}" of the list element is already in use.`,
  }),

  listObjectNotFound: (id: string): QbStatus => ({
    code: 3120,
    severity: 'Error',
    message: `Object "${id}" specified in the request cannot be found.  ${NOT_IN_LIST}`,
  }),

  txnNotFound: (id: string): QbStatus => ({
    code: 3120,
    severity: 'Error',
    message: `Object "${id}" specified in the request cannot be found.`,
  }),

  invalidReference: (listName: string, value: string, where: string): QbStatus => ({
    code: 3140,
    severity: 'Error',
    message: `There is an invalid reference to QuickBooks ${listName} "${value}" in the ${where}.  ${NOT_IN_LIST}`,
  }),

  staleEditSequence: (editSequence: string): QbStatus => ({
    code: 3200,
    severity: 'Error',
    message: `The provided edit sequence "${editSequence}" is out-of-date. `,
  }),

  invalidValue: (field: string, value: string, reason: string): QbStatus => ({
    code: 3210,
    severity: 'Error',
    message: `The "${field}" field has an invalid value "${value}".  QuickBooks error message: ${reason}`,
  }),

  featureNotEnabled: (): QbStatus => ({
    code: 3250,
    severity: 'Error',
    message:
      'This feature is not enabled or not available in this version of QuickBooks.',
  }),

  invalidIterator: (iteratorId: string): QbStatus => ({
    code: 3391,
    severity: 'Error',
    message: `The iteratorID "${iteratorId}" is not valid.`,
  }),
};

/** Severity QuickBooks attaches to a code given without one (fault injection). */
export function severityOf(code: number): Severity {
  if (code < 500) return 'Info';
  if (code < 1000) return 'Warn';
  return 'Error';
}
