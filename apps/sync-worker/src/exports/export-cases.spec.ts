import { parseResponseXml, recordsOf, type InvoiceRet } from '@qbd/qbxml';
import { QbxmlSchemaValidator } from '../../../qbd-simulator/src/qbxml/schema-validator';
import type { DocumentParams } from './document-params';
import { totalWarnings } from './export-outcomes';
import type { LinkView } from './export-references';
import {
  baseLinks,
  build,
  built,
  caseFile,
  caseJson,
  childNames,
  fileInfo,
  item,
  link,
  renderXml,
  settings,
  snapshot,
} from './testing/export-builders';

// Each shared case (shared/cases/<id>/expected.md) is checked on the task model the
// connector really receives: the case's illustrative JSON is mapped onto a task snapshot.

interface CaseLine {
  appItemId?: string;
  name?: string;
  description?: string;
  itemListId?: string | null;
  quantity: number;
  rate: number;
  taxCategory?: string;
}

interface CaseTask {
  id: string;
  invoice: {
    refNumber: string;
    customerListId: string;
    txnDate: string;
    lines: CaseLine[];
    appComputedTotal?: number;
  };
}

/** The case's lines as task items (a product per QuickBooks item) and their links. */
function fromCase(task: CaseTask, customerName = 'Customer') {
  const links: LinkView[] = [
    link('client', task.invoice.customerListId, customerName, 'pl-client'),
  ];
  const items = task.invoice.lines.map((line, index) => {
    const productId = line.appItemId ?? `pl-${line.itemListId ?? index}`;
    if (line.itemListId && !links.some((l) => l.plId === productId)) {
      links.push(link('product', line.itemListId, line.name ?? productId, productId));
    }
    return item({
      productId,
      description: line.description ?? line.name ?? `Line ${index + 1}`,
      quantity: String(line.quantity),
      unitPrice: String(line.rate),
      ...(line.taxCategory ? { taxCategory: line.taxCategory } : {}),
    });
  });
  const task0 = snapshot({
    taskNumber: task.invoice.refNumber,
    clientId: 'pl-client',
    date: task.invoice.txnDate,
    items,
  });
  return { snapshot: task0, links };
}

function linesOf(params: DocumentParams) {
  const doc = params.requests[params.requests.length - 1] as {
    InvoiceLineAdd?: unknown[];
  };
  return doc.InvoiceLineAdd as {
    Quantity?: string;
    Rate?: string;
    Amount?: string;
    SalesTaxCodeRef?: unknown;
  }[];
}

describe('case 004: element order follows the schema', () => {
  const validator = new QbxmlSchemaValidator();
  const expected = caseFile('004-invoiceadd-element-order', 'expected-invoiceadd.qbxml');
  const links = [
    ...baseLinks(),
    link('class', '80000061-1716300300', 'Plumbing', 'pl-class'),
    link('site', '80000081-1716300500', 'Van 2', 'pl-site'),
  ];
  // Keys deliberately out of schema order, like the case's task.
  const task = snapshot({
    items: [
      item({
        unitPrice: '38.5',
        quantity: '1',
        description: 'Anode rod',
        productId: 'pl-prod-2',
      }),
      item({ quantity: '2', unitPrice: '120', description: 'Water heater flush' }),
    ],
    memo: 'Job 8841 - visit 2',
    poNumber: 'PO-7781',
    siteValue: 'pl-site',
    classValue: 'pl-class',
    date: '2024-06-03',
  });
  const params = built(build({ snapshot: task, links, refNumber: 'FS-10302' })).params;
  const xml = renderXml(params);

  it('writes the header in the order of the case (CustomerRef … Memo), then ExternalGUID, then lines', () => {
    const ours = childNames(xml, 'InvoiceAdd');
    const reference = childNames(expected, 'InvoiceAdd').filter((name) =>
      ours.includes(name),
    );

    expect(ours).toEqual([
      ...reference.filter((n) => n !== 'InvoiceLineAdd'),
      'ExternalGUID',
      'InvoiceLineAdd',
      'InvoiceLineAdd',
    ]);
    expect(ours.slice(0, 6)).toEqual([
      'CustomerRef',
      'ClassRef',
      'TxnDate',
      'RefNumber',
      'PONumber',
      'Memo',
    ]);
  });

  it('writes each line as ItemRef, Desc, Quantity, Rate, InventorySiteRef', () => {
    const reference = childNames(expected, 'InvoiceLineAdd', 1);

    expect(childNames(xml, 'InvoiceLineAdd', 0)).toEqual([
      'ItemRef',
      'Desc',
      'Quantity',
      'Rate',
      'InventorySiteRef',
    ]);
    expect(reference.filter((n) => n !== 'SalesTaxCodeRef')).toEqual(
      childNames(xml, 'InvoiceLineAdd', 0),
    );
  });

  it('emits no empty element and is byte-identical when built again', () => {
    const again = Array.from({ length: 100 }, () =>
      renderXml(built(build({ snapshot: task, links, refNumber: 'FS-10302' })).params),
    );

    expect(xml).not.toMatch(/<(\w+)\s*\/>|<(\w+)>\s*<\/\2>/);
    expect(new Set(again)).toEqual(new Set([xml]));
  });

  it('validates against the qbXML 13.0 schema, as an invoice and as a sales order', async () => {
    const order = renderXml(
      built(build({ snapshot: task, links, documentKind: 'salesOrder' })).params,
    );

    await expect(validator.validate(xml)).resolves.toEqual({ valid: true, errors: [] });
    await expect(validator.validate(order)).resolves.toEqual({ valid: true, errors: [] });
    expect(childNames(order, 'SalesOrderAdd').slice(0, 5)).toEqual([
      'CustomerRef',
      'ClassRef',
      'TxnDate',
      'PONumber',
      'Memo',
    ]);
  });
});

describe('case 014: rates at full precision, decimals never floats', () => {
  const task = caseJson<CaseTask>(
    '014-rate-vs-amount-precision',
    'task-invoice-precision.json',
  );
  const { snapshot: task014, links } = fromCase(task);
  const params = built(build({ snapshot: task014, links })).params;

  it('sends each Quantity and Rate as given, and no Amount', () => {
    expect(
      linesOf(params).map((line) => [line.Quantity, line.Rate, line.Amount]),
    ).toEqual([
      ['3', '12.3456', undefined],
      ['0.5', '99.995', undefined],
      ['1.75', '110.00', undefined],
      ['7', '1.105', undefined],
    ]);
    expect(renderXml(params)).not.toMatch(/<Amount>|e-\d|\d{6,}\.|\.\d{6,}/);
  });

  // The case's table gives the line amounts QuickBooks computes (37.04, 50.00, 192.50,
  // 7.74): they add up to 287.28, while the case's appComputedTotal and recorded Subtotal
  // say 291.81. The connector computes the total from the lines, as QuickBooks does.
  it('expects QuickBooks to total the lines rounded half-up per line', () => {
    expect(params.match.total).toBe('287.28');
  });

  it('records a warning when QuickBooks totals differently, none when it agrees', () => {
    const answer = caseFile('014-rate-vs-amount-precision', 'invoiceaddrs-totals.qbxml');
    const [ret] = recordsOf(parseResponseXml(answer)[0]!, 'InvoiceAddRs') as InvoiceRet[];

    expect(totalWarnings({ ...ret!, Subtotal: '287.28' }, params.match)).toEqual([]);
    expect(totalWarnings(ret!, params.match)).toEqual([
      "The total in QuickBooks (291.81) differs from the task's (287.28) by 4.53.",
    ]);
    expect(totalWarnings({ ...ret!, Subtotal: '287.27' }, params.match)).toEqual([
      "The total in QuickBooks (287.27) differs from the task's (287.28) by 0.01.",
    ]);
  });

  it('refuses a rate more precise than QuickBooks keeps, naming the line, instead of rounding it', () => {
    const tooPrecise = {
      ...task014,
      items: [task014.items[0]!, { ...task014.items[1]!, unitPrice: '99.999999' }],
    };
    const result = build({ snapshot: tooPrecise, links });

    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatchObject({
      code: 'EXPORT_PRECISION',
      line: 2,
    });
  });
});

describe('case 016: an unlinked line is never sent as an empty ListID', () => {
  const task = caseJson<CaseTask>(
    '016-empty-listid-unmapped-item',
    'task-invoice-unmapped.json',
  );
  const { snapshot: task016, links } = fromCase(task);

  it('sends nothing and names every unlinked line', () => {
    const result = build({ snapshot: task016, links });

    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.map((p) => [p.code, p.line])).toEqual([
      ['EXPORT_LINE_NOT_LINKED', 2],
      ['EXPORT_LINE_NOT_LINKED', 3],
    ]);
    expect(problems[0]?.message.en).toContain(
      'Drain camera inspection (app-item-97) is not linked to a QuickBooks item',
    );
    expect(problems[1]?.message.en).toContain(
      'Jetting (app-item-98) is not linked to a QuickBooks item',
    );
  });

  it('treats a blank product id like none', () => {
    const blank = {
      ...task016,
      items: [task016.items[0]!, item({ productId: '   ', unitPrice: '5' })],
    };
    const result = build({ snapshot: blank, links });

    expect(!result.ok && result.problems.map((p) => p.line)).toEqual([2]);
  });

  it('sends the four lines once the items are linked, with no empty id anywhere', () => {
    const linked = [
      ...links,
      link('product', '80000197-1716301700', 'Drain camera inspection', 'app-item-97'),
      link('product', '80000198-1716301800', 'Jetting', 'app-item-98'),
    ];
    const { params } = built(build({ snapshot: task016, links: linked }));
    const xml = renderXml(params);

    expect(linesOf(params)).toHaveLength(4);
    expect(xml).not.toMatch(
      /<(ListID|FullName|TxnID)>\s*<\/\1>|<(ListID|FullName|TxnID)\s*\/>/,
    );
  });
});

describe('case 019: inactive items and customers block the export', () => {
  const task = caseJson<CaseTask>(
    '019-inactive-list-elements',
    'task-invoice-uses-inactive.json',
  );
  const { snapshot: task019 } = fromCase(task);
  const links = [
    link('client', '80000411-1716303100', 'Maple Court HOA', 'pl-client', {
      active: false,
    }),
    link(
      'product',
      '80000401-1716303000',
      'Water Heaters:WH-40 Water heater 40gal (old model)',
      'pl-80000401-1716303000',
      {
        active: false,
      },
    ),
    link('product', '80000402-1716303001', 'Haul-away fee', 'pl-80000402-1716303001'),
  ];

  it('sends nothing and says which records to reactivate, in one message', () => {
    const result = build({ snapshot: task019, links });

    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.map((p) => p.code)).toEqual(['EXPORT_INACTIVE_RECORD']);
    expect(problems[0]?.message.en).toBe(
      "Item 'WH-40 Water heater 40gal (old model)' and customer 'Maple Court HOA' are inactive in QuickBooks; reactivate them there or change the invoice.",
    );
    expect(problems[0]?.message.fr).toContain('sont inactifs dans QuickBooks');
  });

  it('sends the invoice once they are active again', () => {
    const active = links.map((l) => ({ ...l, active: true }));

    expect(build({ snapshot: task019, links: active }).ok).toBe(true);
  });
});

describe('case 023: Canadian files get a tax code on every line', () => {
  const mapping = caseJson<{ appTaxCategoryToQbCode: Record<string, string> }>(
    '023-canadian-edition-tax-codes',
    'tenant-tax-mapping.json',
  ).appTaxCategoryToQbCode;
  const codes = recordsOf(
    parseResponseXml(
      caseFile(
        '023-canadian-edition-tax-codes',
        'salestaxcodequeryrs-canada-fixture.qbxml',
      ),
    )[0]!,
    'SalesTaxCodeQueryRs',
  ).map((code) => link('salesTaxCode', code.ListID, code.Name!, null));
  const canada = fileInfo({ country: 'CA', inventorySitesEnabled: false });
  const tenant = settings({ taxCodeMapping: mapping, salesTaxItem: 'GST/PST' });
  const task = caseJson<CaseTask>(
    '023-canadian-edition-tax-codes',
    'task-invoice-ca.json',
  );
  const { snapshot: task023, links } = fromCase(task);

  it('maps each line category to the imported code: S, S, E; no tax item, no US codes', () => {
    const { params } = built(
      build({
        snapshot: task023,
        links: [...links, ...codes],
        fileInfo: canada,
        settings: tenant,
      }),
    );
    const xml = renderXml(params, canada);

    expect(linesOf(params).map((line) => line.SalesTaxCodeRef)).toEqual([
      { ListID: '80000603-1716307002' },
      { ListID: '80000603-1716307002' },
      { ListID: '80000604-1716307003' },
    ]);
    expect(xml).not.toContain('ItemSalesTaxRef');
    expect(xml).not.toMatch(/<FullName>(Tax|Non)<\/FullName>/);
    expect(childNames(xml, 'InvoiceLineAdd', 0)).toEqual([
      'ItemRef',
      'Desc',
      'Quantity',
      'Rate',
      'SalesTaxCodeRef',
    ]);
  });

  it('parks a line whose category has no mapping, with the category named', () => {
    const unmapped = caseJson<CaseTask>(
      '023-canadian-edition-tax-codes',
      'task-invoice-ca-unmapped.json',
    );
    const { snapshot: task2, links: links2 } = fromCase(unmapped);
    const result = build({
      snapshot: task2,
      links: [...links2, ...codes],
      fileInfo: canada,
      settings: tenant,
    });

    expect(result.ok).toBe(false);
    const first = result.ok ? undefined : result.problems[0];
    expect(first?.code).toBe('EXPORT_TAX_CODE_UNMAPPED');
    expect(first?.fixableBy).toBe('bookkeeper');
    expect(first?.message.en).toContain(
      "Tax category 'disposal' has no QuickBooks tax code mapping for this company",
    );
  });

  it('refuses a mapped code that the file does not have', () => {
    const result = build({
      snapshot: task023,
      links: [...links, ...codes.filter((code) => code.qbFullName !== 'E')],
      fileInfo: canada,
      settings: tenant,
    });

    expect(!result.ok && result.problems.map((p) => [p.code, p.line])).toEqual([
      ['EXPORT_TAX_CODE_UNKNOWN', 3],
    ]);
  });

  it('gives a US company the same task with its own tax item and no per-line codes', () => {
    const us = settings({ taxCodeMapping: mapping, salesTaxItem: 'State Tax' });
    const { params } = built(build({ snapshot: task023, links, settings: us }));
    const xml = renderXml(params);

    expect(xml).not.toContain('SalesTaxCodeRef');
    expect(xml).toMatch(/<ItemSalesTaxRef>\s*<FullName>State Tax<\/FullName>/);
  });
});
