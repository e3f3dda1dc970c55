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
    expect(bad.errors[0]).toContain("Element 'MaxReturned': This element is not expected");
  });

  it('leaves length limits to the company file (QuickBooks answers 3070, not a parse error)', async () => {
    const verdict = await validator.validate(
      wrap(`<CustomerAddRq><CustomerAdd><Name>${'x'.repeat(60)}</Name></CustomerAdd></CustomerAddRq>`),
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
