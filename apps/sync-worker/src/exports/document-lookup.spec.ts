import { parseResponseXml, type QbSalesTxnRet } from '@qbd/qbxml';
import { judgeLookup, lookupRequest } from './document-lookup';
import type { DocumentMatch } from './document-params';
import { caseFile } from './testing/export-builders';

const CASE = '022-lost-ack-duplicate-invoice';
const GUID = '{6B29FC40-CA47-1067-B31D-00DD010662DA}';

/** What the export of case 022 expects to find: FS-10442, Osprey Marina, 325.00. */
function match(overrides: Partial<DocumentMatch> = {}): DocumentMatch {
  return {
    externalGuid: GUID,
    refNumber: 'FS-10442',
    customer: { listId: '80000501-1716306000', fullName: 'Osprey Marina' },
    date: '2024-06-11',
    total: '325.00',
    ...overrides,
  };
}

function recordsIn(file: string): QbSalesTxnRet[] {
  return parseResponseXml(caseFile(CASE, file))[0]!.records as QbSalesTxnRet[];
}

const found = recordsIn('invoicequeryrs-found.qbxml');

describe('lookupRequest', () => {
  it('looks an invoice up by the RefNumber we asked for (exact match)', () => {
    expect(lookupRequest('invoice', match())).toEqual({
      type: 'InvoiceQuery',
      RefNumber: ['FS-10442'],
    });
  });

  it('looks up by date and customer when QuickBooks numbered the document', () => {
    expect(lookupRequest('salesOrder', match({ refNumber: null }))).toEqual({
      type: 'SalesOrderQuery',
      TxnDateRangeFilter: { FromTxnDate: '2024-06-11', ToTxnDate: '2024-06-11' },
      EntityFilter: { ListID: ['80000501-1716306000'] },
    });
  });
});

describe('judgeLookup (case 022)', () => {
  it('links the invoice found with the same RefNumber, customer and total', () => {
    const verdict = judgeLookup(found, match());

    expect(verdict).toMatchObject({ kind: 'found', ret: { TxnID: '5E1-1716900000' } });
  });

  it('finds nothing in a status-1 answer', () => {
    expect(recordsIn('invoicequeryrs-not-found.qbxml')).toEqual([]);
    expect(judgeLookup([], match())).toEqual({ kind: 'notFound' });
  });

  it.each([
    [
      'another customer',
      { customer: { listId: '80000999-1', fullName: 'Someone Else' } },
    ],
    ['another total', { total: '300.00' }],
  ])('never links an invoice with the same RefNumber but %s', (_label, different) => {
    expect(judgeLookup(found, match(different))).toMatchObject({ kind: 'ambiguous' });
  });

  it('links by our ExternalGUID whatever else changed in QuickBooks since', () => {
    const edited = { ...found[0]!, ExternalGUID: GUID.toLowerCase(), Subtotal: '400.00' };

    expect(judgeLookup([edited], match())).toMatchObject({
      kind: 'found',
      ret: { TxnID: '5E1-1716900000' },
    });
  });

  it('treats our RefNumber on a document stamped by someone else as a near match', () => {
    const other = {
      ...found[0]!,
      ExternalGUID: '{11111111-2222-3333-4444-555555555555}',
    };

    expect(judgeLookup([other], match())).toMatchObject({ kind: 'ambiguous' });
  });

  it('ignores documents of the day with another GUID when QuickBooks numbered ours', () => {
    const other = {
      ...found[0]!,
      ExternalGUID: '{11111111-2222-3333-4444-555555555555}',
    };

    expect(judgeLookup([other], match({ refNumber: null }))).toEqual({
      kind: 'notFound',
    });
  });

  it('asks a person about a same-day, same-customer, same-total document without GUID', () => {
    const unstamped = { ...found[0]!, RefNumber: '1045' };

    expect(judgeLookup([unstamped], match({ refNumber: null }))).toMatchObject({
      kind: 'ambiguous',
    });
    expect(
      judgeLookup([{ ...unstamped, Subtotal: '10.00' }], match({ refNumber: null })),
    ).toEqual({ kind: 'notFound' });
  });

  it('links the first of two stamped documents and reports the other', () => {
    const first = { ...found[0]!, ExternalGUID: GUID, TxnNumber: 902 };
    const second = { ...first, TxnID: '5F0-1716900100', TxnNumber: 903 };
    const verdict = judgeLookup([second, first], match());

    expect(verdict).toMatchObject({
      kind: 'found',
      ret: { TxnID: '5E1-1716900000' },
      duplicates: [{ TxnID: '5F0-1716900100' }],
    });
  });

  it('treats an all-zero GUID as none', () => {
    const zero = { ...found[0]!, ExternalGUID: '{00000000-0000-0000-0000-000000000000}' };

    expect(judgeLookup([zero], match())).toMatchObject({ kind: 'found' });
  });
});
