import { randomUUID } from 'node:crypto';
import { ConnectorMetrics, SecretBox, createLogger } from '@qbd/platform';
import {
  DEMO_ACCOUNT,
  seedDemo,
  startFakeProgressionLive,
  type DemoIds,
  type RunningFake,
  type WireObject,
} from '../../../fake-progressionlive/src';
import { OutboxDeliverer } from '../outbox/outbox-deliverer';
import { ProgressionLiveClients } from '../outbox/progressionlive-clients';
import { ImportHarness } from './testing/import.harness';
import {
  classRet,
  customerRet,
  itemServiceRet,
  jobRet,
  qbxmlDocument,
  queryRs,
  siteRet,
} from './testing/qbxml-builders';

// From QuickBooks' answer to ProgressionLIVE's store: imports applied, then the outbox
// drained by the real deliverer through the SOAP adapter into the fake ProgressionLIVE.

let h: ImportHarness;
let fake: RunningFake;
let demo: DemoIds;
let deliverer: OutboxDeliverer;
const box = new SecretBox('import-delivery-test');

beforeAll(async () => {
  h = await ImportHarness.start();
  fake = await startFakeProgressionLive({ host: '127.0.0.1' });
  demo = seedDemo(fake.store);
  const logger = createLogger('import-delivery-test', 'silent');
  deliverer = new OutboxDeliverer(
    h.db.dataSource,
    new ProgressionLiveClients(box),
    new ConnectorMetrics('import-delivery-test'),
    logger,
  );
});

afterAll(async () => {
  await fake.close();
  await h.stop();
});

function company() {
  return h.createCompany({}, undefined, {
    plBaseUrl: fake.url,
    plUsername: DEMO_ACCOUNT.username,
    plPasswordSealed: box.encrypt(DEMO_ACCOUNT.password),
  });
}

async function importPage(
  companyId: string,
  entity: 'customers' | 'items' | 'classes' | 'sites',
  mode: 'full' | 'quick',
  answer: (id: string) => string,
) {
  const item = await h.queueImport(companyId, entity, mode);
  await h.page(companyId, randomUUID(), answer);
  return item;
}

async function deliver(companyId: string) {
  await deliverer.deliverCompany(companyId);
  const outbox = await h.outbox(companyId);
  expect(
    outbox
      .filter((row) => row.status !== 'delivered')
      .map((row) => [row.operation, row.lastError]),
  ).toEqual([]);
}

const label = (ref: unknown) => (ref as WireObject | undefined)?.['Label'];
const id = (ref: unknown) => (ref as WireObject | undefined)?.['Id'];

function nodesOf(clientId: string): WireObject[] {
  return fake.store.list('NODE').filter((node) => id(node['ClientRef']) === clientId);
}

const acme = { ListID: 'D-0001', Name: 'Acme Plumbing', FullName: 'Acme Plumbing' };
const acmeRet = () =>
  customerRet({
    ...acme,
    BillAddress: {
      Addr1: '1200 rue Principale',
      City: 'Sherbrooke',
      State: 'QC',
      PostalCode: 'J1H 1A1',
      Country: 'Canada',
    },
    Phone: '819-555-0100',
  });

describe('delivery of imported lists to ProgressionLIVE', () => {
  it('creates clients, locations, products and entity values with the QuickBooks ListIDs as external ids', async () => {
    const co = await company();
    await importPage(co.id, 'customers', 'full', (rid) =>
      qbxmlDocument(
        queryRs('CustomerQueryRs', rid, [
          acmeRet(),
          jobRet(acme, {
            ListID: 'D-0002',
            Name: 'Kitchen',
            ShipAddress: {
              Addr1: '45 Elm St.',
              City: 'Magog',
              State: 'QC',
              PostalCode: 'J1X2B2',
            },
          }),
          jobRet(
            { ListID: 'D-0002', FullName: 'Acme Plumbing:Kitchen', Sublevel: 1 },
            { ListID: 'D-0003', Name: 'Phase 2' },
          ),
        ]),
      ),
    );
    await importPage(co.id, 'items', 'full', (rid) =>
      qbxmlDocument(
        queryRs('ItemQueryRs', rid, [
          itemServiceRet({
            ListID: 'D-0101',
            Name: 'Labour',
            Price: '95.50',
            Desc: 'Hourly labour',
          }),
        ]),
      ),
    );
    await importPage(co.id, 'classes', 'full', (rid) =>
      qbxmlDocument(
        queryRs('ClassQueryRs', rid, [
          classRet({ ListID: 'D-0201', Name: 'Residential' }),
        ]),
      ),
    );
    await importPage(co.id, 'sites', 'full', (rid) =>
      qbxmlDocument(
        queryRs('InventorySiteQueryRs', rid, [
          siteRet({ ListID: 'D-0301', Name: 'Main warehouse' }),
        ]),
      ),
    );

    await deliver(co.id);

    const client = fake.store.findByExternalId('CLIENT', 'D-0001') as WireObject;
    expect(client).toMatchObject({
      Label: 'Acme Plumbing',
      Address: {
        Address: '1200 rue Principale',
        City: 'Sherbrooke',
        Province: 'QC',
        PostalCode: 'J1H 1A1',
        Country: 'Canada',
        Phone: '819-555-0100',
      },
    });
    expect(label(client['TypeRef'])).toBe('Client QuickBooks');
    expect(id(client['CreatorRef'])).toBe(demo.syncUserId);

    const nodes = nodesOf(client['Id'] as string);
    expect(
      nodes.map((node) => [node['ExternalId'], node['Label'], label(node['TypeRef'])]),
    ).toEqual([
      ['D-0002', 'Kitchen', 'Chantier'],
      ['D-0003', 'Kitchen:Phase 2', 'Chantier'],
    ]);

    const product = fake.store.findByExternalId('PRODUCT', 'D-0101') as WireObject;
    expect(product).toMatchObject({
      Label: 'Labour',
      code: 'Labour',
      description: 'Hourly labour',
      Price: '95.50',
    });
    expect(label(product['TypeRef'])).toBe('Produit QuickBooks');
    expect(
      fake.store.property('PRODUCT', product['Id'] as string, 'quickbooks.typeArticle'),
    ).toMatchObject({ value: 'Service' });

    const classe = fake.store.findByExternalId('DYNAMIC_ENTITY', 'D-0201') as WireObject;
    expect([classe['Label'], label(classe['TypeRef'])]).toEqual([
      'Residential',
      'Classe',
    ]);
    const site = fake.store.findByExternalId('DYNAMIC_ENTITY', 'D-0301') as WireObject;
    expect([site['Label'], label(site['TypeRef'])]).toEqual(['Main warehouse', 'Site']);

    const links = await h.links(co.id);
    expect(
      links.every(
        (link) =>
          link.plId === id(fake.store.findByExternalId(typeOf(link.kind), link.qbListId)),
      ),
    ).toBe(true);
  });

  it('links a job to the client location at the same address and changes its type, instead of duplicating it', async () => {
    const co = await company();
    const customer = {
      ListID: 'M-0001',
      Name: 'Beaulieu Condos',
      FullName: 'Beaulieu Condos',
    };
    await importPage(co.id, 'customers', 'full', (rid) =>
      qbxmlDocument(queryRs('CustomerQueryRs', rid, [customerRet(customer)])),
    );
    await deliver(co.id);
    const clientId = id(fake.store.findByExternalId('CLIENT', 'M-0001')) as string;
    const manualType = fake.store.addType('NODE_TYPE', 'Emplacement manuel');
    const existing = fake.store.addRecord('NODE', {
      Label: 'Tour B',
      TypeRef: { Id: manualType, Type: 'NODE_TYPE' },
      ClientRef: { Id: clientId, Type: 'CLIENT' },
      Address: {
        Address: '200-1234 boul. Saint-Joseph Est',
        City: 'Montréal',
        Province: 'Québec',
        PostalCode: 'H2J1L9',
        Country: 'Canada',
      },
    });

    await importPage(co.id, 'customers', 'full', (rid) =>
      qbxmlDocument(
        queryRs('CustomerQueryRs', rid, [
          customerRet(customer),
          jobRet(customer, {
            ListID: 'M-0002',
            Name: 'Tower B',
            ShipAddress: {
              Addr1: 'Beaulieu Condos',
              Addr2: '1234 BOUL ST JOSEPH E',
              Addr3: 'Suite 200',
              City: 'Montreal',
              State: 'QC',
              PostalCode: 'h2j 1l9',
            },
          }),
          jobRet(customer, {
            ListID: 'M-0003',
            Name: 'Tower C',
            ShipAddress: {
              Addr1: '1236 Boul St-Joseph E',
              Addr2: 'Suite 200',
              City: 'Montreal',
              State: 'QC',
              PostalCode: 'H2J 1L9',
            },
          }),
        ]),
      ),
    );
    await deliver(co.id);

    const nodes = nodesOf(clientId);
    expect(nodes).toHaveLength(2);
    const linked = fake.store.get('NODE', existing) as WireObject;
    expect([linked['ExternalId'], label(linked['TypeRef'])]).toEqual([
      'M-0002',
      'Chantier',
    ]);
    expect(await h.link(co.id, 'location', 'M-0002')).toMatchObject({
      plId: existing,
      matchReason:
        'same address: 1234 boulevard saint joseph east, unit 200, postal code H2J 1L9',
    });
    const nearMiss = fake.store.findByExternalId('NODE', 'M-0003') as WireObject;
    expect(nearMiss['Id']).not.toBe(existing);
    expect(await h.link(co.id, 'location', 'M-0003')).toMatchObject({
      matchReason: null,
      plId: nearMiss['Id'],
    });
  });

  it('deactivates, never deletes, what a full import no longer finds, and sends only changes afterwards', async () => {
    const co = await company();
    const items = (price: string) => [
      itemServiceRet({ ListID: 'X-0001', Name: 'Inspection', Price: price }),
      itemServiceRet({ ListID: 'X-0002', Name: 'Discontinued', Price: '10.00' }),
    ];
    await importPage(co.id, 'items', 'full', (rid) =>
      qbxmlDocument(queryRs('ItemQueryRs', rid, items('80.00'))),
    );
    await deliver(co.id);

    fake.store.journal.clear();
    await importPage(co.id, 'items', 'full', (rid) =>
      qbxmlDocument(queryRs('ItemQueryRs', rid, [items('85.00')[0] as string])),
    );
    await deliver(co.id);

    // Writes of different records travel in parallel; only each record's own order is kept.
    const updates = fake.store.journal
      .all()
      .filter((entry) => entry.operation === 'UpdateRecord')
      .map((entry) => entry.request['record'] as Record<string, unknown>);
    const changed = id(fake.store.findByExternalId('PRODUCT', 'X-0001'));
    expect(updates).toHaveLength(2);
    expect(updates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Id: changed, Price: '85.00' }),
        expect.objectContaining({ removed: expect.any(String) }),
      ]),
    );
    expect(updates.find((record) => record['Id'] === changed)).not.toHaveProperty(
      'Label',
    );
    const gone = fake.store
      .list('PRODUCT', { includeRemoved: true })
      .find((p) => p['ExternalId'] === 'X-0002');
    expect(gone?.['removed']).toEqual(expect.any(String));
    expect(fake.store.findByExternalId('PRODUCT', 'X-0001')?.['Price']).toBe('85.00');
  });
});

function typeOf(kind: string) {
  return (
    {
      client: 'CLIENT',
      location: 'NODE',
      product: 'PRODUCT',
      class: 'DYNAMIC_ENTITY',
      site: 'DYNAMIC_ENTITY',
    } as const
  )[kind as 'client'];
}
