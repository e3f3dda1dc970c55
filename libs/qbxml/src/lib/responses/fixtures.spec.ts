import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { readQbxmlFixture, sharedDir } from '../../testing/shared-fixtures';
import { parseResponseDocument } from './parse-response';
import type { QbResponse } from './response-reader';

/** Reads a dotted path (`BillAddress.Addr1`, `InvoiceLineRet.1.Amount`) from a record. */
function pick(value: unknown, dotted: string): unknown {
  return dotted
    .split('.')
    .reduce<unknown>(
      (current, key) => (current as Record<string, unknown> | undefined)?.[key],
      value,
    );
}

interface FixtureCase {
  file: string;
  type: string;
  requestID?: string;
  statusCode: number;
  statusSeverity: 'Info' | 'Warn' | 'Error';
  statusMessage: RegExp;
  ok: boolean;
  records: number;
  iteratorID?: string;
  iteratorRemainingCount?: number;
  /** `[recordIndex, path, expected value]`. */
  values?: [number, string, unknown][];
  check?: (response: QbResponse) => void;
}

const OK = /^Status OK$/;

const CASES: FixtureCase[] = [
  {
    file: 'bill-query-rs_intuit-sdk-sample.xml',
    type: 'BillQueryRs',
    requestID: '1',
    statusCode: 0,
    statusSeverity: 'Info',
    statusMessage: OK,
    ok: true,
    records: 3,
    values: [
      [0, 'TxnID', '7-1646382259'],
      [0, 'TxnNumber', 3],
      [0, 'VendorRef.FullName', 'v1'],
      [0, 'AmountDue', '2000.00'],
      [0, 'IsPaid', false],
      [1, 'OpenAmount', '120.00'],
      [2, 'TimeCreated', '2022-03-06T21:55:25-08:00'],
    ],
  },
  {
    file: 'customer-add-rs_3180-error_list-modified-by-another-user.xml',
    type: 'CustomerAddRs',
    requestID: 'Q3VzdG9tZXJBZGR8Mw==',
    statusCode: 3180,
    statusSeverity: 'Error',
    statusMessage:
      /^There was an error when saving a Customer list, element "Example Tenants Association"\. QuickBooks error message: This list has been modified by another user\.$/,
    ok: false,
    records: 0,
  },
  {
    file: 'customer-add-rs_ok_minimal.xml',
    type: 'CustomerAddRs',
    statusCode: 0,
    statusSeverity: 'Info',
    statusMessage: OK,
    ok: true,
    records: 1,
    values: [
      [0, 'ListID', '8000007B-1420967073'],
      [0, 'EditSequence', '1420967073'],
      [0, 'Name', 'mrjoecustomer'],
      [0, 'FullName', 'Joseph Customer'],
      [0, 'IsActive', true],
      [0, 'Sublevel', 0],
      [0, 'AccountNumber', '8'],
      [0, 'TotalBalance', '0.00'],
    ],
  },
  {
    file: 'customer-add-rs_ok_with-address.xml',
    type: 'CustomerAddRs',
    statusCode: 0,
    statusSeverity: 'Info',
    statusMessage: OK,
    ok: true,
    records: 1,
    values: [
      [0, 'CompanyName', 'Joes Garage'],
      [0, 'Salutation', 'Mr'],
      [0, 'BillAddress.Addr1', '100 Example Way'],
      [0, 'BillAddress.City', 'Mountain View'],
      [0, 'BillAddress.PostalCode', '94566'],
      [0, 'CreditLimit', '2000.00'],
      [0, 'JobStatus', 'None'],
    ],
  },
  {
    file: 'customer-query-rs_3120-error.xml',
    type: 'CustomerQueryRs',
    statusCode: 3120,
    statusSeverity: 'Error',
    statusMessage:
      /^Object "8000001B-1405768916" specified in the request cannot be found\. {2}QuickBooks error message: Invalid argument\./,
    ok: false,
    records: 0,
  },
  {
    file: 'customer-query-rs_500-warn.xml',
    type: 'CustomerQueryRs',
    statusCode: 500,
    statusSeverity: 'Warn',
    statusMessage: /required element \("bleech"\) that could not be found/,
    ok: true,
    records: 0,
  },
  {
    file: 'customer-query-rs_iterator_18-remaining.xml',
    type: 'CustomerQueryRs',
    requestID: '1',
    statusCode: 0,
    statusSeverity: 'Info',
    statusMessage: OK,
    ok: true,
    records: 1,
    iteratorID: '{eb05f701-e727-472f-8ade-6753c4f67a46}',
    iteratorRemainingCount: 18,
    values: [
      [0, 'ListID', '110000-1232697602'],
      [0, 'Name', '10th Customer'],
      [0, 'Balance', '0.00'],
    ],
  },
  {
    file: 'customer-query-rs_nonascii-numeric-charref.xml',
    type: 'CustomerQueryRs',
    requestID: '1',
    statusCode: 0,
    statusSeverity: 'Info',
    statusMessage: OK,
    ok: true,
    records: 1,
    values: [
      [0, 'Name', 'Jean-Sébastien Sample'],
      [0, 'FullName', 'Jean-Sébastien Sample'],
      [0, 'TimeCreated', '2015-01-30T18:24:42-08:00'],
    ],
  },
  {
    file: 'customer-query-rs_ok_single.xml',
    type: 'CustomerQueryRs',
    statusCode: 0,
    statusSeverity: 'Info',
    statusMessage: OK,
    ok: true,
    records: 1,
    values: [
      [0, 'ListID', '8000001B-1405777862'],
      [0, 'Email', 'myUserName@example.com'],
      [0, 'AccountNumber', '123456789'],
      [0, 'TimeModified', '2005-07-30T21:11:20-05:00'],
    ],
  },
  {
    file: 'data-ext-del-rs_error-recovery-element.xml',
    type: 'DataExtDelRs',
    requestID: '1',
    statusCode: 0,
    statusSeverity: 'Info',
    statusMessage: OK,
    ok: true,
    records: 0,
    check: (response) =>
      expect(response.errorRecovery).toEqual({ ListID: '123456', TxnNumber: 67890 }),
  },
  {
    file: 'estimate-query-rs_iterator_cp1252-charrefs_desc-only-lines_trimmed.xml',
    type: 'EstimateQueryRs',
    requestID: '1',
    statusCode: 0,
    statusSeverity: 'Info',
    statusMessage: OK,
    ok: true,
    records: 1,
    iteratorID: '{0eb40039-d60d-4dcb-81ac-3b181ca2f326}',
    iteratorRemainingCount: 0,
    values: [
      [0, 'TxnNumber', 170601],
      [0, 'CustomerRef.FullName', 'Acme Tech:Construction:SFO:P-2404'],
      [0, 'Subtotal', '12828.09'],
      [0, 'SalesTaxPercentage', '8.75'],
      [0, 'TotalAmount', '13950.55'],
      [0, 'IsActive', true],
      [0, 'EstimateLineRet.0.Rate', '0.00'],
      [0, 'EstimateLineRet.1.ItemRef', undefined],
      [0, 'EstimateLineRet.1.Desc', undefined],
      [
        0,
        'EstimateLineRet.4.Desc',
        'Samsung - DM65D - DM-D Series 65" Slim Direct-Lit LED Display',
      ],
      [0, 'EstimateLineRet.4.MarkupRatePercent', '2925500.00'],
      [0, 'EstimateLineRet.5.Desc', 'Chief TS525TU hinstall\u2122 Swing Arm Wall Mount'],
      [
        0,
        'EstimateLineRet.9.Desc',
        'Crestron - Saros\u00ae 6.5\u201d 2-Way Pendant Speaker',
      ],
      [0, 'EstimateLineRet.7.UnitOfMeasure', 'each'],
    ],
    check: (response) => {
      const lines = pick(response.records[0], 'EstimateLineRet') as { Desc?: string }[];
      expect(lines).toHaveLength(26);
      expect(lines[2].Desc).toMatch(
        /^Scope:\nZoom Conference Room\n- Install \(2\) Samsung/,
      );
      expect(lines.every((l) => !/[\u0080-\u009f]/.test(l.Desc ?? ''))).toBe(true);
    },
  },
  {
    file: 'general-summary-report-query-rs_inventory-stock-status.xml',
    type: 'GeneralSummaryReportQueryRs',
    statusCode: 0,
    statusSeverity: 'Info',
    statusMessage: OK,
    ok: true,
    records: 1,
    values: [
      [0, 'ReportTitle', 'Inventory Stock Status by Item'],
      [0, 'NumRows', 6],
      [0, 'NumColumns', 9],
      [0, 'ColDesc.1.ColTitle.0.value', 'Item Description'],
      [0, 'ColDesc.1.ColType', 'ItemDesc'],
    ],
    check: (response) => expect(pick(response.records[0], 'ColDesc')).toHaveLength(9),
  },
  {
    file: 'invoice-query-rs_iterator_2-invoices.xml',
    type: 'InvoiceQueryRs',
    requestID: 'SW52b2ljZVF1ZXJ5fGJlZmUwNWJlYjg0NDEyZWU1NjE0MGRhMzMwZjE0ZTdj',
    statusCode: 0,
    statusSeverity: 'Info',
    statusMessage: OK,
    ok: true,
    records: 2,
    iteratorID: '{6fcbb18b-68cf-4adb-bf40-164ac0bb4ec0}',
    iteratorRemainingCount: 0,
    values: [
      [0, 'TxnID', '4-1232328070'],
      [0, 'CustomerRef.FullName', 'Sample Customer:Integration Job'],
      [0, 'AppliedAmount', '-55.00'],
      [0, 'BalanceRemaining', '45.00'],
      [0, 'LinkedTxn.0.TxnType', 'ReceivePayment'],
      [0, 'LinkedTxn.0.Amount', '-55.00'],
      [0, 'InvoiceLineRet.0.ItemRef', undefined],
      [0, 'InvoiceLineRet.0.Desc', 'Opening balance'],
      [0, 'InvoiceLineRet.0.Rate', '100'],
      [1, 'RefNumber', '1'],
      [1, 'TxnNumber', 3],
      [1, 'ItemSalesTaxRef.FullName', 'CT State Tax'],
      [1, 'SalesTaxTotal', '10.98'],
      [1, 'InvoiceLineRet.1.ItemRef.FullName', 'Test Inventory Part 2'],
      [1, 'InvoiceLineRet.1.Amount', '144.00'],
      [1, 'InvoiceLineRet.1.SalesTaxCodeRef.FullName', 'Tax'],
      [1, 'IsToBePrinted', true],
    ],
  },
  {
    file: 'item-query-rs_inventory-assembly.xml',
    type: 'ItemQueryRs',
    requestID: 'SXRlbVF1ZXJ5fDMyNQ==',
    statusCode: 0,
    statusSeverity: 'Info',
    statusMessage: OK,
    ok: true,
    records: 1,
    values: [
      [0, 'kind', 'ItemInventoryAssembly'],
      [0, 'FullName', 'Retail 12oz bags-BOM:esp-boss-12'],
      [0, 'Sublevel', 1],
      [0, 'ParentRef.FullName', 'Retail 12oz bags-BOM'],
      [0, 'SalesTaxCodeRef.FullName', 'Non'],
      [0, 'SalesPrice', '13.00'],
      [0, 'QuantityOnHand', '-281'],
      [0, 'AverageCost', '2.695'],
      [
        0,
        'ItemInventoryAssemblyLine.0.ItemInventoryRef.FullName',
        'Green Coffee:Braz-montecristo-GREEN',
      ],
      [0, 'ItemInventoryAssemblyLine.0.Quantity', '0.5'],
      [0, 'ItemInventoryAssemblyLine.3.Quantity', '1'],
    ],
  },
  {
    file: 'item-query-rs_service_iterator-0-remaining.xml',
    type: 'ItemQueryRs',
    requestID: 'Retrieve items',
    statusCode: 0,
    statusSeverity: 'Info',
    statusMessage: OK,
    ok: true,
    records: 1,
    iteratorID: '{10c05cbd-b25b-4a85-8aa0-8bce89e6e900}',
    iteratorRemainingCount: 0,
    values: [
      [0, 'kind', 'ItemService'],
      [0, 'Name', "let's get intuit"],
      [0, 'SalesOrPurchase.PricePercent', '18.0'],
      [0, 'SalesOrPurchase.AccountRef.FullName', 'Repairs and Maintenance'],
    ],
  },
  {
    file: 'receive-payment-add-rs_3210-error.xml',
    type: 'ReceivePaymentAddRs',
    requestID: 'U2hpcE1ldGhvZEltcG9ydHxmMmMyNzk1OGQ5Y2UwMTZiYzViN2RmYTZlMDJlODM5NA==',
    statusCode: 3210,
    statusSeverity: 'Info',
    statusMessage:
      /^The "AppliedToTxnAdd payment amount" field has an invalid value "129\.43"\./,
    ok: false,
    records: 0,
  },
];

/** HCP responses are read by `parseHostResponse` (see host-info.spec.ts). */
const HOST_FIXTURES = [
  'hcp-response_qb-pro-2014_us_as-found.xml',
  'hcp-response_qb-pro-2014_us_corrected.xml',
];

describe('qbXML response fixtures', () => {
  it('covers every response fixture in shared/fixtures/qbxml', () => {
    const files = readdirSync(path.join(sharedDir(), 'fixtures', 'qbxml')).filter((f) =>
      f.endsWith('.xml'),
    );
    const covered = [...CASES.map((c) => c.file), ...HOST_FIXTURES];

    expect([...files].sort()).toEqual([...covered].sort());
  });

  it.each(CASES)('parses $file', (fixture) => {
    const document = parseResponseDocument(readQbxmlFixture(fixture.file));
    const [response] = document.responses;

    expect(document.responses).toHaveLength(1);
    expect(document.warnings).toEqual([]);
    expect(response.type).toBe(fixture.type);
    expect(response.requestID).toBe(fixture.requestID);
    expect(response.statusCode).toBe(fixture.statusCode);
    expect(response.statusSeverity).toBe(fixture.statusSeverity);
    expect(response.statusMessage).toMatch(fixture.statusMessage);
    expect(response.ok).toBe(fixture.ok);
    expect(response.records).toHaveLength(fixture.records);
    expect(response.iteratorID).toBe(fixture.iteratorID);
    expect(response.iteratorRemainingCount).toBe(fixture.iteratorRemainingCount);
    for (const [index, dotted, expected] of fixture.values ?? []) {
      expect({ [dotted]: pick(response.records[index], dotted) }).toEqual({
        [dotted]: expected,
      });
    }
    fixture.check?.(response);
  });
});
