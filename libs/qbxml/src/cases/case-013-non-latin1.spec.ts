import { SaxesParser } from 'saxes';
import { QbxmlError } from '../lib/errors/qbxml-error';
import { buildRequestXml } from '../lib/requests/build-request';
import type { InvoiceAddRequest } from '../lib/requests/request-types';
import { prepareQbText } from '../lib/text/qb-text';
import { invoiceFromCaseTask, type CaseInvoiceTask } from '../testing/case-tasks';
import { readCaseJson } from '../testing/shared-fixtures';

const CASE = '013-non-latin1-characters';
const US13 = { version: '13.0', country: 'US' as const };

function build(request: InvoiceAddRequest): string {
  return buildRequestXml([request], { target: US13 });
}

function thrown(action: () => unknown): QbxmlError {
  try {
    action();
  } catch (error) {
    if (error instanceof QbxmlError) return error;
    throw error;
  }
  throw new Error('expected a QbxmlError');
}

/** Text of every element named `name`, as an XML parser reads it back. */
function textsOf(xml: string, name: string): string[] {
  const parser = new SaxesParser();
  const texts: string[] = [];
  let inside = false;
  parser.on('opentag', (tag) => {
    inside = tag.name === name;
    if (inside) texts.push('');
  });
  parser.on('text', (text) => {
    if (inside) texts[texts.length - 1] += text;
  });
  parser.on('closetag', () => (inside = false));
  parser.write(xml).close();
  return texts;
}

describe('case 013: text QuickBooks cannot store is transliterated or refused, never sent raw or as "?"', () => {
  const task = readCaseJson<CaseInvoiceTask>(CASE, 'task-invoice-unicode.json');

  it('refuses the task before sending, naming the field and the characters', () => {
    const error = thrown(() => build(invoiceFromCaseTask(task)));

    expect(error.code).toBe('QBXML_TEXT_NOT_LATIN1');
    expect(error.field).toBe('InvoiceAdd.Memo');
    expect(error.details).toEqual({ characters: ['👍'] });
    expect(error.text.en).toContain(
      'InvoiceAdd.Memo contains characters QuickBooks Desktop cannot store',
    );
  });

  it('names every line whose text cannot be stored (the policy, applied field by field)', () => {
    const lines = task.invoice.lines.map((line) =>
      prepareQbText(String(line.description)),
    );

    expect(lines.map((l) => l.refused)).toEqual([
      [],
      ['Ω'],
      [],
      ['З', 'а', 'к', 'з', '注', '文'],
    ]);
    expect(lines[2].text).toBe('Khách hàng: Nguyen Van Bình');
    expect(lines[2].changes.map((c) => `${c.from}>${c.to}`)).toEqual(['ễ>e', 'ă>a']);
    for (const index of [1, 3]) {
      const only = {
        ...task,
        invoice: { ...task.invoice, memo: null, lines: [task.invoice.lines[index]] },
      };
      expect(thrown(() => build(invoiceFromCaseTask(only))).field).toBe(
        'InvoiceAdd.InvoiceLineAdd[0].Desc',
      );
    }
  });

  it('once the unstorable characters are gone, sends pure ASCII with Latin-1 as references', () => {
    const edited = {
      ...task,
      invoice: {
        ...task.invoice,
        memo: String(task.invoice.memo).replace(' 👍', ''),
        lines: task.invoice.lines.slice(0, 3).map((line) => ({
          ...line,
          description: String(line.description).replace('Ω', 'O'),
        })),
      },
    };

    const xml = build(invoiceFromCaseTask(edited));

    expect(/^[\t\n\r\x20-\x7e]*$/.test(xml)).toBe(true);
    expect(xml).toContain(
      '<Memo>Technician: Zo&#235; Bront&#235; - arrived 8:05; customer said "great job"</Memo>',
    );
    expect(xml).toContain('<Desc>D&#233;bouchage &#233;vier, siphon &#189;"</Desc>');
    expect(xml).toContain('<Desc>Valve O-ring 3/4 in &amp; &lt;brass&gt;</Desc>');
    expect(xml).toContain('<Desc>Kh&#225;ch h&#224;ng: Nguyen Van B&#236;nh</Desc>');
    expect(xml.slice(xml.indexOf('<QBXML>'))).not.toContain('?');
    expect(textsOf(xml, 'Desc')).toEqual([
      'Débouchage évier, siphon ½"',
      'Valve O-ring 3/4 in & <brass>',
      'Khách hàng: Nguyen Van Bình',
    ]);
  });

  it('checks lengths after transliteration, counting a reference as one character', () => {
    const withDesc = (desc: string): InvoiceAddRequest => ({
      type: 'InvoiceAdd',
      requestID: 'len',
      CustomerRef: { ListID: '80000121-1716300900' },
      InvoiceLineAdd: [{ Desc: desc }],
    });

    expect(build(withDesc('é'.repeat(4095)))).toContain('&#233;'.repeat(4095));
    expect(thrown(() => build(withDesc('é'.repeat(4096))))).toMatchObject({
      code: 'QBXML_TEXT_TOO_LONG',
      field: 'InvoiceAdd.InvoiceLineAdd[0].Desc',
    });
    expect(thrown(() => build(withDesc('…'.repeat(1366))))).toMatchObject({
      code: 'QBXML_TEXT_TOO_LONG',
      details: { length: 4098, maxLength: 4095 },
    });
  });
});
