import { QbxmlSchemaValidator } from './schema-validator';

const wrap = (body: string) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<?qbxml version="13.0"?>\n<QBXML><QBXMLMsgsRq onError="stopOnError">${body}</QBXMLMsgsRq></QBXML>`;

describe('QbxmlSchemaValidator', () => {
  const validator = new QbxmlSchemaValidator();

  it('accepts a request in schema order and refuses one out of order', async () => {
    const [good, bad] = await Promise.all([
      validator.validate(
        wrap(
          '<CustomerQueryRq requestID="1"><MaxReturned>5</MaxReturned><ActiveStatus>All</ActiveStatus></CustomerQueryRq>',
        ),
      ),
      validator.validate(
        wrap(
          '<CustomerQueryRq requestID="1"><ActiveStatus>All</ActiveStatus><MaxReturned>5</MaxReturned></CustomerQueryRq>',
        ),
      ),
    ]);

    expect(good).toEqual({ valid: true, errors: [] });
    expect(bad.valid).toBe(false);
    expect(bad.errors[0]).toContain(
      "Element 'MaxReturned': This element is not expected",
    );
  });

  it('leaves length limits to the company file (QuickBooks answers 3070, not a parse error)', async () => {
    const verdict = await validator.validate(
      wrap(
        `<CustomerAddRq><CustomerAdd><Name>${'x'.repeat(60)}</Name></CustomerAdd></CustomerAddRq>`,
      ),
    );

    expect(verdict.valid).toBe(true);
  });

  it('refuses values that break a type pattern', async () => {
    const verdict = await validator.validate(
      wrap(
        '<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>A</FullName></CustomerRef><InvoiceLineAdd><Quantity>1</Quantity><Rate>1e-5</Rate></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>',
      ),
    );

    expect(verdict.valid).toBe(false);
    expect(verdict.errors.join('\n')).toContain("Element 'Rate'");
  });
});

describe('QbxmlSchemaValidator with a schema cut down to the requests used', () => {
  const full = new QbxmlSchemaValidator();
  const subset = new QbxmlSchemaValidator();
  const documents: [string, string[]][] = [
    [
      '<CustomerQueryRq><MaxReturned>5</MaxReturned><ActiveStatus>All</ActiveStatus></CustomerQueryRq>',
      ['CustomerQueryRq'],
    ],
    [
      '<CustomerQueryRq><ActiveStatus>All</ActiveStatus><MaxReturned>5</MaxReturned></CustomerQueryRq>',
      ['CustomerQueryRq'],
    ],
    [
      '<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>A</FullName></CustomerRef><TxnDate>2024-13-45</TxnDate></InvoiceAdd></InvoiceAddRq>',
      ['InvoiceAddRq'],
    ],
    [
      '<InvoiceAddRq><InvoiceAdd><CustomerRef><ListID>1-1</ListID></CustomerRef><InvoiceLineAdd><ItemRef><FullName>X</FullName></ItemRef><Quantity>2</Quantity><Rate>3.5</Rate><SalesTaxCodeRef><FullName>Tax</FullName></SalesTaxCodeRef></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>' +
        '<SalesOrderQueryRq><TxnID>1-1</TxnID><IncludeLineItems>true</IncludeLineItems></SalesOrderQueryRq>',
      ['InvoiceAddRq', 'SalesOrderQueryRq'],
    ],
    [
      '<ItemQueryRq iterator="Start"><MaxReturned>100</MaxReturned></ItemQueryRq>',
      ['ItemQueryRq'],
    ],
    ['<ClassQueryRq iterator="Start"/>', ['ClassQueryRq']],
    [
      '<CustomerModRq><CustomerMod><ListID>1-1</ListID></CustomerMod></CustomerModRq>',
      ['CustomerModRq'],
    ],
  ];

  afterAll(() => {
    full.close();
    subset.close();
  });

  it.each(documents)(
    'gives the verdict of the full schema for %s',
    async (body, names) => {
      const [whole, cut] = await Promise.all([
        full.validate(wrap(body)),
        subset.validate(wrap(body), names),
      ]);

      expect(cut.valid).toBe(whole.valid);
      expect(cut.errors.map((e) => e.replace(/ Expected is.*$/, ''))).toEqual(
        whole.errors.map((e) => e.replace(/ Expected is.*$/, '')),
      );
    },
  );
});
