import { caPremierSettings } from './company-settings';
import { CompanyFile } from './company-file';
import { rq, responses, single, find, findAll } from '../testing/qbxml-test-kit';
import { smallCompany, steppingClock } from '../testing/companies';
import type { XmlElement } from '../xml/xml-tree';

const invoiceAdd = (header: string, lines = '', tail = '') =>
  `<InvoiceAddRq requestID="inv"><InvoiceAdd>${header}${lines}</InvoiceAdd>${tail}</InvoiceAddRq>`;
const customer = (name: string) =>
  `<CustomerRef><FullName>${name}</FullName></CustomerRef>`;
const line = (item: string, quantity: string, extra = '') =>
  `<InvoiceLineAdd><ItemRef><FullName>${item}</FullName></ItemRef><Quantity>${quantity}</Quantity>${extra}</InvoiceLineAdd>`;
const status = (rs: XmlElement) => [rs.attrs['statusCode'], rs.attrs['statusSeverity']];

describe('CompanyFile: adds and mods', () => {
  const company = smallCompany();
  const session = company.beginSession();
  const send = async (body: string) =>
    single(await company.handleRequest(rq(body), session));

  it('adds a job under a customer with ParentRef, FullName and Sublevel', async () => {
    const rs = await send(
      '<CustomerAddRq><CustomerAdd><Name>Unit 7C</Name><ParentRef><FullName>Kestrel Apartments</FullName></ParentRef><Phone>802-555-0100</Phone></CustomerAdd></CustomerAddRq>',
    );

    expect(status(rs)).toEqual(['0', 'Info']);
    const job = rs.children[0];
    const parent = job.children.find((c) => c.name === 'ParentRef')!;

    expect(find(parent, 'FullName')).toBe('Kestrel Apartments');
    expect(find(job, 'Sublevel')).toBe('1');
    expect(find(job, 'FullName')).toBe('Kestrel Apartments:Unit 7C');
    expect(find(rs, 'ListID')).toMatch(/^8[0-9A-F]{7}-\d{10}$/);
  });

  it('refuses a name already in use (3100), case-insensitively', async () => {
    const rs = await send(
      '<CustomerAddRq><CustomerAdd><Name>harbor line electric</Name></CustomerAdd></CustomerAddRq>',
    );

    expect(status(rs)).toEqual(['3100', 'Error']);
    expect(rs.attrs['statusMessage']).toBe(
      'The name "harbor line electric" of the list element is already in use.',
    );
  });

  it('refuses unknown or inactive references (3140) and malformed ListIDs (3000)', async () => {
    const [unknownName, unknownId, inactive, empty] = await Promise.all([
      send(invoiceAdd(customer('Nobody Inc'))),
      send(invoiceAdd('<CustomerRef><ListID>8000ABCD-1716300000</ListID></CustomerRef>')),
      send(invoiceAdd(customer('Harbor Line Electric'), line('Old model', '1'))),
      send(invoiceAdd('<CustomerRef><ListID></ListID></CustomerRef>')),
    ]);

    expect(status(unknownName)).toEqual(['3140', 'Error']);
    expect(unknownName.attrs['statusMessage']).toContain(
      'QuickBooks Customer "Nobody Inc" in the Invoice',
    );
    expect(unknownId.attrs['statusCode']).toBe('3140');
    expect(inactive.attrs['statusMessage']).toContain(
      'Item "Old model" in the Invoice line',
    );
    expect(empty.attrs['statusMessage']).toBe(
      'The given object ID "" in the field "list id" is invalid.',
    );
    expect(company.data.transactions('Invoice')).toHaveLength(0);
  });

  it('refuses over-long values with 3070 and counts a character reference as one', async () => {
    const [tooLong, fits] = await Promise.all([
      send(
        invoiceAdd(
          `${customer('Harbor Line Electric')}<RefNumber>FS-1234567890</RefNumber>`,
        ),
      ),
      send(
        `<CustomerAddRq><CustomerAdd><Name>${'&#233;'.repeat(41)}</Name></CustomerAdd></CustomerAddRq>`,
      ),
    ]);

    expect(status(tooLong)).toEqual(['3070', 'Error']);
    expect(tooLong.attrs['statusMessage']).toContain('"RefNumber"');
    expect(status(fits)).toEqual(['0', 'Info']);
  });

  it('computes lines as QuickBooks does: item price and description, Quantity × Rate half-up, US tax', async () => {
    const rs = await send(
      invoiceAdd(
        `${customer('Harbor Line Electric')}<RefNumber>FS-10231</RefNumber>`,
        line('Breaker 20A', '3') +
          line('Panel inspection', '1.75', '<Rate>110.00</Rate>') +
          line('Panel inspection', '3', '<Rate>12.3456</Rate>') +
          '<InvoiceLineAdd><Desc>Note only</Desc></InvoiceLineAdd>',
      ),
    );
    const lines = findAll(rs, 'InvoiceLineRet');

    expect(status(rs)).toEqual(['0', 'Info']);
    expect(
      lines.map((l) => [find(l, 'Desc'), find(l, 'Rate'), find(l, 'Amount')]),
    ).toEqual([
      ['Breaker 20A', '50.00', '150.00'],
      ['Panel inspection', '110.00', '192.50'],
      ['Panel inspection', '12.3456', '37.04'],
      ['Note only', undefined, undefined],
    ]);
    // Only the breaker is taxable (code "Tax"); 6 % of 150.00.
    expect(find(rs, 'Subtotal')).toBe('379.54');
    expect(find(rs, 'SalesTaxPercentage')).toBe('6.00');
    expect(find(rs, 'SalesTaxTotal')).toBe('9.00');
    expect(find(rs, 'BalanceRemaining')).toBe('388.54');
    expect(company.data.find('Item', 'Breaker 20A')?.values['QuantityOnHand']).toBe('37');
    expect(company.data.findTxn('Invoice', find(rs, 'TxnID')!)).toMatchObject({
      refNumber: 'FS-10231',
      customer: 'Harbor Line Electric',
      subtotal: '379.54',
      total: '388.54',
      lines: expect.arrayContaining([
        {
          item: 'Breaker 20A',
          desc: 'Breaker 20A',
          quantity: '3',
          rate: '50.00',
          amount: '150.00',
        },
      ]),
    });
  });

  it('numbers documents after the last numeric reference, keeping prefix and padding', async () => {
    const first = await send(
      invoiceAdd(`${customer('Kestrel Apartments')}<RefNumber>INV-0099</RefNumber>`),
    );
    const second = await send(invoiceAdd(customer('Kestrel Apartments')));
    const named = await send(
      invoiceAdd(`${customer('Kestrel Apartments')}<RefNumber>DEPOSIT</RefNumber>`),
    );
    const third = await send(invoiceAdd(customer('Kestrel Apartments')));

    expect([first, second, named, third].map((r) => find(r, 'RefNumber'))).toEqual([
      'INV-0099',
      'INV-0100',
      'DEPOSIT',
      'INV-0101',
    ]);
    expect(Number(find(third, 'TxnNumber'))).toBe(Number(find(first, 'TxnNumber')) + 3);
  });

  it('keeps ExternalGUID and returns it from a query by RefNumber', async () => {
    const guid = '{6F9619FF-8B86-D011-B42D-00C04FC964FF}';
    await send(
      invoiceAdd(
        `${customer('Harbor Line Electric')}<RefNumber>FS-10442</RefNumber><ExternalGUID>${guid}</ExternalGUID>`,
      ),
    );

    const rs = await send(
      '<InvoiceQueryRq><RefNumber>fs-10442</RefNumber></InvoiceQueryRq>',
    );

    expect(find(rs, 'ExternalGUID')).toBe(guid);
    expect(findAll(rs, 'InvoiceLineRet')).toHaveLength(0);
  });

  it('stores text outside Windows-1252 as "?" and returns the rest as numeric references', async () => {
    const rs = await send(
      invoiceAdd(
        customer('Harbor Line Electric'),
        '<InvoiceLineAdd><Desc>Gagn&#233; &#8217;&#937;&#8217; Nguy&#7877;n &#128077;</Desc></InvoiceLineAdd>',
      ),
    );
    const raw = await company.handleRequest(
      rq(
        `<InvoiceQueryRq><TxnID>${find(rs, 'TxnID')}</TxnID><IncludeLineItems>true</IncludeLineItems></InvoiceQueryRq>`,
      ),
      session,
    );

    // &#146; is the Windows-1252 byte of ’; a strict XML reader turns it into U+0092.
    expect(find(rs, 'Desc')).toBe('Gagné \u0092?\u0092 Nguy?n ?');
    expect(raw).toContain('<Desc>Gagn&#233; &#146;?&#146; Nguy?n ?</Desc>');
  });

  it('modifies with the current EditSequence and refuses a stale one (3200)', async () => {
    const harbor = company.data.find('Customer', 'Harbor Line Electric')!;
    const old = harbor.EditSequence;
    const mod = (editSequence: string) =>
      `<CustomerModRq><CustomerMod><ListID>${harbor.ListID}</ListID><EditSequence>${editSequence}</EditSequence><Phone>802-555-0199</Phone></CustomerMod></CustomerModRq>`;

    const ok = await send(mod(old));
    const stale = await send(mod(old));

    expect(status(ok)).toEqual(['0', 'Info']);
    expect(find(ok, 'EditSequence')).not.toBe(old);
    expect(find(ok, 'Phone')).toBe('802-555-0199');
    expect(status(stale)).toEqual(['3200', 'Error']);
    expect(stale.attrs['statusMessage']).toBe(
      `The provided edit sequence "${old}" is out-of-date. `,
    );
  });

  it('answers 3120 for a Mod of a record that does not exist', async () => {
    const rs = await send(
      '<InvoiceModRq><InvoiceMod><TxnID>3D0-1716000000</TxnID><EditSequence>1</EditSequence></InvoiceMod></InvoiceModRq>',
    );

    expect(rs.attrs).toMatchObject({
      statusCode: '3120',
      statusMessage: 'Object "3D0-1716000000" specified in the request cannot be found.',
    });
  });

  it('replaces lines on InvoiceMod: kept lines by TxnLineID, new ones with -1, others removed', async () => {
    const added = await send(
      invoiceAdd(
        customer('Kestrel Apartments:Unit 4B'),
        line('Panel inspection', '1') + line('Breaker 20A', '1'),
      ),
    );
    const [keep] = findAll(added, 'TxnLineID').map((e) => e.text);
    const rs = await send(
      `<InvoiceModRq><InvoiceMod><TxnID>${find(added, 'TxnID')}</TxnID><EditSequence>${find(added, 'EditSequence')}</EditSequence>` +
        `<Memo>Office note</Memo><InvoiceLineMod><TxnLineID>${keep}</TxnLineID><Quantity>2</Quantity></InvoiceLineMod>` +
        '<InvoiceLineMod><TxnLineID>-1</TxnLineID><Desc>Extra visit</Desc><Amount>45.00</Amount></InvoiceLineMod></InvoiceMod></InvoiceModRq>',
    );
    const lines = findAll(rs, 'InvoiceLineRet');

    expect(status(rs)).toEqual(['0', 'Info']);
    expect(lines.map((l) => [find(l, 'TxnLineID') === keep, find(l, 'Amount')])).toEqual([
      [true, '300.00'],
      [false, '45.00'],
    ]);
    expect(find(rs, 'Memo')).toBe('Office note');
    expect(find(rs, 'Subtotal')).toBe('345.00');
  });

  it('expands a group line into its members, scaled by the group quantity', async () => {
    company.data.add('ItemGroup', {
      name: 'Panel upgrade kit',
      values: { ItemDesc: 'Inspection and breakers', IsPrintItemsInGroup: 'true' },
      lines: [
        { item: 'Panel inspection', quantity: '1' },
        { item: 'Breaker 20A', quantity: '2' },
      ],
    });
    const rs = await send(
      invoiceAdd(
        customer('Harbor Line Electric'),
        '<InvoiceLineGroupAdd><ItemGroupRef><FullName>Panel upgrade kit</FullName></ItemGroupRef><Quantity>2</Quantity></InvoiceLineGroupAdd>',
      ),
    );
    const groupRet = findAll(rs, 'InvoiceLineGroupRet')[0];
    const members = findAll(groupRet, 'InvoiceLineRet');

    expect(status(rs)).toEqual(['0', 'Info']);
    expect(groupRet.children.map((c) => c.name).slice(0, 6)).toEqual([
      'TxnLineID',
      'ItemGroupRef',
      'Desc',
      'Quantity',
      'IsPrintItemsInGroup',
      'TotalAmount',
    ]);
    expect(
      members.map((m) => [find(m, 'FullName'), find(m, 'Quantity'), find(m, 'Amount')]),
    ).toEqual([
      ['Panel inspection', '2', '300.00'],
      ['Breaker 20A', '4', '200.00'],
    ]);
    expect(find(groupRet, 'TotalAmount')).toBe('500.00');
    expect(find(rs, 'Subtotal')).toBe('500.00');
  });

  it('refuses a group line that names an item which is not a group (3140)', async () => {
    const rs = await send(
      invoiceAdd(
        customer('Harbor Line Electric'),
        '<InvoiceLineGroupAdd><ItemGroupRef><FullName>Breaker 20A</FullName></ItemGroupRef></InvoiceLineGroupAdd>',
      ),
    );

    expect(rs.attrs['statusCode']).toBe('3140');
  });

  it('stops at the first error with stopOnError and answers everything with continueOnError', async () => {
    const body =
      '<CustomerQueryRq requestID="a"><FullName>Harbor Line Electric</FullName></CustomerQueryRq>' +
      '<CustomerAddRq requestID="b"><CustomerAdd><Name>Harbor Line Electric</Name></CustomerAdd></CustomerAddRq>' +
      '<ClassQueryRq requestID="c"/>';
    const stopped = responses(await company.handleRequest(rq(body), session));
    const continued = responses(
      await company.handleRequest(rq(body, { onError: 'continueOnError' }), session),
    );

    expect(stopped.map((r) => r.attrs['requestID'])).toEqual(['a', 'b']);
    expect(continued.map((r) => [r.attrs['requestID'], r.attrs['statusCode']])).toEqual([
      ['a', '0'],
      ['b', '3100'],
      ['c', '0'],
    ]);
  });

  it('refuses class references when class tracking is off, and sales orders on Pro (3250)', async () => {
    const pro = smallCompany({ classTracking: false, salesOrders: false });
    const [classRef, salesOrder] = responses(
      await pro.handleRequest(
        rq(
          invoiceAdd(
            `${customer('Harbor Line Electric')}<ClassRef><FullName>Residential</FullName></ClassRef>`,
          ) +
            `<SalesOrderAddRq><SalesOrderAdd>${customer('Harbor Line Electric')}${line('Panel inspection', '1').replace(/InvoiceLineAdd/g, 'SalesOrderLineAdd')}</SalesOrderAdd></SalesOrderAddRq>`,
          { onError: 'continueOnError' },
        ),
        pro.beginSession(),
      ),
    );

    expect(classRef.attrs['statusCode']).toBe('3250');
    expect(salesOrder.attrs['statusCode']).toBe('3250');
  });
});

describe('CompanyFile: sales orders and deletions', () => {
  const company = smallCompany();
  const session = company.beginSession();
  const send = async (body: string) =>
    single(await company.handleRequest(rq(body), session));
  const soLine = (item: string, quantity: string, extra = '') =>
    `<SalesOrderLineAdd><ItemRef><FullName>${item}</FullName></ItemRef><Quantity>${quantity}</Quantity>${extra}</SalesOrderLineAdd>`;

  it('adds a sales order with class and site on its lines, and reserves the stock', async () => {
    const rs = await send(
      `<SalesOrderAddRq><SalesOrderAdd>${customer('Kestrel Apartments:Unit 4B')}<RefNumber>SO-3301</RefNumber>` +
        soLine(
          'Breaker 20A',
          '4',
          '<ClassRef><FullName>Residential</FullName></ClassRef><InventorySiteRef><FullName>Main warehouse</FullName></InventorySiteRef>',
        ) +
        '</SalesOrderAdd></SalesOrderAddRq>',
    );
    const lineRet = findAll(rs, 'SalesOrderLineRet')[0];

    expect(status(rs)).toEqual(['0', 'Info']);
    expect(
      find(
        lineRet.children.find((c) => c.name === 'ClassRef')!,
        'FullName',
      ),
    ).toBe('Residential');
    expect(
      find(
        lineRet.children.find((c) => c.name === 'InventorySiteRef')!,
        'FullName',
      ),
    ).toBe('Main warehouse');
    expect(find(rs, 'TotalAmount')).toBe('200.00');
    expect(company.data.find('Item', 'Breaker 20A')?.values['QuantityOnSalesOrder']).toBe(
      '4',
    );
  });

  it('refuses a Mod after an office edit (3200), then accepts it with the EditSequence from a fresh query', async () => {
    const order = company.data.findTxnByRefNumber('SalesOrder', 'SO-3301')[0];
    const before = order.EditSequence;
    company.data.modifyTxn(order.TxnID, { Memo: 'Office: morning slot' });
    const mod = (editSequence: string) =>
      `<SalesOrderModRq><SalesOrderMod><TxnID>${order.TxnID}</TxnID><EditSequence>${editSequence}</EditSequence><PONumber>PO-77</PONumber></SalesOrderMod></SalesOrderModRq>`;

    const stale = await send(mod(before));
    const fresh = await send(
      `<SalesOrderQueryRq><TxnID>${order.TxnID}</TxnID><IncludeLineItems>true</IncludeLineItems></SalesOrderQueryRq>`,
    );
    const retried = await send(mod(find(fresh, 'EditSequence')!));

    expect(stale.attrs['statusCode']).toBe('3200');
    expect(findAll(fresh, 'SalesOrderLineRet')).toHaveLength(1);
    expect(status(retried)).toEqual(['0', 'Info']);
    expect([find(retried, 'Memo'), find(retried, 'PONumber')]).toEqual([
      'Office: morning slot',
      'PO-77',
    ]);
  });

  it('logs deleted list records and transactions for ListDeletedQuery and TxnDeletedQuery', async () => {
    const unit = company.data.find('Customer', 'Kestrel Apartments:Unit 4B')!;
    const order = company.data.findTxnByRefNumber('SalesOrder', 'SO-3301')[0];
    company.data.deleteTxn(order.TxnID);
    company.data.deleteList(unit.ListID);

    const lists = await send(
      '<ListDeletedQueryRq><ListDelType>Customer</ListDelType></ListDeletedQueryRq>',
    );
    const txns = await send(
      '<TxnDeletedQueryRq><TxnDelType>SalesOrder</TxnDelType></TxnDeletedQueryRq>',
    );
    const items = await send(
      '<ListDeletedQueryRq><ListDelType>ItemService</ListDelType></ListDeletedQueryRq>',
    );

    expect(lists.children.map((r) => find(r, 'FullName'))).toEqual([
      'Kestrel Apartments:Unit 4B:Boiler room',
      'Kestrel Apartments:Unit 4B',
    ]);
    expect(find(txns, 'RefNumber')).toBe('SO-3301');
    expect(items.attrs['statusCode']).toBe('1');
  });
});

describe('CompanyFile: Canadian file', () => {
  const company = new CompanyFile(caPremierSettings(), { clock: steppingClock() });
  const data = company.data;
  data.add('ItemSalesTax', { name: 'GST', values: { TaxRate: '5.0' } });
  data.add('ItemSalesTax', { name: 'PST', values: { TaxRate: '7.0' } });
  data.add('ItemSalesTaxGroup', {
    name: 'GST+PST',
    lines: [{ item: 'GST' }, { item: 'PST' }],
  });
  data.add('SalesTaxCode', {
    name: 'S',
    values: { IsTaxable: 'true', Desc: 'GST and PST' },
    refs: { ItemSalesTaxRef: 'GST+PST' },
  });
  data.add('SalesTaxCode', {
    name: 'G',
    values: { IsTaxable: 'true', Desc: 'GST only' },
    refs: { ItemSalesTaxRef: 'GST' },
  });
  data.add('SalesTaxCode', { name: 'E', values: { IsTaxable: 'false', Desc: 'Exempt' } });
  data.add('Customer', { name: 'Plomberie Gagnon inc.' });
  data.add('ItemService', {
    name: 'Main-d\u2019œuvre',
    values: { 'SalesOrPurchase.Price': '80.00' },
  });
  const session = company.beginSession();
  const taxedLine = (code: string, quantity: string) =>
    line(
      'Main-d&#8217;&#339;uvre',
      quantity,
      `<SalesTaxCodeRef><FullName>${code}</FullName></SalesTaxCodeRef>`,
    );

  it('taxes each line by its own code', async () => {
    const rs = single(
      await company.handleRequest(
        rq(
          invoiceAdd(
            customer('Plomberie Gagnon inc.'),
            taxedLine('S', '2') + taxedLine('G', '1') + taxedLine('E', '1'),
          ),
        ),
        session,
      ),
    );

    // 160.00 × 12 % + 80.00 × 5 % + 0 = 19.20 + 4.00
    expect(find(rs, 'Subtotal')).toBe('320.00');
    expect(find(rs, 'SalesTaxTotal')).toBe('23.20');
    expect(findAll(rs, 'SalesTaxPercentage')).toHaveLength(0);
  });

  it('does not know the US codes Tax and Non (3140)', async () => {
    const rs = single(
      await company.handleRequest(
        rq(invoiceAdd(customer('Plomberie Gagnon inc.'), taxedLine('Tax', '1'))),
        session,
      ),
    );

    expect(rs.attrs['statusCode']).toBe('3140');
  });
});
