import { randomUUID } from 'node:crypto';
import { FILE_INFO, ImportHarness, sharedAnswer } from './testing/import.harness';
import {
  classRet,
  deletedRet,
  itemInventoryRet,
  itemNonInventoryRet,
  itemServiceRet,
  qbxmlDocument,
  queryRs,
  salesTaxCodeRet,
  siteRet,
} from './testing/qbxml-builders';

// Items, classes, inventory sites and sales tax codes, each through the gateway's
// dispatcher and ApplyResponseHandler, with Intuit's recorded answers where they exist.

let h: ImportHarness;

beforeAll(async () => {
  h = await ImportHarness.start();
});

afterAll(async () => {
  await h.stop();
});

const pending = async (companyId: string) =>
  (await h.outbox(companyId)).filter((write) => write.status === 'pending');

async function delivered(companyId: string) {
  await h.manager.query(
    `UPDATE entity_link SET "plId" = 'pl-' || "qbListId" WHERE "companyId" = $1 AND "plId" IS NULL`,
    [companyId],
  );
  await h.manager.query(`UPDATE outbox SET status = 'delivered' WHERE "companyId" = $1`, [
    companyId,
  ]);
}

describe('items', () => {
  it('imports an inventory assembly from a recorded answer as a product with its QuickBooks type', async () => {
    const company = await h.createCompany();
    const item = await h.queueImport(company.id, 'items', 'full');
    await h.page(company.id, randomUUID(), (id) =>
      sharedAnswer('fixtures/qbxml/item-query-rs_inventory-assembly.xml', id),
    );

    const [write] = await pending(company.id);
    expect(write).toMatchObject({
      operation: 'upsertProduct',
      orderingKey: 'item:80000317-1228629275',
    });
    expect(write?.payload['input']).toEqual({
      externalId: '80000317-1228629275',
      typeRef: { label: 'Produit QuickBooks' },
      label: 'esp-boss-12',
      code: 'Retail 12oz bags-BOM:esp-boss-12',
      description: 'The Boss Espresso Fall 2009, thick and sticky mix, 12oz bag',
      price: '13.00',
      active: true,
      properties: { 'quickbooks.typeArticle': 'Inventory Assembly' },
    });
    expect(await h.link(company.id, 'product', '80000317-1228629275')).toMatchObject({
      qbParentListId: '80000306-1228267908',
    });
    expect(await h.runOf(item.id)).toMatchObject({
      status: 'succeeded',
      added: 1,
      maxModified: '2010-01-15T09:43:05-08:00',
    });
  });

  it('imports a service priced as a percentage without a unit price', async () => {
    const company = await h.createCompany();
    await h.queueImport(company.id, 'items', 'full');
    await h.page(company.id, randomUUID(), (id) =>
      sharedAnswer('fixtures/qbxml/item-query-rs_service_iterator-0-remaining.xml', id),
    );

    const [write] = await pending(company.id);
    expect(write?.payload['input']).toEqual({
      externalId: '80000005-1468535148',
      typeRef: { label: 'Produit QuickBooks' },
      label: "let's get intuit",
      code: "let's get intuit",
      active: true,
      properties: { 'quickbooks.typeArticle': 'Service' },
    });
  });

  it('sends only a changed price on a quick import, and deactivates deleted items', async () => {
    const company = await h.createCompany();
    const items = (price: string, modified: string) => [
      itemServiceRet({
        ListID: 'I-1',
        Name: 'Labour',
        Price: price,
        Desc: 'Hourly labour',
        TimeModified: modified,
      }),
      itemInventoryRet({
        ListID: 'I-2',
        Name: 'Valve',
        FullName: 'Parts:Valve',
        Price: '12.40',
      }),
      itemNonInventoryRet({
        ListID: 'I-3',
        Name: 'Permit',
        Price: '50.00',
        Desc: 'City permit',
      }),
    ];
    await h.queueImport(company.id, 'items', 'full');
    await h.page(company.id, randomUUID(), (id) =>
      qbxmlDocument(
        queryRs('ItemQueryRs', id, items('95.00', '2024-06-01T08:00:00-05:00')),
      ),
    );
    expect((await pending(company.id)).map((w) => w.payload['input'])).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          externalId: 'I-3',
          description: 'City permit',
          price: '50.00',
          properties: { 'quickbooks.typeArticle': 'Non-inventory Part' },
        }),
        expect.objectContaining({
          externalId: 'I-2',
          code: 'Parts:Valve',
          price: '12.40',
          properties: { 'quickbooks.typeArticle': 'Inventory Part' },
        }),
      ]),
    );
    await delivered(company.id);
    await h.setWatermark(company.id, 'items', '2024-06-01T08:00:00-05:00');

    const quick = await h.queueImport(company.id, 'items', 'quick');
    const page = await h.page(company.id, randomUUID(), (id) =>
      qbxmlDocument(
        queryRs('ListDeletedQueryRs', `${id}.d`, [
          deletedRet({
            ListDelType: 'ItemInventory',
            ListID: 'I-2',
            FullName: 'Parts:Valve',
          }),
        ]),
        queryRs('ItemQueryRs', id, [
          items('99.50', '2024-06-04T08:00:00-05:00')[0] as string,
        ]),
      ),
    );

    expect(page.leased.qbxml).toContain('<ListDelType>ItemService</ListDelType>');
    expect((await pending(company.id)).map((w) => w.payload['input'])).toEqual([
      { externalId: 'I-1', price: '99.50' },
      { externalId: 'I-2', active: false },
    ]);
    expect(await h.runOf(quick.id)).toMatchObject({
      changed: 1,
      deactivated: 1,
      unchanged: 0,
    });
  });
});

describe('classes', () => {
  it('imports classes as values of the class entity, and deactivates deleted ones', async () => {
    const company = await h.createCompany();
    await h.queueImport(company.id, 'classes', 'full');
    await h.page(company.id, randomUUID(), (id) =>
      qbxmlDocument(
        queryRs('ClassQueryRs', id, [
          classRet({ ListID: 'K-1', Name: 'Regions' }),
          classRet({
            ListID: 'K-2',
            Name: 'East',
            FullName: 'Regions:East',
            TimeModified: '2024-06-02T08:00:00-05:00',
          }),
        ]),
      ),
    );

    const writes = await pending(company.id);
    expect(writes.map((w) => [w.operation, w.orderingKey, w.payload['input']])).toEqual([
      [
        'upsertEntityValue',
        'class:K-1',
        {
          externalId: 'K-1',
          typeRef: { label: 'Classe' },
          label: 'Regions',
          active: true,
        },
      ],
      [
        'upsertEntityValue',
        'class:K-2',
        {
          externalId: 'K-2',
          typeRef: { label: 'Classe' },
          label: 'Regions:East',
          active: true,
        },
      ],
    ]);
    await delivered(company.id);
    await h.setWatermark(company.id, 'classes', '2024-06-02T08:00:00-05:00');

    await h.queueImport(company.id, 'classes', 'quick');
    await h.page(company.id, randomUUID(), (id) =>
      qbxmlDocument(
        queryRs('ListDeletedQueryRs', `${id}.d`, [
          deletedRet({ ListDelType: 'Class', ListID: 'K-2', FullName: 'Regions:East' }),
        ]),
        queryRs('ClassQueryRs', id, []),
      ),
    );
    expect((await pending(company.id)).map((w) => w.payload['input'])).toEqual([
      { externalId: 'K-2', active: false },
    ]);
  });
});

describe('inventory sites', () => {
  it('imports sites as values of the site entity where the file has them', async () => {
    const company = await h.createCompany();
    const item = await h.queueImport(company.id, 'sites', 'full');
    await h.page(company.id, randomUUID(), (id) =>
      qbxmlDocument(
        queryRs('InventorySiteQueryRs', id, [
          siteRet({ ListID: 'S-1', Name: 'Main warehouse' }),
          siteRet({ ListID: 'S-2', Name: 'Van 3', IsActive: false }),
        ]),
      ),
    );

    expect((await pending(company.id)).map((w) => w.payload['input'])).toEqual([
      {
        externalId: 'S-1',
        typeRef: { label: 'Site' },
        label: 'Main warehouse',
        active: true,
      },
      { externalId: 'S-2', typeRef: { label: 'Site' }, label: 'Van 3', active: false },
    ]);
    expect(await h.runOf(item.id)).toMatchObject({ status: 'succeeded', added: 2 });
  });

  it('ends with a clear note, not an error, when the file has no inventory sites', async () => {
    const company = await h.createCompany(
      {},
      { ...FILE_INFO, inventorySitesEnabled: false },
    );
    const item = await h.queueImport(company.id, 'sites', 'full');
    await h.page(company.id, randomUUID(), (id) =>
      qbxmlDocument(
        queryRs('InventorySiteQueryRs', id, [], {
          statusCode: 3250,
          statusMessage:
            'This feature is not enabled or not available in this version of QuickBooks.',
        }),
      ),
    );

    const run = await h.runOf(item.id);
    expect(run).toMatchObject({ status: 'succeeded', errors: 0, received: 0 });
    expect(run.note).toContain(
      'Inventory sites are not used in this QuickBooks company file',
    );
    expect(await h.workItem(item.id)).toMatchObject({ status: 'done', lastError: null });
    expect(await h.recordErrors(company.id)).toEqual([]);
    expect(await h.outbox(company.id)).toEqual([]);
  });
});

describe('sales tax codes', () => {
  it('keeps sales tax codes as links for exports and sends nothing to ProgressionLIVE', async () => {
    const company = await h.createCompany();
    const item = await h.queueImport(company.id, 'salesTaxCodes', 'full');
    await h.page(company.id, randomUUID(), (id) =>
      qbxmlDocument(
        queryRs('SalesTaxCodeQueryRs', id, [
          salesTaxCodeRet({
            ListID: 'T-1',
            Name: 'Tax',
            IsTaxable: true,
            Desc: 'Taxable sales',
          }),
          salesTaxCodeRet({ ListID: 'T-2', Name: 'Non', IsTaxable: false }),
        ]),
      ),
    );

    expect(await h.outbox(company.id)).toEqual([]);
    const links = await h.links(company.id, 'salesTaxCode');
    expect(links.map((l) => [l.qbListId, l.qbFullName, l.data])).toEqual([
      [
        'T-1',
        'Tax',
        { name: 'Tax', description: 'Taxable sales', taxable: true, active: true },
      ],
      ['T-2', 'Non', { name: 'Non', taxable: false, active: true }],
    ]);
    expect(await h.runOf(item.id)).toMatchObject({ status: 'succeeded', added: 2 });
  });
});
