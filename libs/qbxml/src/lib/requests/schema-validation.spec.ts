import { richestSampleRequests } from '../samples/richest-requests';
import {
  validateWithQbxmlSchema,
  type SchemaDocument,
} from '../../testing/schema-validator';
import type { QbxmlTarget } from '../version/qbxml-version';
import { buildRequestXml, type BuildOptions } from './build-request';
import type { QbRequest } from './request-types';

jest.setTimeout(120_000);

const US13: QbxmlTarget = { version: '13.0', country: 'US' };

function doc(
  fileName: string,
  requests: QbRequest[],
  options: Partial<BuildOptions> = {},
) {
  return { fileName, contents: buildRequestXml(requests, { target: US13, ...options }) };
}

/** Other shapes of the same requests: other filter alternatives, versions and editions. */
function variantDocuments(): SchemaDocument[] {
  const samples = richestSampleRequests();
  return [
    doc('customer-continue.xml', [
      {
        type: 'CustomerQuery',
        requestID: 'c-2',
        iterator: 'Continue',
        iteratorID: '{eb05f701-e727-472f-8ade-6753c4f67a46}',
        MaxReturned: 100,
        ActiveStatus: 'All',
        FromModifiedDate: '2024-06-01T08:00:00',
      },
    ]),
    doc('customer-by-ids.xml', [
      {
        type: 'CustomerQuery',
        requestID: 'c-3',
        ListID: ['80000001-1422671082', '80000002-1422671082'],
        IncludeRetElement: ['ListID'],
      },
    ]),
    doc('item-by-names.xml', [
      { type: 'ItemQuery', requestID: 'i-2', FullName: ['Labor', 'Parts:Anode rod'] },
    ]),
    doc('invoice-by-refnumber.xml', [
      {
        type: 'InvoiceQuery',
        requestID: 'q-1',
        RefNumber: ['FS-10302'],
        IncludeLineItems: true,
      },
    ]),
    doc('invoice-by-date-macro.xml', [
      {
        type: 'InvoiceQuery',
        requestID: 'q-2',
        TxnDateRangeFilter: { DateMacro: 'ThisMonth' },
        PaidStatus: 'NotPaidOnly',
      },
    ]),
    doc('so-by-txnid.xml', [
      { type: 'SalesOrderQuery', requestID: 'q-3', TxnID: ['3D0-1716000000'] },
    ]),
    doc(
      'batch-continue-on-error.xml',
      [samples.ClassQuery, samples.SalesTaxCodeQuery, samples.ItemQuery],
      {
        onError: 'continueOnError',
        newMessageSetID: 'A1B2C3D4',
      },
    ),
    doc('error-recovery.xml', [], { oldMessageSetID: 'A1B2C3D4' }),
    doc(
      'invoice-canada.xml',
      [
        {
          type: 'InvoiceAdd',
          requestID: 'ca-1',
          CustomerRef: { ListID: '80000101-1716300700' },
          IsTaxIncluded: true,
          InvoiceLineAdd: [
            {
              ItemRef: { ListID: '80000071-1716300400' },
              Quantity: '1',
              Rate: '85',
              SalesTaxCodeRef: { FullName: 'G' },
            },
          ],
        },
      ],
      { target: { version: '13.0', country: 'CA' } },
    ),
    doc(
      'invoice-qb2009.xml',
      [
        {
          type: 'InvoiceAdd',
          requestID: 'old-1',
          CustomerRef: { ListID: '80000101-1716300700' },
          RefNumber: 'FS-10310',
          InvoiceLineAdd: [
            { ItemRef: { ListID: '80000072-1716300401' }, Quantity: '1', Rate: '38.50' },
          ],
        },
        {
          type: 'CustomerQuery',
          requestID: 'old-2',
          iterator: 'Start',
          MaxReturned: 100,
          ActiveStatus: 'All',
        },
      ],
      { target: { version: '8.0', country: 'US' } },
    ),
  ];
}

describe("requests validate with Intuit's qbXML 13.0 schema", () => {
  it('accepts every request kind in its richest form and the variants, in one xmllint run', async () => {
    const samples = Object.entries(richestSampleRequests()).map(([kind, request]) =>
      doc(`${kind}.xml`, [request]),
    );
    const documents = [...samples, ...variantDocuments()];

    const result = await validateWithQbxmlSchema(documents);

    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(samples).toHaveLength(18);
  });

  it('rejects a document whose elements are out of schema order (the check can fail)', async () => {
    const good = doc('ordered.xml', [richestSampleRequests().InvoiceAdd]).contents;
    const swapped = good.replace(
      /(<TxnDate>[^<]*<\/TxnDate>)(\s*)(<RefNumber>[^<]*<\/RefNumber>)/,
      '$3$2$1',
    );

    const result = await validateWithQbxmlSchema([
      { fileName: 'swapped.xml', contents: swapped },
    ]);

    expect(swapped).not.toBe(good);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/RefNumber|TxnDate/);
  });
});
