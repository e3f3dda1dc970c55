import {
  PARSE_ERROR_HRESULT,
  PARSE_ERROR_MESSAGE,
  QbRequestProcessorError,
} from './request-errors';
import { rq, single } from '../testing/qbxml-test-kit';
import { smallCompany } from '../testing/companies';

const valid =
  '<CustomerQueryRq requestID="1"><MaxReturned>1</MaxReturned></CustomerQueryRq>';

async function refusal(promise: Promise<unknown>): Promise<QbRequestProcessorError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof QbRequestProcessorError) return err;
    throw err;
  }
  throw new Error('the request was answered instead of refused');
}

describe('CompanyFile: the request processor refuses what QuickBooks cannot parse', () => {
  const company = smallCompany();
  const session = company.beginSession();

  it('answers a valid request', async () => {
    const rs = single(await company.handleRequest(rq(valid), session));

    expect(rs.name).toBe('CustomerQueryRs');
    expect(rs.attrs['statusCode']).toBe('0');
  });

  const withTaxIncluded = rq(
    '<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>Harbor Line Electric</FullName></CustomerRef>' +
      '<IsTaxIncluded>true</IsTaxIncluded></InvoiceAdd></InvoiceAddRq>',
  );

  it.each([
    [
      'elements out of schema order',
      rq(
        '<CustomerQueryRq><ActiveStatus>All</ActiveStatus><MaxReturned>1</MaxReturned></CustomerQueryRq>',
      ),
    ],
    ['an unknown element', rq('<CustomerQueryRq><Colour>red</Colour></CustomerQueryRq>')],
    ['no XML declaration', rq(valid).replace(/^<\?xml[^>]*\?>\n/, '')],
    ['no qbxml instruction', rq(valid).replace(/<\?qbxml[^>]*\?>\n/, '')],
    ['a version above what this QuickBooks supports', rq(valid, { version: '14.0' })],
    [
      'an element newer than the declared version',
      rq(
        '<InvoiceQueryRq><IncludeRetElement>TxnID</IncludeRetElement></InvoiceQueryRq>',
        { version: '3.0' },
      ),
    ],
    ['an element the US edition does not have (IsTaxIncluded)', withTaxIncluded],
    ['malformed XML', rq(valid).replace('</QBXML>', '')],
    [
      'a raw non-ASCII character',
      rq('<CustomerQueryRq><FullName>Café Gagné</FullName></CustomerQueryRq>'),
    ],
    ['text before the declaration', ` ${rq(valid)}`],
  ])('refuses %s with HRESULT 0x80040400', async (_, request) => {
    const err = await refusal(company.handleRequest(request, session));

    expect(err.hresult).toBe(PARSE_ERROR_HRESULT);
    expect(err.message).toBe(PARSE_ERROR_MESSAGE);
    expect(err.details.length).toBeGreaterThan(0);
  });

  it('accepts the same IsTaxIncluded in a Canadian file', async () => {
    const canadian = smallCompany({ country: 'CA' });
    const rs = single(
      await canadian.handleRequest(withTaxIncluded, canadian.beginSession()),
    );

    expect(rs.attrs['statusCode']).toBe('0');
  });

  it('leaves nothing half done when a message set is refused', async () => {
    const before = company.data.list('Customer').length;
    const request = rq(
      '<CustomerAddRq><CustomerAdd><Name>New one</Name></CustomerAdd></CustomerAddRq>' +
        '<CustomerQueryRq><Colour>red</Colour></CustomerQueryRq>',
    );

    await refusal(company.handleRequest(request, session));

    expect(company.data.list('Customer')).toHaveLength(before);
  });

  it('accepts raw accented text when the file is set to', async () => {
    const lenient = smallCompany({ rawNonAscii: 'accept' });
    const rs = single(
      await lenient.handleRequest(
        rq('<CustomerQueryRq><FullName>Café Gagné</FullName></CustomerQueryRq>'),
        lenient.beginSession(),
      ),
    );

    expect(rs.attrs['statusCode']).toBe('500');
  });

  it('refuses requests on a closed request-processor session', async () => {
    const closed = company.beginSession();
    closed.end();

    const err = await refusal(company.handleRequest(rq(valid), closed));

    expect(err.hresult).toBe('0x8004040D');
  });
});
