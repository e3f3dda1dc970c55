import { buildRequestXml } from '../lib/requests/build-request';
import type { CustomerQueryRequest } from '../lib/requests/request-types';
import {
  createResponseStream,
  parseResponseXml,
  recordsOf,
} from '../lib/responses/parse-response';
import { readCase } from '../testing/shared-fixtures';

const CASE = '020-iterator-large-import';
const US13 = { version: '13.0', country: 'US' as const };
const ITERATOR = '{eb05f701-e727-472f-8ade-6753c4f67a46}';

function page(file: string) {
  const text = readCase(CASE, file)
    .replace(/\{\{REQID\}\}/g, 'cust-1')
    .replace(/\{\{ITER\}\}/g, ITERATOR);
  return parseResponseXml(text)[0];
}

/** The qbXML of case 020's generator (N customers in one response; ~7 MB escaped in SOAP). */
function bigResponse(count: number): string {
  const rets: string[] = [];
  for (let i = 1; i <= count; i++) {
    const n = String(i).padStart(5, '0');
    rets.push(
      `<CustomerRet><ListID>8${i.toString(16).toUpperCase().padStart(7, '0')}-1716305000</ListID><EditSequence>1717243200</EditSequence>` +
        `<Name>Bulk Customer ${n}</Name><FullName>Bulk Customer ${n}</FullName><IsActive>true</IsActive><Sublevel>0</Sublevel>` +
        `<BillAddress><Addr1>${i} Test Street</Addr1><City>Sampletown</City><State>ZZ</State><PostalCode>00000</PostalCode></BillAddress>` +
        `<Phone>555-0100</Phone><Balance>0.00</Balance><TotalBalance>0.00</TotalBalance><JobStatus>None</JobStatus></CustomerRet>`,
    );
  }
  return (
    '<?xml version="1.0" ?>\n<QBXML><QBXMLMsgsRs><CustomerQueryRs requestID="big" statusCode="0" statusSeverity="Info" statusMessage="Status OK">' +
    rets.join('') +
    '</CustomerQueryRs></QBXMLMsgsRs></QBXML>'
  );
}

describe('case 020: iterators, empty results and large responses', () => {
  it('continues with the same filters as the start, changing only the iterator attributes', () => {
    const filters = {
      MaxReturned: 3,
      ActiveStatus: 'All' as const,
      FromModifiedDate: '2024-06-01T08:00:00-05:00',
    };
    const start: CustomerQueryRequest = {
      type: 'CustomerQuery',
      requestID: 'cust-1',
      iterator: 'Start',
      ...filters,
    };
    const next: CustomerQueryRequest = {
      type: 'CustomerQuery',
      requestID: 'cust-1',
      iterator: 'Continue',
      iteratorID: ITERATOR,
      ...filters,
    };

    const first = buildRequestXml([start], { target: US13 });
    const second = buildRequestXml([next], { target: US13 });

    expect(second).toContain(`iterator="Continue" iteratorID="${ITERATOR}"`);
    expect(
      second.replace(
        ` iterator="Continue" iteratorID="${ITERATOR}"`,
        ' iterator="Start"',
      ),
    ).toBe(first);
    expect(first).toContain('<MaxReturned>3</MaxReturned>');
    expect(first).toContain('<ActiveStatus>All</ActiveStatus>');
  });

  it('reads three pages: 7 distinct customers, remaining 4, 1, 0', () => {
    const pages = ['page1.qbxml', 'page2.qbxml', 'page3-last.qbxml'].map(page);
    const names = pages.flatMap((p) =>
      recordsOf(p, 'CustomerQueryRs').map((c) => c.Name),
    );

    expect(pages.map((p) => p.iteratorRemainingCount)).toEqual([4, 1, 0]);
    expect(
      pages.every((p) => p.iteratorID === ITERATOR && p.ok && p.requestID === 'cust-1'),
    ).toBe(true);
    expect(names).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => `Test Customer 0000${i}`));
    expect(
      new Set(
        pages.flatMap((p) => p.records.map((r) => (r as { ListID: string }).ListID)),
      ).size,
    ).toBe(7);
  });

  it('treats status 1 "no match" as an empty success', () => {
    const empty = page('empty-status1.qbxml');

    expect(empty).toMatchObject({
      statusCode: 1,
      statusSeverity: 'Info',
      ok: true,
      records: [],
      iteratorRemainingCount: 0,
    });
  });

  it('parses a 15,000-customer response (the size case 020 posts) in one pass, or streamed', () => {
    const xml = bigResponse(15000);
    let streamed = 0;

    const [response] = parseResponseXml(xml);
    const stream = createResponseStream({ onRecord: () => streamed++ });
    for (let i = 0; i < xml.length; i += 65536) stream.write(xml.slice(i, i + 65536));
    stream.close();

    expect(xml.length).toBeGreaterThan(6_500_000);
    expect(response.records).toHaveLength(15000);
    expect(recordsOf(response, 'CustomerQueryRs')[14999]).toMatchObject({
      Name: 'Bulk Customer 15000',
      BillAddress: { Addr1: '15000 Test Street' },
      Balance: '0.00',
      IsActive: true,
    });
    expect(streamed).toBe(15000);
  });
});
