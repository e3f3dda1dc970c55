import { buildRequestXml } from '../lib/requests/build-request';
import type { QbRequest } from '../lib/requests/request-types';
import { richestSampleRequests } from '../lib/samples/richest-requests';
import {
  childElementNames,
  compactFromRoot,
  invoiceFromCaseTask,
  seededRandom,
  shuffleKeys,
  type CaseInvoiceTask,
} from '../testing/case-tasks';
import { validateWithQbxmlSchema } from '../testing/schema-validator';
import { readCase, readCaseJson } from '../testing/shared-fixtures';

jest.setTimeout(60_000);

const CASE = '004-invoiceadd-element-order';
const US13 = { version: '13.0', country: 'US' as const };

function build(
  request: QbRequest,
  onError: 'stopOnError' | 'continueOnError' = 'stopOnError',
) {
  return buildRequestXml([request], { target: US13, onError });
}

describe('case 004: elements follow the schema order whatever the payload order', () => {
  const task = readCaseJson<CaseInvoiceTask>(CASE, 'task-invoice-unordered.json');

  it('serialises the scrambled task exactly like the expected InvoiceAdd', () => {
    const xml = build(invoiceFromCaseTask(task, 't004-inv'), 'continueOnError');
    const expected = readCase(CASE, 'expected-invoiceadd.qbxml').replace(
      '{{ANY}}',
      't004-inv',
    );

    expect(compactFromRoot(xml)).toBe(compactFromRoot(expected));
    expect(xml).not.toMatch(
      /<TemplateRef|<InventorySiteRef>\s*<ListID>\s*<\/ListID>|<(\w+)\/>/,
    );
  });

  it('is byte-identical over 100 serialisations and 100 key orders (InvoiceAdd and SalesOrderAdd)', () => {
    const samples = richestSampleRequests();
    const random = seededRandom(4);

    for (const request of [
      samples.InvoiceAdd,
      samples.SalesOrderAdd,
      invoiceFromCaseTask(task),
    ]) {
      const reference = build(request);
      for (let i = 0; i < 100; i++) {
        expect(build(shuffleKeys(request, random))).toBe(reference);
      }
    }
  });

  it('puts every line after the header, and orders sales-order headers the same way', () => {
    const samples = richestSampleRequests();
    const invoice = childElementNames(build(samples.InvoiceAdd), 'InvoiceAdd');
    const order = childElementNames(build(samples.SalesOrderAdd), 'SalesOrderAdd');
    const shared = (names: string[]) =>
      names.filter((n) => !/Line|ARAccountRef|IsPending|IsManuallyClosed/.test(n));
    const firstLine = invoice.findIndex((n) => n.startsWith('InvoiceLine'));

    expect(firstLine).toBeGreaterThan(0);
    expect(invoice.slice(firstLine).every((n) => n.startsWith('InvoiceLine'))).toBe(true);
    expect(shared(order)).toEqual(shared(invoice));
    expect(shared(invoice).slice(0, 6)).toEqual([
      'CustomerRef',
      'ClassRef',
      'TemplateRef',
      'TxnDate',
      'RefNumber',
      'BillAddress',
    ]);
  });

  it('validates with the qbXML 13.0 schema (the CI guard against ordering regressions)', async () => {
    const xml = build(invoiceFromCaseTask(task, 't004-inv'), 'continueOnError');

    const result = await validateWithQbxmlSchema([
      { fileName: 'case-004.xml', contents: xml },
    ]);

    expect(result.errors).toEqual([]);
  });
});
