import { QbxmlError } from '../errors/qbxml-error';
import { richestSampleRequests } from '../samples/richest-requests';
import type { QbxmlTarget } from '../version/qbxml-version';
import { buildRequestXml } from './build-request';
import type { InvoiceAddRequest, QbRequest } from './request-types';

const US13: QbxmlTarget = { version: '13.0', country: 'US' };

function build(request: QbRequest, target: QbxmlTarget = US13) {
  return buildRequestXml([request], { target });
}

function errorOf(action: () => unknown): QbxmlError {
  try {
    action();
  } catch (error) {
    if (error instanceof QbxmlError) return error;
    throw error;
  }
  throw new Error('expected a QbxmlError, nothing was thrown');
}

const invoice = (overrides: Partial<InvoiceAddRequest> = {}): InvoiceAddRequest => ({
  type: 'InvoiceAdd',
  requestID: 'inv-1',
  CustomerRef: { ListID: '80000101-1716300700' },
  InvoiceLineAdd: [
    { ItemRef: { ListID: '80000071-1716300400' }, Quantity: '1', Rate: '10' },
  ],
  ...overrides,
});

describe('buildRequestXml document shape', () => {
  it('starts with the XML declaration at byte 0, then the qbxml instruction, then QBXML', () => {
    const xml = build(invoice(), { version: '11.0', country: 'US' });

    expect(
      xml.startsWith('<?xml version="1.0"?>\n<?qbxml version="11.0"?>\n<QBXML>'),
    ).toBe(true);
    expect(xml).toContain('<QBXMLMsgsRq onError="stopOnError">');
  });

  it('writes message-set attributes and several requests in the caller order', () => {
    const samples = richestSampleRequests();

    const xml = buildRequestXml([samples.ClassQuery, samples.HostQuery], {
      target: US13,
      onError: 'continueOnError',
      newMessageSetID: 'SET-0001',
    });

    expect(xml).toContain(
      '<QBXMLMsgsRq newMessageSetID="SET-0001" onError="continueOnError">',
    );
    expect(xml.indexOf('<ClassQueryRq')).toBeLessThan(xml.indexOf('<HostQueryRq'));
  });

  it('refuses rollbackOnError, duplicate requestIDs, long message-set ids and empty sets', () => {
    const onError = 'rollbackOnError' as 'stopOnError';

    expect(
      errorOf(() => buildRequestXml([invoice()], { target: US13, onError })).code,
    ).toBe('QBXML_INVALID_VALUE');
    expect(
      errorOf(() => buildRequestXml([invoice(), invoice()], { target: US13 })).field,
    ).toBe('InvoiceAdd@requestID');
    expect(
      errorOf(() =>
        buildRequestXml([invoice()], { target: US13, newMessageSetID: 'x'.repeat(25) }),
      ).field,
    ).toBe('newMessageSetID');
    expect(errorOf(() => buildRequestXml([], { target: US13 })).code).toBe(
      'QBXML_MISSING_FIELD',
    );
  });

  it('refuses versions it does not speak and editions it does not serve', () => {
    expect(errorOf(() => build(invoice(), { version: '14.0', country: 'US' })).code).toBe(
      'QBXML_VERSION_UNSUPPORTED',
    );
    expect(
      errorOf(() => build(invoice(), { version: 'CA3.0', country: 'CA' })).code,
    ).toBe('QBXML_VERSION_UNSUPPORTED');
    const australia = { version: '13.0', country: 'AU' } as unknown as QbxmlTarget;
    expect(errorOf(() => build(invoice(), australia)).code).toBe(
      'QBXML_EDITION_UNSUPPORTED',
    );
  });
});

describe('buildRequestXml values', () => {
  it('omits blank values instead of sending empty elements', () => {
    const xml = build(
      invoice({
        Memo: '   ',
        RefNumber: '',
        PONumber: undefined,
        TemplateRef: undefined,
        BillAddress: { Addr1: '' },
      }),
    );

    expect(xml).not.toMatch(/<Memo|<RefNumber|<PONumber|<TemplateRef|<BillAddress/);
    expect(xml).not.toMatch(/<(\w+)\/>|<(\w+)><\/\2>/);
  });

  it('refuses a blank id, an empty reference and an empty line', () => {
    const blankId = errorOf(() => build(invoice({ ClassRef: { ListID: '  ' } })));
    const emptyRef = errorOf(() =>
      build(invoice({ InvoiceLineAdd: [{ ItemRef: {}, Quantity: '1' }] })),
    );
    const emptyLine = errorOf(() => build(invoice({ InvoiceLineAdd: [{}] })));

    expect([blankId.code, blankId.field]).toEqual([
      'QBXML_EMPTY_ID',
      'InvoiceAdd.ClassRef.ListID',
    ]);
    expect([emptyRef.code, emptyRef.field]).toEqual([
      'QBXML_EMPTY_REF',
      'InvoiceAdd.InvoiceLineAdd[0].ItemRef',
    ]);
    expect([emptyLine.code, emptyLine.field]).toEqual([
      'QBXML_MISSING_FIELD',
      'InvoiceAdd.InvoiceLineAdd[0]',
    ]);
    expect(blankId.fixableBy).toBe('bookkeeper');
  });

  it('checks lengths per field after transliteration, naming the field', () => {
    const error = errorOf(() => build(invoice({ RefNumber: 'FS-1234567890' })));

    expect([error.code, error.field]).toEqual([
      'QBXML_TEXT_TOO_LONG',
      'InvoiceAdd.RefNumber',
    ]);
    expect(error.text.en).toContain('at most 11');
    expect(error.text.fr).toContain('au plus 11');
    expect(build(invoice({ RefNumber: 'ÉÉÉÉÉÉÉÉÉÉÉ' }))).toContain(
      `<RefNumber>${'&#201;'.repeat(11)}</RefNumber>`,
    );
  });

  it('formats numbers as QuickBooks types them and refuses lost precision', () => {
    const xml = build(
      invoice({
        InvoiceLineAdd: [
          {
            ItemRef: { ListID: '1-1' },
            Quantity: '2.500',
            Rate: '38.5',
            Amount: '96.25',
          },
        ],
      }),
    );

    expect(xml).toContain('<Quantity>2.5</Quantity>');
    expect(xml).toContain('<Rate>38.50</Rate>');
    expect(xml).toContain('<Amount>96.25</Amount>');
    const amount = errorOf(() =>
      build(invoice({ InvoiceLineAdd: [{ Desc: 'x', Amount: '37.0368' }] })),
    );
    const rate = errorOf(() =>
      build(invoice({ InvoiceLineAdd: [{ Desc: 'x', Rate: '1.123456' }] })),
    );
    expect([amount.code, amount.field]).toEqual([
      'QBXML_PRECISION',
      'InvoiceAdd.InvoiceLineAdd[0].Amount',
    ]);
    expect([rate.code, rate.field]).toEqual([
      'QBXML_PRECISION',
      'InvoiceAdd.InvoiceLineAdd[0].Rate',
    ]);
  });

  it('refuses values of the wrong type: numbers for money, unknown enums, bad dates and GUIDs', () => {
    const cases: [Partial<InvoiceAddRequest>, string][] = [
      [
        { InvoiceLineAdd: [{ Desc: 'x', Rate: 12 as unknown as string }] },
        'InvoiceAdd.InvoiceLineAdd[0].Rate',
      ],
      [{ TxnDate: '2024-02-30' }, 'InvoiceAdd.TxnDate'],
      [{ ExternalGUID: 'not-a-guid' }, 'InvoiceAdd.ExternalGUID'],
      [{ IsPending: 'true' as unknown as boolean }, 'InvoiceAdd.IsPending'],
      [
        { InvoiceLineAdd: [{ Desc: 'x', OptionForPriceRuleConflict: 'Max' as 'Zero' }] },
        'InvoiceAdd.InvoiceLineAdd[0].OptionForPriceRuleConflict',
      ],
    ];

    for (const [overrides, field] of cases) {
      const error = errorOf(() => build(invoice(overrides)));
      expect([error.code, error.field]).toEqual(['QBXML_INVALID_VALUE', field]);
    }
  });

  it('drops the offset of date-time filters (QuickBooks reads them as its local time)', () => {
    const xml = build({
      type: 'CustomerQuery',
      requestID: 'c',
      FromModifiedDate: '2024-06-01T08:00:00-04:00',
    });

    expect(xml).toContain('<FromModifiedDate>2024-06-01T08:00:00</FromModifiedDate>');
  });

  it('accepts one value or a list for repeatable filters', () => {
    const single = build({ type: 'InvoiceQuery', requestID: 'q', RefNumber: 'FS-10302' });
    const list = build({
      type: 'InvoiceQuery',
      requestID: 'q',
      RefNumber: ['FS-10302', 'FS-10303'],
    });

    expect(single).toContain('<RefNumber>FS-10302</RefNumber>');
    expect(list.match(/<RefNumber>/g)).toHaveLength(2);
  });

  it('refuses unknown fields and two alternatives of one choice', () => {
    const typo = errorOf(() =>
      build({ ...invoice(), Memmo: 'x' } as unknown as QbRequest),
    );
    const both = errorOf(() =>
      build({ type: 'CustomerQuery', requestID: 'c', ListID: ['1-1'], MaxReturned: 10 }),
    );
    const rates = errorOf(() =>
      build(invoice({ InvoiceLineAdd: [{ Desc: 'x', Rate: '1', RatePercent: '5' }] })),
    );

    expect([typo.code, typo.field]).toEqual(['QBXML_UNKNOWN_FIELD', 'InvoiceAdd.Memmo']);
    expect(both.code).toBe('QBXML_CHOICE_CONFLICT');
    expect(rates.code).toBe('QBXML_CHOICE_CONFLICT');
    expect(rates.field).toBe('InvoiceAdd.InvoiceLineAdd[0]');
  });

  it('requires what the schema requires', () => {
    const noCustomer = { ...invoice(), CustomerRef: undefined } as unknown as QbRequest;
    const noName = { type: 'CustomerAdd', requestID: 'a' } as unknown as QbRequest;
    const noLines = {
      type: 'SalesOrderAdd',
      requestID: 's',
      CustomerRef: { ListID: '1-1' },
    } as QbRequest;
    const noTypes = {
      type: 'ListDeletedQuery',
      requestID: 'd',
      ListDelType: [],
    } as QbRequest;

    expect(errorOf(() => build(noCustomer)).field).toBe('InvoiceAdd.CustomerRef');
    expect(errorOf(() => build(noName)).field).toBe('CustomerAdd.Name');
    expect(errorOf(() => build(noLines)).code).toBe('QBXML_MISSING_FIELD');
    expect(errorOf(() => build(noTypes)).field).toBe('ListDeletedQuery.ListDelType');
    expect(errorOf(() => build({ ...invoice(), requestID: '' })).field).toBe(
      'InvoiceAdd@requestID',
    );
    expect(errorOf(() => build({ ...invoice(), requestID: 'r'.repeat(51) })).code).toBe(
      'QBXML_INVALID_VALUE',
    );
  });
});

describe('buildRequestXml iterators', () => {
  it('writes Start and Continue with the same filters', () => {
    const filters = {
      MaxReturned: 100,
      ActiveStatus: 'All' as const,
      FromModifiedDate: '2024-06-01T08:00:00',
    };

    const start = build({
      type: 'ItemQuery',
      requestID: 'i',
      iterator: 'Start',
      ...filters,
    });
    const next = build({
      type: 'ItemQuery',
      requestID: 'i',
      iterator: 'Continue',
      iteratorID: '{A}',
      ...filters,
    });

    expect(start).toContain('<ItemQueryRq requestID="i" iterator="Start">');
    expect(next).toContain(
      '<ItemQueryRq requestID="i" iterator="Continue" iteratorID="{A}">',
    );
    expect(
      next.replace(' iterator="Continue" iteratorID="{A}"', ' iterator="Start"'),
    ).toBe(start);
  });

  it('refuses Continue without an id, Start with one, and iterators on queries without them', () => {
    const continueWithoutId = {
      type: 'CustomerQuery',
      requestID: 'c',
      iterator: 'Continue',
    } as QbRequest;
    const startWithId = {
      type: 'CustomerQuery',
      requestID: 'c',
      iterator: 'Start',
      iteratorID: '{A}',
    } as unknown as QbRequest;
    const classIterator = {
      type: 'ClassQuery',
      requestID: 'c',
      iterator: 'Start',
    } as unknown as QbRequest;

    expect(errorOf(() => build(continueWithoutId)).field).toBe(
      'CustomerQuery@iteratorID',
    );
    expect(errorOf(() => build(startWithId)).field).toBe('CustomerQuery@iteratorID');
    expect(errorOf(() => build(classIterator)).code).toBe('QBXML_UNKNOWN_FIELD');
  });
});

describe('buildRequestXml version and edition gates', () => {
  it('refuses ExternalGUID before 9.0 and accepts it from 9.0', () => {
    const guid = '{3F2504E0-4F89-11D3-9A0C-0305E82C3301}';

    const error = errorOf(() =>
      build(invoice({ ExternalGUID: guid }), { version: '8.0', country: 'US' }),
    );

    expect([error.code, error.field]).toEqual([
      'QBXML_FEATURE_NEEDS_VERSION',
      'InvoiceAdd.ExternalGUID',
    ]);
    expect(error.details).toMatchObject({ requiredVersion: '9.0', version: '8.0' });
    expect(
      build(invoice({ ExternalGUID: guid }), { version: '9.0', country: 'US' }),
    ).toContain(`<ExternalGUID>${guid}</ExternalGUID>`);
  });

  it('refuses inventory sites in the Canadian and UK editions, message and reference alike', () => {
    const line = {
      ItemRef: { ListID: '1-1' },
      Quantity: '1',
      InventorySiteRef: { ListID: '2-2' },
    };

    for (const country of ['CA', 'UK'] as const) {
      const target = { version: '13.0', country };
      const onLine = errorOf(() => build(invoice({ InvoiceLineAdd: [line] }), target));
      const query = errorOf(() =>
        build({ type: 'InventorySiteQuery', requestID: 's' }, target),
      );
      expect([onLine.code, onLine.field]).toEqual([
        'QBXML_FEATURE_NOT_IN_EDITION',
        'InvoiceAdd.InvoiceLineAdd[0].InventorySiteRef',
      ]);
      expect(query.code).toBe('QBXML_FEATURE_NOT_IN_EDITION');
    }
    expect(build(invoice({ InvoiceLineAdd: [line] }))).toContain('<InventorySiteRef>');
  });

  it('refuses fields the US edition lacks', () => {
    const error = errorOf(() => build(invoice({ IsTaxIncluded: true })));

    expect([error.code, error.field]).toEqual([
      'QBXML_FEATURE_NOT_IN_EDITION',
      'InvoiceAdd.IsTaxIncluded',
    ]);
    expect(
      build(invoice({ IsTaxIncluded: true }), { version: '13.0', country: 'CA' }),
    ).toContain('<IsTaxIncluded>true</IsTaxIncluded>');
  });

  it('gates attributes too: iterators need 5.0', () => {
    const request = {
      type: 'CustomerQuery',
      requestID: 'c',
      iterator: 'Start',
      MaxReturned: 10,
    } as QbRequest;

    expect(build(request, { version: '5.0', country: 'US' })).toContain(
      'iterator="Start"',
    );
  });
});
