import { answersRequest, scanResponseHeader } from './response-scan';

const rs = (requestId: string, quote = '"') =>
  `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><InvoiceAddRs requestID=${quote}${requestId}${quote} statusCode="0" statusSeverity="Info" statusMessage="Status OK"><InvoiceRet><TxnID>1-1</TxnID></InvoiceRet></InvoiceAddRs></QBXMLMsgsRs></QBXML>`;

describe('answersRequest', () => {
  it.each([
    ['the pending id', rs('a1b2c3d4-1'), ''],
    ['the pending id in single quotes', rs('a1b2c3d4-1', "'"), ''],
    ['a numbered request of the same message (customer first)', rs('a1b2c3d4-1.0'), ''],
    ['the deletions query of the same message', rs('a1b2c3d4-1.d'), ''],
    ['an hresult with an empty body', '', '0x80040400'],
    [
      'an hresult with an error text naming no request',
      'QuickBooks found an error when parsing the provided XML text stream.',
      '0x80040400',
    ],
  ])('accepts %s', (_name, body, hresult) => {
    expect(answersRequest(body, 'a1b2c3d4-1', hresult)).toBe(true);
  });

  it.each([
    ["another company's request", rs('ffee0011-1'), ''],
    ['a request whose id only starts like ours', rs('a1b2c3d4-12'), ''],
    [
      'an answer naming no request, without hresult',
      rs('').replace(' requestID=""', ''),
      '',
    ],
    ["another request's answer with an hresult", rs('ffee0011-1'), '0x80040400'],
    ['an empty body without hresult', '', ''],
  ])('refuses %s', (_name, body, hresult) => {
    expect(answersRequest(body, 'a1b2c3d4-1', hresult)).toBe(false);
  });

  it('reads the id literally, not as a pattern', () => {
    expect(answersRequest(rs('a1b2c3d4x1'), 'a1b2c3d4.1', '')).toBe(false);
  });
});

describe('scanResponseHeader', () => {
  it('reads the iterator attributes of the answer to the request', () => {
    const body =
      '<QBXML><QBXMLMsgsRs><CustomerQueryRs requestID="r-1" statusCode="0" iteratorRemainingCount="12" iteratorID="{abc}"></CustomerQueryRs></QBXMLMsgsRs></QBXML>';
    expect(scanResponseHeader(body, 'r-1')).toEqual({
      statusCode: 0,
      iteratorRemainingCount: 12,
      iteratorID: '{abc}',
    });
  });
});
