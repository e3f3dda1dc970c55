import { demoCompany } from '../data/demo-company';
import { sharedSchemaValidator } from '../qbxml/schema-validator';
import { fixture, responses, rq, shapeOf, single } from '../testing/qbxml-test-kit';
import { smallCompany, steppingClock } from '../testing/companies';
import { parseXml, type XmlElement } from '../xml/xml-tree';
import { CompanyFile } from './company-file';
import { usProSettings } from './company-settings';

const firstRet = (xml: string) => single(xml).children[0];
const without = (shape: string[], ignored: string[]) =>
  shape.filter((path) => !ignored.some((name) => path.split('/').includes(name)));

/** A CustomerAdd carrying the fields of a fixture's CustomerRet. */
function customerAddFrom(ret: XmlElement): string {
  const keep = [
    'CompanyName',
    'Salutation',
    'FirstName',
    'LastName',
    'BillAddress',
    'Email',
    'AccountNumber',
    'CreditLimit',
  ];
  const text = (e: XmlElement): string =>
    e.children.length === 0
      ? `<${e.name}>${e.text}</${e.name}>`
      : `<${e.name}>${e.children.map(text).join('')}</${e.name}>`;
  const name = ret.children.find((c) => c.name === 'FullName')!.text;
  const fields = ret.children
    .filter((c) => keep.includes(c.name))
    .map(text)
    .join('');
  return `<CustomerAddRq><CustomerAdd><Name>${name}</Name>${fields}</CustomerAdd></CustomerAddRq>`;
}

describe('answers shaped like the real QuickBooks answers in shared/fixtures', () => {
  it.each(['customer-add-rs_ok_with-address.xml', 'customer-add-rs_ok_minimal.xml'])(
    'CustomerAdd gives the shape of %s (qbXML 5.0, before address blocks existed)',
    async (name) => {
      const expected = firstRet(fixture(name));
      const company = new CompanyFile(usProSettings(), { clock: steppingClock() });

      const answer = await company.handleRequest(
        rq(customerAddFrom(expected), { version: '5.0' }),
        company.beginSession(),
      );

      expect(shapeOf(firstRet(answer))).toEqual(shapeOf(expected));
    },
  );

  describe('the demo company built from the fixtures', () => {
    const company = demoCompany();
    const session = company.beginSession();

    it('answers ItemQuery for the assembly exactly as the fixture, values included', async () => {
      const expected = firstRet(fixture('item-query-rs_inventory-assembly.xml'));
      const answer = await company.handleRequest(
        rq(
          '<ItemQueryRq><FullName>Retail 12oz bags-BOM:esp-boss-12</FullName></ItemQueryRq>',
        ),
        session,
      );
      const actual = firstRet(answer);
      const values = (e: XmlElement) =>
        e.children
          .filter((c) => !/^Time/.test(c.name))
          .map((c) => [c.name, c.text.trim()]);

      expect(shapeOf(actual)).toEqual(shapeOf(expected));
      expect(values(actual)).toEqual(values(expected));
    });

    it('answers InvoiceQuery with the shape of the fixture (linked payments and address blocks aside)', async () => {
      const expected = single(fixture('invoice-query-rs_iterator_2-invoices.xml'));
      const answer = single(
        await company.handleRequest(
          rq(
            '<InvoiceQueryRq iterator="Start"><MaxReturned>10</MaxReturned><EntityFilter><FullName>Sample Customer:Integration Job</FullName></EntityFilter><IncludeLineItems>true</IncludeLineItems></InvoiceQueryRq>',
          ),
          session,
        ),
      );
      // LinkedTxn needs the payment records, which the simulator does not keep; the fixture
      // also lacks the v6.0 BillAddressBlock/IsToBeEmailed that a 13.0 answer carries.
      const ignored = ['LinkedTxn', 'BillAddressBlock', 'IsToBeEmailed'];

      expect(Object.keys(answer.attrs)).toEqual(
        Object.keys(expected.attrs).filter((a) => a !== 'requestID'),
      );
      expect(without(shapeOf(answer), ignored).slice(1)).toEqual(
        without(shapeOf(expected), ignored).slice(1),
      );
    });

    it('keeps the non-ASCII name of the fixture as a numeric reference', async () => {
      const answer = await company.handleRequest(
        rq(
          '<CustomerQueryRq><FullName>Jean-S&#233;bastien Sample</FullName></CustomerQueryRq>',
        ),
        session,
      );

      expect(answer).toContain('<Name>Jean-S&#233;bastien Sample</Name>');
      expect(answer).toContain('<ListID>80000001-1422671082</ListID>');
    });

    it('answers with documents that validate against Intuit’s schema', async () => {
      const answer = await company.handleRequest(
        rq(
          '<CustomerQueryRq><ActiveStatus>All</ActiveStatus></CustomerQueryRq><ItemQueryRq><ActiveStatus>All</ActiveStatus></ItemQueryRq>' +
            '<ClassQueryRq/><InventorySiteQueryRq/><SalesTaxCodeQueryRq/><InvoiceQueryRq><IncludeLineItems>true</IncludeLineItems></InvoiceQueryRq>',
          { onError: 'continueOnError' },
        ),
        session,
      );
      const verdict = await sharedSchemaValidator().validate(answer);

      expect(responses(answer).map((r) => r.attrs['statusCode'])).toEqual([
        '0',
        '0',
        '0',
        '0',
        '0',
        '0',
      ]);
      expect(verdict).toEqual({ valid: true, errors: [] });
    });
  });

  it('builds the HCP answer with the structure of the QuickBooks Pro 2014 fixture', async () => {
    const expected = parseXml(fixture('hcp-response_qb-pro-2014_us_corrected.xml')).root;
    const company = new CompanyFile(usProSettings(), { clock: steppingClock() });
    company.registerApplication(
      '{512349B1-1111-2222-3333-000DE1813D20}',
      '{00000ee0-1111-ffff-cccc-5ff123456047}',
    );
    const actual = parseXml(company.hcpResponse()).root;
    // The fixture lists QuickBooks' online services and an AppLock extension written by a
    // running Web Connector; neither is part of the simulated file.
    const ignored = ['SubscribedServices', 'Fax', 'CompanyEmailForCustomer'];
    const dataExt = (shape: string[]) => shape.filter((p) => !p.includes('DataExtRet'));

    expect(dataExt(without(shapeOf(actual), ignored))).toEqual(
      dataExt(without(shapeOf(expected), ignored)),
    );
    expect(company.hcpResponse()).toContain('<DataExtName>FileID</DataExtName>');
    expect(await sharedSchemaValidator().validate(company.hcpResponse())).toEqual({
      valid: true,
      errors: [],
    });
  });

  it('says what it answers in the response header, as QuickBooks does', async () => {
    const company = smallCompany();
    const answer = await company.handleRequest(
      rq('<ClassQueryRq requestID="x-1"/>'),
      company.beginSession(),
    );

    expect(
      answer.startsWith(
        '<?xml version="1.0" ?>\n<QBXML>\n<QBXMLMsgsRs>\n<ClassQueryRs requestID="x-1" statusCode="0" statusSeverity="Info" statusMessage="Status OK">',
      ),
    ).toBe(true);
    expect(answer).not.toContain('<?qbxml');
  });
});
