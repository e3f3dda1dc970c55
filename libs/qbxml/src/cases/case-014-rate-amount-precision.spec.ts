import { QbxmlError } from '../lib/errors/qbxml-error';
import {
  addDecimals,
  compareDecimals,
  computeLineAmount,
  formatRate,
} from '../lib/numbers/qb-decimal';
import { buildRequestXml } from '../lib/requests/build-request';
import type { InvoiceAddRequest } from '../lib/requests/request-types';
import { parseResponseXml, recordsOf } from '../lib/responses/parse-response';
import {
  childElementNames,
  seededRandom,
  type CaseInvoiceTask,
} from '../testing/case-tasks';
import { readCase, readCaseJson } from '../testing/shared-fixtures';

const CASE = '014-rate-vs-amount-precision';
const US13 = { version: '13.0', country: 'US' as const };

/** The worker's rule: rate at full precision; amount = quantity × rate, rounded to cents. */
function invoiceWithAmounts(task: CaseInvoiceTask): InvoiceAddRequest {
  return {
    type: 'InvoiceAdd',
    requestID: 't014-inv',
    CustomerRef: { ListID: String(task.invoice.customerListId) },
    RefNumber: String(task.invoice.refNumber),
    InvoiceLineAdd: task.invoice.lines.map((line) => ({
      ItemRef: { ListID: String(line.itemListId) },
      Desc: String(line.description),
      Quantity: String(line.quantity),
      Rate: formatRate(String(line.rate)),
      Amount: computeLineAmount(String(line.quantity), String(line.rate)),
    })),
  };
}

function valuesOf(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map(
    (m) => m[1],
  );
}

describe('case 014: rates keep their precision, amounts have exactly two decimals', () => {
  const task = readCaseJson<CaseInvoiceTask>(CASE, 'task-invoice-precision.json');

  it('sends each rate at full precision and each amount rounded half-up to cents', () => {
    const xml = buildRequestXml([invoiceWithAmounts(task)], { target: US13 });

    expect(valuesOf(xml, 'Quantity')).toEqual(['3', '0.5', '1.75', '7']);
    expect(valuesOf(xml, 'Rate')).toEqual(['12.3456', '99.995', '110.00', '1.105']);
    expect(valuesOf(xml, 'Amount')).toEqual(['37.04', '50.00', '192.50', '7.74']);
    expect(childElementNames(xml, 'InvoiceLineAdd')).toEqual([
      'ItemRef',
      'Desc',
      'Quantity',
      'Rate',
      'Amount',
    ]);
  });

  it('never writes an amount with more than 2 decimals, an exponent or float noise (random sweep)', () => {
    const random = seededRandom(14);
    for (let i = 0; i < 2000; i++) {
      const quantity = (random() * 100).toFixed(Math.floor(random() * 6));
      const rate = (random() * 1000).toFixed(Math.floor(random() * 6));
      const request: InvoiceAddRequest = {
        type: 'InvoiceAdd',
        requestID: `r${i}`,
        CustomerRef: { ListID: '1-1' },
        InvoiceLineAdd: [
          {
            Desc: 'x',
            Quantity: quantity,
            Rate: rate,
            Amount: computeLineAmount(quantity, rate),
          },
        ],
      };

      const xml = buildRequestXml([request], { target: US13 });

      expect(valuesOf(xml, 'Amount')[0]).toMatch(/^\d+\.\d{2}$/);
      expect(valuesOf(xml, 'Rate')[0]).toMatch(/^\d+\.\d{2,5}$/);
      expect(xml).not.toMatch(/\de[+-]?\d|0000000\d/);
    }
  });

  it('refuses, before sending, a rate QuickBooks cannot hold and an amount with more than 2 decimals', () => {
    const tooPrecise = (line: Record<string, string>) => {
      try {
        buildRequestXml(
          [
            {
              type: 'InvoiceAdd',
              requestID: 'p',
              CustomerRef: { ListID: '1-1' },
              InvoiceLineAdd: [{ Desc: 'x', ...line }],
            },
          ],
          { target: US13 },
        );
      } catch (error) {
        return error instanceof QbxmlError ? [error.code, error.field] : error;
      }
      return 'built';
    };

    expect(tooPrecise({ Quantity: '3', Rate: '12.345678' })).toEqual([
      'QBXML_PRECISION',
      'InvoiceAdd.InvoiceLineAdd[0].Rate',
    ]);
    expect(tooPrecise({ Amount: '37.0368' })).toEqual([
      'QBXML_PRECISION',
      'InvoiceAdd.InvoiceLineAdd[0].Amount',
    ]);
  });

  it('reads the totals QuickBooks returns and compares them with the app total without float drift', () => {
    const [response] = parseResponseXml(
      readCase(CASE, 'invoiceaddrs-totals.qbxml').replace('{{REQID}}', 't014-inv'),
    );
    const [invoice] = recordsOf(response, 'InvoiceAddRs');
    const lines = invoice.InvoiceLineRet ?? [];

    expect(invoice.TxnID).toBe('3C1-1716700000');
    expect(invoice.Subtotal).toBe('291.81');
    expect(lines.map((l) => l.TxnLineID)).toEqual([
      '3C2-1716700000',
      '3C3-1716700000',
      '3C4-1716700000',
      '3C5-1716700000',
    ]);
    expect(
      lines.map((l) => computeLineAmount(String(l.Quantity), String(l.Rate))),
    ).toEqual(lines.map((l) => l.Amount));
    expect(
      compareDecimals(String(invoice.Subtotal), String(task.invoice.appComputedTotal)),
    ).toBe(0);
    expect(addDecimals(String(invoice.Subtotal), '-291.80')).toBe('0.01');
  });
});
