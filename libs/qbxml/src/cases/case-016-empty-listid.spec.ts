import { QbxmlError } from '../lib/errors/qbxml-error';
import { buildRequestXml } from '../lib/requests/build-request';
import type { QbRequest } from '../lib/requests/request-types';
import { parseResponseXml } from '../lib/responses/parse-response';
import { richestSampleRequests } from '../lib/samples/richest-requests';
import { describeStatus } from '../lib/status/status-table';
import { invoiceFromCaseTask, type CaseInvoiceTask } from '../testing/case-tasks';
import { readCase, readCaseJson } from '../testing/shared-fixtures';

const CASE = '016-empty-listid-unmapped-item';
const US13 = { version: '13.0', country: 'US' as const };
const EMPTY_ID_ELEMENT =
  /<(ListID|TxnID|TxnLineID|FullName)>\s*<\/\1>|<(ListID|TxnID|TxnLineID|FullName)\s*\/>/;

function outcome(request: QbRequest): string | [string, string | undefined] {
  try {
    return buildRequestXml([request], { target: US13 });
  } catch (error) {
    if (error instanceof QbxmlError) return [error.code, error.field];
    throw error;
  }
}

/** Every object in a request that holds an id (a reference, a line, a Mod header). */
function idHolders(
  value: unknown,
  path = '',
): { path: string; holder: Record<string, unknown> }[] {
  if (typeof value !== 'object' || value === null) return [];
  const entries = Object.entries(value as Record<string, unknown>);
  const here = entries.some(([k]) => /^(ListID|TxnID|TxnLineID)$/.test(k))
    ? [{ path, holder: value as Record<string, unknown> }]
    : [];
  return [...here, ...entries.flatMap(([k, v]) => idHolders(v, `${path}/${k}`))];
}

describe('case 016: an unmapped reference never becomes an empty ListID', () => {
  const task = readCaseJson<CaseInvoiceTask>(CASE, 'task-invoice-unmapped.json');

  it('refuses the task, naming the first unmapped line', () => {
    const request = invoiceFromCaseTask(task);

    expect(outcome(request)).toEqual([
      'QBXML_EMPTY_REF',
      'InvoiceAdd.InvoiceLineAdd[1].ItemRef',
    ]);
  });

  it('names each kind of unmapped id: null item, empty item, blank class', () => {
    const single = (index: number) =>
      invoiceFromCaseTask({
        ...task,
        invoice: { ...task.invoice, lines: [task.invoice.lines[index]] },
      });

    expect(outcome(single(1))).toEqual([
      'QBXML_EMPTY_REF',
      'InvoiceAdd.InvoiceLineAdd[0].ItemRef',
    ]);
    expect(outcome(single(2))).toEqual([
      'QBXML_EMPTY_ID',
      'InvoiceAdd.InvoiceLineAdd[0].ItemRef.ListID',
    ]);
    expect(outcome(single(3))).toEqual([
      'QBXML_EMPTY_ID',
      'InvoiceAdd.InvoiceLineAdd[0].ClassRef.ListID',
    ]);
    expect(typeof outcome(single(0))).toBe('string');
  });

  it('sends the invoice once every line is mapped, with all 4 lines', () => {
    const mapped = task.invoice.lines.map((line) => ({
      ...line,
      itemListId: '80000191-1716301600',
      classListId: null,
    }));
    const xml = outcome(
      invoiceFromCaseTask({ ...task, invoice: { ...task.invoice, lines: mapped } }),
    );

    expect(typeof xml).toBe('string');
    expect(String(xml).match(/<InvoiceLineAdd>/g)).toHaveLength(4);
    expect(String(xml)).not.toMatch(EMPTY_ID_ELEMENT);
  });

  it('never emits an empty id element, whatever id of any request kind is blanked', () => {
    let blanked = 0;
    for (const request of Object.values(richestSampleRequests())) {
      for (const { path } of idHolders(request)) {
        for (const blank of ['', '   ', null]) {
          const copy = structuredClone(request) as unknown as Record<string, unknown>;
          const holder = idHolders(copy).find((h) => h.path === path)?.holder as Record<
            string,
            unknown
          >;
          const key = Object.keys(holder).find((k) =>
            /^(ListID|TxnID|TxnLineID)$/.test(k),
          ) as string;
          holder[key] = blank;
          if ('FullName' in holder) holder.FullName = '';
          const result = outcome(copy as unknown as QbRequest);
          blanked++;
          if (typeof result === 'string') expect(result).not.toMatch(EMPTY_ID_ELEMENT);
          else
            expect([
              'QBXML_EMPTY_ID',
              'QBXML_EMPTY_REF',
              'QBXML_MISSING_FIELD',
            ]).toContain(result[0]);
        }
      }
    }
    expect(blanked).toBeGreaterThan(100);
  });

  it('reads the 3000 and 3120 answers QuickBooks gives for such requests', () => {
    const [empty] = parseResponseXml(
      readCase(CASE, 'invoiceaddrs-3000-empty-listid.qbxml'),
    );
    const [missing] = parseResponseXml(
      readCase(CASE, 'invoicemodrs-3120-object-missing.qbxml'),
    );

    expect([empty.statusCode, empty.ok, empty.statusMessage]).toEqual([
      3000,
      false,
      'The given object ID "" in the field "list id" is invalid.',
    ]);
    expect(describeStatus(empty.statusCode)).toMatchObject({
      retryable: false,
      fixableBy: 'bookkeeper',
    });
    expect([missing.type, missing.statusCode, missing.statusMessage]).toEqual([
      'InvoiceModRs',
      3120,
      'Object "3D0-1716000000" specified in the request cannot be found.',
    ]);
    expect(describeStatus(missing.statusCode).message.en).toBe(
      'The QuickBooks record was deleted or replaced; re-link or re-create it.',
    );
  });
});
