import { generateCompany } from '../data/generator';
import { rq, responses, single, find, findAll } from '../testing/qbxml-test-kit';
import { smallCompany } from '../testing/companies';
import type { XmlElement } from '../xml/xml-tree';

const fullNames = (rs: XmlElement) =>
  rs.children.map((ret) => ret.children.find((c) => c.name === 'FullName')?.text);

describe('CompanyFile: list queries', () => {
  const company = smallCompany();
  const session = company.beginSession();
  const ask = async (body: string) =>
    single(await company.handleRequest(rq(body), session));

  it('returns active records only unless ActiveStatus says otherwise', async () => {
    const [active, all, inactive] = await Promise.all([
      ask('<CustomerQueryRq/>'),
      ask('<CustomerQueryRq><ActiveStatus>All</ActiveStatus></CustomerQueryRq>'),
      ask('<CustomerQueryRq><ActiveStatus>InactiveOnly</ActiveStatus></CustomerQueryRq>'),
    ]);

    expect(fullNames(active)).not.toContain('Maple Court HOA');
    expect(fullNames(all)).toContain('Maple Court HOA');
    expect(fullNames(inactive)).toEqual(['Maple Court HOA']);
  });

  it('lists jobs at any depth under their customer, with ParentRef and Sublevel', async () => {
    const rs = await ask(
      '<CustomerQueryRq><NameFilter><MatchCriterion>StartsWith</MatchCriterion><Name>kestrel</Name></NameFilter></CustomerQueryRq>',
    );
    const subJob = rs.children[2];

    expect(fullNames(rs)).toEqual([
      'Kestrel Apartments',
      'Kestrel Apartments:Unit 4B',
      'Kestrel Apartments:Unit 4B:Boiler room',
    ]);
    expect(find(subJob, 'Sublevel')).toBe('2');
    expect(
      find(
        subJob.children.find((c) => c.name === 'ParentRef')!,
        'FullName',
      ),
    ).toBe('Kestrel Apartments:Unit 4B');
  });

  it('finds by ListID and FullName whatever the active status', async () => {
    const hoa = company.data.find('Customer', 'Maple Court HOA')!;
    const [byId, byName] = await Promise.all([
      ask(`<CustomerQueryRq><ListID>${hoa.ListID}</ListID></CustomerQueryRq>`),
      ask('<CustomerQueryRq><FullName>maple court hoa</FullName></CustomerQueryRq>'),
    ]);

    expect(fullNames(byId)).toEqual(['Maple Court HOA']);
    expect(fullNames(byName)).toEqual(['Maple Court HOA']);
  });

  it('warns with 500 for names it cannot find, and answers 3120 for an unknown ListID', async () => {
    const [partial, missingName, missingId] = await Promise.all([
      ask(
        '<CustomerQueryRq><FullName>Harbor Line Electric</FullName><FullName>bleech</FullName></CustomerQueryRq>',
      ),
      ask('<CustomerQueryRq><FullName>bleech</FullName></CustomerQueryRq>'),
      ask('<CustomerQueryRq><ListID>8000FFFF-1405768916</ListID></CustomerQueryRq>'),
    ]);

    expect([partial.attrs['statusCode'], partial.attrs['statusSeverity']]).toEqual([
      '500',
      'Warn',
    ]);
    expect(partial.attrs['statusMessage']).toContain('"bleech"');
    expect(fullNames(partial)).toEqual(['Harbor Line Electric']);
    expect(missingName.attrs['statusCode']).toBe('500');
    expect(missingName.children).toHaveLength(0);
    expect(missingId.attrs['statusCode']).toBe('3120');
    expect(missingId.attrs['statusSeverity']).toBe('Error');
  });

  it('answers status 1 when a filter matches nothing', async () => {
    const rs = await ask(
      '<CustomerQueryRq><FromModifiedDate>2030-01-01T00:00:00</FromModifiedDate></CustomerQueryRq>',
    );

    expect(rs.attrs).toMatchObject({ statusCode: '1', statusSeverity: 'Info' });
    expect(rs.attrs['statusMessage']).toBe(
      'A query request did not find a matching object in QuickBooks',
    );
  });

  it('filters on modification time, read as the QuickBooks PC’s wall clock', async () => {
    const listed = await ask(
      '<CustomerQueryRq><FullName>Harbor Line Electric</FullName></CustomerQueryRq>',
    );
    const printed = find(listed, 'TimeModified')!;
    const wallClock = printed.slice(0, 19);

    const rs = await ask(
      `<CustomerQueryRq><FromModifiedDate>${printed}</FromModifiedDate><ToModifiedDate>${wallClock}</ToModifiedDate></CustomerQueryRq>`,
    );

    // May is daylight-saving time in New York (UTC-4), yet QuickBooks prints -05:00.
    expect(printed.slice(19)).toBe('-05:00');
    expect(fullNames(rs)).toEqual(['Harbor Line Electric']);
  });

  it('trims each Ret to IncludeRetElement and honours MaxReturned', async () => {
    const rs = await ask(
      '<ItemQueryRq><MaxReturned>1</MaxReturned><IncludeRetElement>ListID</IncludeRetElement><IncludeRetElement>FullName</IncludeRetElement></ItemQueryRq>',
    );

    expect(rs.children).toHaveLength(1);
    expect(rs.children[0].children.map((c) => c.name)).toEqual(['ListID', 'FullName']);
  });

  it('answers every item kind in one ItemQuery, and one kind in a typed query', async () => {
    const [all, services] = await Promise.all([
      ask('<ItemQueryRq/>'),
      ask('<ItemServiceQueryRq/>'),
    ]);

    expect(new Set(all.children.map((c) => c.name))).toEqual(
      new Set(['ItemServiceRet', 'ItemInventoryRet', 'ItemSalesTaxRet']),
    );
    expect(services.name).toBe('ItemServiceQueryRs');
    expect(services.children.map((c) => c.name)).toEqual(['ItemServiceRet']);
  });

  it('drops elements the declared qbXML version does not have yet', async () => {
    company.data.modify(company.data.find('Customer', 'Kestrel Apartments')!.ListID, {
      refs: { ClassRef: 'Residential' },
    });
    const [v13, v11] = await Promise.all([
      company.handleRequest(
        rq('<CustomerQueryRq><FullName>Kestrel Apartments</FullName></CustomerQueryRq>'),
        session,
      ),
      company.handleRequest(
        rq('<CustomerQueryRq><FullName>Kestrel Apartments</FullName></CustomerQueryRq>', {
          version: '11.0',
        }),
        session,
      ),
    ]);

    expect(findAll(single(v13), 'ClassRef')).toHaveLength(1);
    expect(findAll(single(v11), 'ClassRef')).toHaveLength(0);
  });

  it('answers classes, sites and sales tax codes', async () => {
    const [classes, sites, codes] = await Promise.all([
      ask('<ClassQueryRq/>'),
      ask('<InventorySiteQueryRq/>'),
      ask('<SalesTaxCodeQueryRq/>'),
    ]);

    expect(fullNames(classes)).toEqual(['Commercial', 'Residential']);
    expect(find(sites, 'Name')).toBe('Main warehouse');
    expect(codes.children.map((c) => find(c, 'Name'))).toEqual(['Non', 'Tax']);
  });

  it('refuses inventory sites when the edition has no Advanced Inventory (3250)', async () => {
    const pro = smallCompany({ inventorySites: false });
    const rs = single(
      await pro.handleRequest(rq('<InventorySiteQueryRq/>'), pro.beginSession()),
    );

    expect(rs.attrs['statusCode']).toBe('3250');
  });

  it('answers requests it does not model as an empty query or an unavailable feature', async () => {
    const [bills, vendor] = responses(
      await company.handleRequest(
        rq(
          '<BillQueryRq/><VendorAddRq><VendorAdd><Name>Acme Supply</Name></VendorAdd></VendorAddRq>',
          { onError: 'continueOnError' },
        ),
        session,
      ),
    );

    expect(bills.attrs['statusCode']).toBe('1');
    expect(vendor.attrs['statusCode']).toBe('3250');
  });
});

describe('CompanyFile: iterators', () => {
  const company = generateCompany({ customers: 23, seed: 'iterators' });
  const start = (max: number) =>
    rq(
      `<CustomerQueryRq requestID="7" iterator="Start"><MaxReturned>${max}</MaxReturned><ActiveStatus>All</ActiveStatus></CustomerQueryRq>`,
    );
  const next = (id: string, max: number) =>
    rq(
      `<CustomerQueryRq requestID="8" iterator="Continue" iteratorID="${id}"><MaxReturned>${max}</MaxReturned><ActiveStatus>All</ActiveStatus></CustomerQueryRq>`,
    );

  it('pages with iteratorRemainingCount and forgets the iterator after the last page', async () => {
    const session = company.beginSession();
    const first = single(await company.handleRequest(start(10), session));
    const id = first.attrs['iteratorID'];
    const second = single(await company.handleRequest(next(id, 10), session));
    const third = single(await company.handleRequest(next(id, 10), session));
    const after = single(await company.handleRequest(next(id, 10), session));

    expect(id).toMatch(/^\{[0-9a-f-]{36}\}$/);
    expect([first, second, third].map((r) => r.attrs['iteratorRemainingCount'])).toEqual([
      '13',
      '3',
      '0',
    ]);
    expect([first, second, third].map((r) => r.children.length)).toEqual([10, 10, 3]);
    expect(second.attrs['requestID']).toBe('8');
    expect(after.attrs['statusCode']).toBe('3391');
    expect(after.attrs['statusMessage']).toBe(`The iteratorID "${id}" is not valid.`);
  });

  it('hands out every record exactly once', async () => {
    const session = company.beginSession();
    const seen: string[] = [];
    let rs = single(await company.handleRequest(start(4), session));
    seen.push(...rs.children.map((c) => find(c, 'ListID')!));
    while (rs.attrs['iteratorRemainingCount'] !== '0') {
      rs = single(await company.handleRequest(next(rs.attrs['iteratorID'], 4), session));
      seen.push(...rs.children.map((c) => find(c, 'ListID')!));
    }

    expect(seen).toHaveLength(company.data.list('Customer').length);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('cannot be continued once the session ended (3391)', async () => {
    const session = company.beginSession();
    const first = single(await company.handleRequest(start(5), session));
    session.end();
    const later = company.beginSession();

    const rs = single(
      await company.handleRequest(next(first.attrs['iteratorID'], 5), later),
    );

    expect(rs.attrs['statusCode']).toBe('3391');
    expect(rs.attrs['statusSeverity']).toBe('Error');
  });

  it('answers status 1 with an iterator when nothing matches', async () => {
    const session = company.beginSession();
    const rs = single(
      await company.handleRequest(
        rq(
          '<CustomerQueryRq iterator="Start"><MaxReturned>5</MaxReturned><FromModifiedDate>2035-01-01</FromModifiedDate></CustomerQueryRq>',
        ),
        session,
      ),
    );

    expect(rs.attrs).toMatchObject({ statusCode: '1', iteratorRemainingCount: '0' });
    expect(rs.attrs['iteratorID']).toBeDefined();
  });

  it('stops an iterator on request and counts with metaData', async () => {
    const session = company.beginSession();
    const first = single(await company.handleRequest(start(5), session));
    const stop = single(
      await company.handleRequest(
        rq(
          `<CustomerQueryRq iterator="Stop" iteratorID="${first.attrs['iteratorID']}"/>`,
        ),
        session,
      ),
    );
    const counted = single(
      await company.handleRequest(
        rq(
          '<CustomerQueryRq metaData="MetaDataOnly"><ActiveStatus>All</ActiveStatus></CustomerQueryRq>',
        ),
        session,
      ),
    );

    expect(stop.attrs['statusCode']).toBe('0');
    expect(
      single(await company.handleRequest(next(first.attrs['iteratorID'], 5), session))
        .attrs['statusCode'],
    ).toBe('3391');
    expect(counted.attrs['retCount']).toBe(String(company.data.list('Customer').length));
    expect(counted.children).toHaveLength(0);
  });
});
