import type { InvoiceAddRequest, SalesOrderAddRequest } from '@qbd/qbxml';
import type { CustomerAddUnsent, DocumentParams, Unsent } from './document-params';
import {
  GUID,
  baseLinks,
  build,
  built,
  fileInfo,
  item,
  link,
  renderXml,
  settings,
  snapshot,
} from './testing/export-builders';

type Invoice = Unsent<InvoiceAddRequest>;
type SalesOrder = Unsent<SalesOrderAddRequest>;

type AnyDocument = Omit<Invoice, 'type'> & Omit<SalesOrder, 'type'> & { type: string };

function documentOf(params: DocumentParams) {
  return params.requests[params.requests.length - 1] as AnyDocument;
}

function twoLineTask() {
  return snapshot({
    items: [
      item({
        productId: 'pl-prod-1',
        description: 'Panel inspection',
        quantity: '2',
        unitPrice: '150',
      }),
      item({
        productId: 'pl-prod-2',
        description: 'Breaker 20A',
        quantity: '3',
        unitPrice: '50.00',
      }),
    ],
  });
}

describe('buildDocument: a plain invoice', () => {
  it('makes one InvoiceAdd to the linked customer with one line per linked item', () => {
    const { params } = built(build({ snapshot: twoLineTask() }));
    const invoice = documentOf(params);

    expect(params.requests).toHaveLength(1);
    expect(invoice.type).toBe('InvoiceAdd');
    expect(invoice.CustomerRef).toEqual({ ListID: '80000031-1716300000' });
    expect(invoice.TxnDate).toBe('2024-05-22');
    expect(invoice.InvoiceLineAdd).toEqual([
      {
        ItemRef: { ListID: '80000041-1716300100' },
        Desc: 'Panel inspection',
        Quantity: '2',
        Rate: '150.00',
      },
      {
        ItemRef: { ListID: '80000042-1716300101' },
        Desc: 'Breaker 20A',
        Quantity: '3',
        Rate: '50.00',
      },
    ]);
  });

  it('lets QuickBooks number it and stamps the export GUID, braced and upper-case', () => {
    const { params } = built(build({ snapshot: twoLineTask() }));
    const invoice = documentOf(params);

    expect(invoice.RefNumber).toBeUndefined();
    expect(invoice.ExternalGUID).toBe(`{${GUID.toUpperCase()}}`);
    expect(params.match).toEqual({
      externalGuid: `{${GUID.toUpperCase()}}`,
      refNumber: null,
      customer: { listId: '80000031-1716300000', fullName: 'Harbor Line Electric' },
      date: '2024-05-22',
      total: '450.00',
    });
  });

  it('finds the document again by customer and date when QuickBooks numbers it', () => {
    const { params } = built(build({ snapshot: twoLineTask() }));

    expect(params.lookup).toEqual({
      type: 'InvoiceQuery',
      TxnDateRangeFilter: { FromTxnDate: '2024-05-22', ToTxnDate: '2024-05-22' },
      EntityFilter: { ListID: ['80000031-1716300000'] },
    });
  });

  it('dates the document on the day it is built when the task gives no date', () => {
    const { params } = built(build({ snapshot: snapshot({ date: undefined }) }));

    expect(documentOf(params).TxnDate).toBe('2024-06-30');
    expect(params.match.date).toBe('2024-06-30');
  });

  it('sends no ExternalGUID to a file older than qbXML 9.0 and relies on the other fields', () => {
    const { params } = built(build({ fileInfo: fileInfo({ qbxmlVersion: '8.0' }) }));

    expect(documentOf(params).ExternalGUID).toBeUndefined();
    expect(params.match.externalGuid).toBeNull();
    expect(renderXml(params, fileInfo({ qbxmlVersion: '8.0' }))).not.toContain(
      'ExternalGUID',
    );
  });

  it('carries the PO number and memo, and the US sales tax item when the company sets one', () => {
    const task = snapshot({ poNumber: ' PO-7781 ', memo: 'Job 8841 - visit 2' });
    const { params } = built(
      build({ snapshot: task, settings: settings({ salesTaxItem: 'State Tax' }) }),
    );
    const invoice = documentOf(params);

    expect(invoice.PONumber).toBe('PO-7781');
    expect(invoice.Memo).toBe('Job 8841 - visit 2');
    expect(invoice.ItemSalesTaxRef).toEqual({ FullName: 'State Tax' });
  });
});

describe('buildDocument: a sales order', () => {
  it('makes a SalesOrderAdd with SalesOrderLineAdd lines and looks it up with SalesOrderQuery', () => {
    const { params } = built(
      build({ documentKind: 'salesOrder', snapshot: twoLineTask() }),
    );
    const order = documentOf(params);

    expect(order.type).toBe('SalesOrderAdd');
    expect(order.InvoiceLineAdd).toBeUndefined();
    expect(order.SalesOrderLineAdd).toHaveLength(2);
    expect(order.SalesOrderLineAdd?.[1]).toEqual({
      ItemRef: { ListID: '80000042-1716300101' },
      Desc: 'Breaker 20A',
      Quantity: '3',
      Rate: '50.00',
    });
    expect(params.lookup.type).toBe('SalesOrderQuery');
    expect(renderXml(params)).toContain('<SalesOrderAddRq requestID="req">');
  });
});

describe('buildDocument: lines without a QuickBooks item', () => {
  const task = snapshot({
    items: [
      item({ productId: 'pl-prod-1', description: 'Panel inspection', unitPrice: '150' }),
      item({ productId: undefined, description: 'Courtesy check', unitPrice: '0.00' }),
      item({ productId: 'pl-prod-1', description: 'Warranty part', unitPrice: '0' }),
    ],
  });

  it('puts an unlinked free line on as a description-only line when the company asks for them', () => {
    const { params, lineNumbers } = built(
      build({ snapshot: task, settings: settings({ syncZeroPriceUnlinkedItems: true }) }),
    );
    const lines = documentOf(params).InvoiceLineAdd!;

    expect(lines).toHaveLength(3);
    expect(lines[1]).toEqual({ Desc: 'Courtesy check' });
    expect(lineNumbers).toEqual([1, 2, 3]);
    expect(renderXml(params)).toMatch(
      /<InvoiceLineAdd>\s*<Desc>Courtesy check<\/Desc>\s*<\/InvoiceLineAdd>/,
    );
  });

  it('leaves an unlinked free line out otherwise, and keeps a linked item priced 0', () => {
    const { params, lineNumbers } = built(
      build({
        snapshot: task,
        settings: settings({ syncZeroPriceUnlinkedItems: false }),
      }),
    );
    const lines = documentOf(params).InvoiceLineAdd!;

    expect(lines.map((line) => line.Desc)).toEqual(['Panel inspection', 'Warranty part']);
    expect(lines[1]).toMatchObject({
      ItemRef: { ListID: '80000041-1716300100' },
      Rate: '0.00',
    });
    expect(lineNumbers).toEqual([1, 3]);
    expect(params.match.total).toBe('150.00');
  });

  it('treats a product that has no link like a line without product', () => {
    const unlinked = snapshot({
      items: [item({ productId: 'pl-prod-unknown', unitPrice: '0' }), item()],
    });
    const { params } = built(build({ snapshot: unlinked }));

    expect(documentOf(params).InvoiceLineAdd).toHaveLength(1);
  });

  it('refuses a task whose lines are all left out', () => {
    const result = build({
      snapshot: snapshot({ items: [item({ productId: undefined, unitPrice: '0' })] }),
    });

    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.code)).toEqual(['EXPORT_NO_LINES']);
  });
});

describe('buildDocument: a client not yet in QuickBooks', () => {
  const address = {
    line1: '12 Harbour Road',
    city: 'Halifax',
    province: 'NS',
    postalCode: 'B3H 1A1',
  };
  const newClient = snapshot({
    clientId: 'pl-client-9',
    clientName: 'Osprey Marina',
    clientAddress: address,
  });

  it('adds the customer first in the same message and refers to it by FullName', () => {
    const { params } = built(build({ snapshot: newClient }));
    const [customer, invoice] = params.requests as [CustomerAddUnsent, Invoice];

    expect(customer).toEqual({
      type: 'CustomerAdd',
      Name: 'Osprey Marina',
      BillAddress: {
        Addr1: 'Osprey Marina',
        Addr2: '12 Harbour Road',
        City: 'Halifax',
        State: 'NS',
        PostalCode: 'B3H 1A1',
      },
    });
    expect(invoice.CustomerRef).toEqual({ FullName: 'Osprey Marina' });
    expect(params.customerAdds).toEqual([
      { index: 0, kind: 'client', plId: 'pl-client-9', fullName: 'Osprey Marina' },
    ]);
    expect(params.match.customer).toEqual({ listId: null, fullName: 'Osprey Marina' });
    expect(params.lookup).toEqual({
      type: 'InvoiceQuery',
      TxnDateRangeFilter: { FromTxnDate: '2024-05-22', ToTxnDate: '2024-05-22' },
    });
  });

  it('adds the job of a named location under the new customer, parent by FullName', () => {
    const task = {
      ...newClient,
      locationId: 'pl-node-4',
      locationName: 'Dock B',
      locationAddress: { line1: '1 Pier St' },
    };
    const { params } = built(build({ snapshot: task }));
    const [customer, job, invoice] = params.requests as [
      CustomerAddUnsent,
      CustomerAddUnsent,
      Invoice,
    ];

    expect(customer.Name).toBe('Osprey Marina');
    expect(job).toMatchObject({
      Name: 'Dock B',
      ParentRef: { FullName: 'Osprey Marina' },
    });
    expect(job.ShipAddress).toEqual({ Addr1: 'Dock B', Addr2: '1 Pier St' });
    expect(invoice.CustomerRef).toEqual({ FullName: 'Osprey Marina:Dock B' });
    expect(params.customerAdds.map((add) => [add.index, add.kind, add.plId])).toEqual([
      [0, 'client', 'pl-client-9'],
      [1, 'location', 'pl-node-4'],
    ]);
  });

  it('adds only the job when the client is linked, with its parent by ListID', () => {
    const task = snapshot({ locationId: 'pl-node-4', locationName: 'Dock B' });
    const { params } = built(build({ snapshot: task }));
    const [job] = params.requests as [CustomerAddUnsent];

    expect(params.requests).toHaveLength(2);
    expect(job.ParentRef).toEqual({ ListID: '80000031-1716300000' });
    expect(documentOf(params).CustomerRef).toEqual({
      FullName: 'Harbor Line Electric:Dock B',
    });
  });

  it('bills the linked job of the task location directly', () => {
    const links = [
      ...baseLinks(),
      link('location', '80000077-1', 'Harbor Line Electric:Dock B', 'pl-node-4'),
    ];
    const { params } = built(
      build({ snapshot: snapshot({ locationId: 'pl-node-4' }), links }),
    );

    expect(params.requests).toHaveLength(1);
    expect(documentOf(params).CustomerRef).toEqual({ ListID: '80000077-1' });
  });

  it('bills the customer itself when the location is only the client address', () => {
    const task = snapshot({
      locationId: 'pl-node-5',
      locationName: ' harbor line  electric ',
    });
    const { params } = built(build({ snapshot: task }));

    expect(params.requests).toHaveLength(1);
    expect(documentOf(params).CustomerRef).toEqual({ ListID: '80000031-1716300000' });
  });

  it('links a QuickBooks customer of the same name instead of adding a duplicate', () => {
    const links = [
      ...baseLinks(),
      link('client', '80000501-1716306000', 'Osprey Marina', null),
    ];
    const result = built(build({ snapshot: newClient, links }));

    expect(result.params.requests).toHaveLength(1);
    expect(documentOf(result.params).CustomerRef).toEqual({
      ListID: '80000501-1716306000',
    });
    expect(result.claims).toEqual([
      {
        kind: 'client',
        qbListId: '80000501-1716306000',
        plId: 'pl-client-9',
        fullName: 'Osprey Marina',
        topListId: '80000501-1716306000',
      },
    ]);
  });

  it('refuses when that customer is already linked to another client', () => {
    const links = [
      ...baseLinks(),
      link('client', '80000501-1716306000', 'Osprey Marina', 'pl-client-3'),
    ];
    const result = build({ snapshot: newClient, links });

    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]?.code).toBe(
      'EXPORT_CUSTOMER_LINKED_ELSEWHERE',
    );
  });

  it('refuses a client name longer than QuickBooks keeps rather than cutting it', () => {
    const result = build({ snapshot: { ...newClient, clientName: 'A'.repeat(42) } });

    expect(!result.ok && result.problems[0]?.code).toBe('EXPORT_CUSTOMER_NAME_TOO_LONG');
  });

  it('replaces ":" in a new name, since QuickBooks joins jobs to customers with it', () => {
    const { params } = built(
      build({ snapshot: { ...newClient, clientName: 'Osprey: Marina' } }),
    );

    expect((params.requests[0] as CustomerAddUnsent).Name).toBe('Osprey- Marina');
  });
});

describe('buildDocument: class and site', () => {
  const links = [
    ...baseLinks(),
    link('class', '80000061-1716300300', 'Residential', 'pl-class-7'),
    link('site', '80000081-1716300500', 'Main Warehouse', 'pl-site-2'),
  ];
  const task = snapshot({
    classValue: 'pl-class-7',
    siteValue: 'main warehouse',
    items: [item(), item({ productId: undefined, description: 'Note', unitPrice: '0' })],
  });

  it('puts the class on the document and the site on every item line', () => {
    const { params } = built(
      build({
        snapshot: task,
        links,
        settings: settings({ syncZeroPriceUnlinkedItems: true }),
      }),
    );
    const invoice = documentOf(params);

    expect(invoice.ClassRef).toEqual({ ListID: '80000061-1716300300' });
    expect(invoice.InvoiceLineAdd?.[0]?.InventorySiteRef).toEqual({
      ListID: '80000081-1716300500',
    });
    expect(invoice.InvoiceLineAdd?.[1]).toEqual({ Desc: 'Note' });
  });

  it('leaves the site out of a file without sites, and the class out when class tracking is off', () => {
    const info = fileInfo({ inventorySitesEnabled: false, classTrackingEnabled: false });
    const result = built(build({ snapshot: task, links, fileInfo: info }));
    const invoice = documentOf(result.params);

    expect(invoice.ClassRef).toBeUndefined();
    expect(invoice.InvoiceLineAdd?.[0]?.InventorySiteRef).toBeUndefined();
    expect(result.warnings).toHaveLength(2);
  });

  it('refuses a class value that matches no QuickBooks class', () => {
    const result = build({ snapshot: snapshot({ classValue: 'Commercial' }), links });

    expect(!result.ok && result.problems.map((p) => p.code)).toEqual([
      'EXPORT_CLASS_NOT_LINKED',
    ]);
  });
});

describe('buildDocument: numbering', () => {
  it('sends the chosen RefNumber and looks the document up by it', () => {
    const { params } = built(build({ refNumber: 'FS-10442' }));

    expect(documentOf(params).RefNumber).toBe('FS-10442');
    expect(params.match.refNumber).toBe('FS-10442');
    expect(params.lookup).toEqual({ type: 'InvoiceQuery', RefNumber: ['FS-10442'] });
  });
});
