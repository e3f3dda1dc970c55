/** HRESULT QBXMLRP2 raises when it cannot parse or validate a request message set. */
export const PARSE_ERROR_HRESULT = '0x80040400';
export const PARSE_ERROR_MESSAGE =
  'QuickBooks found an error when parsing the provided XML text stream.';

/** HRESULT of a request sent on a request-processor session that was already closed. */
export const INVALID_TICKET_HRESULT = '0x8004040D';

/**
 * The request processor refused the whole message set: no qbXML response exists, the Web
 * Connector passes `hresult` and `message` to receiveResponseXML with an empty response.
 */
export class QbRequestProcessorError extends Error {
  constructor(
    readonly hresult: string,
    message: string,
    /** Why, for people reading test output (QuickBooks itself says no more than `message`). */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'QbRequestProcessorError';
  }
}

export function parseError(...details: string[]): QbRequestProcessorError {
  return new QbRequestProcessorError(PARSE_ERROR_HRESULT, PARSE_ERROR_MESSAGE, details);
}
