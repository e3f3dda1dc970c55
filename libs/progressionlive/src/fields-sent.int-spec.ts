import {
  seedDemo,
  startFakeProgressionLive,
  type DemoIds,
  type JournalEntry,
  type RunningFake,
  type WireObject,
} from '../../../apps/fake-progressionlive/src';
import {
  createProgressionLivePort,
  ServiceClients,
  type ProgressionLivePort,
} from './index';

// What actually goes over the wire, read from the fake's journal: only the fields given,
// never an empty one, nil only when the caller asked to clear, typed property values.

let fake: RunningFake;
let ids: DemoIds;
let port: ProgressionLivePort;

beforeEach(async () => {
  fake = await startFakeProgressionLive({ host: '127.0.0.1' });
  ids = seedDemo(fake.store);
  port = createProgressionLivePort(
    { baseUrl: fake.url, ...ids.account },
    { timeoutMs: 3000, clients: new ServiceClients() },
  );
});

afterEach(async () => {
  await fake.close();
});

function sent(operation: string): WireObject[] {
  return fake.store.journal
    .all()
    .filter((e: JournalEntry) => e.operation === operation)
    .map((e) => e.request['record'] as WireObject);
}

/** Every string leaf of a value, with its path. */
function strings(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}/${k}`));
}

async function newClient(externalId = '80000001-1') {
  return port.upsertClient({
    externalId,
    typeRef: { id: ids.clientTypeId },
    label: 'Acme',
    lang: 'fr',
    address: { street: '1 rue King', city: 'Sherbrooke', province: 'QC' },
  });
}

describe('fields sent', () => {
  it('never sends an empty element on creation', async () => {
    await port.upsertClient({
      externalId: '80000001-1',
      typeRef: { id: ids.clientTypeId },
      label: 'Acme',
      lang: undefined,
      address: { street: '1 rue King', suite: '', city: 'Sherbrooke', postalCode: '   ' },
      properties: {},
    });

    const [record] = sent('CreateRecord');
    expect(strings(record).filter(([, v]) => v.trim() === '')).toEqual([]);
    expect(record).toEqual({
      $type: 'Client',
      ExternalId: '80000001-1',
      TypeRef: { Id: ids.clientTypeId, Type: 'CLIENT_TYPE' },
      Label: 'Acme',
      Address: { Address: '1 rue King', City: 'Sherbrooke' },
    });
  });

  it('sends only the given fields on an update found by external id', async () => {
    await newClient();

    await port.upsertClient({ externalId: '80000001-1', label: 'Acme inc.' });

    const [, update] = [...sent('CreateRecord'), ...sent('UpdateRecord')];
    expect(update).toEqual({
      $type: 'Client',
      Id: expect.any(String),
      Label: 'Acme inc.',
    });
    expect(fake.store.findByExternalId('CLIENT', '80000001-1')).toMatchObject({
      Label: 'Acme inc.',
      Lang: 'fr',
      Address: { City: 'Sherbrooke' },
    });
  });

  it('sends the external id with an update by id, since that links the record', async () => {
    const created = await newClient();

    await port.upsertClient({ externalId: '80000001-1', id: created.id, lang: 'en' });

    expect(sent('UpdateRecord')).toEqual([
      { $type: 'Client', Id: created.id, ExternalId: '80000001-1', Lang: 'en' },
    ]);
  });

  it('makes no call at all when there is nothing to change', async () => {
    await newClient();
    fake.store.journal.clear();

    const ref = await port.upsertClient({ externalId: '80000001-1', label: '' });

    expect(ref.externalId).toBe('80000001-1');
    expect(fake.store.journal.operations()).toEqual(['SearchRecordRefs']);
  });

  it('sends nil only to clear, and the fake clears it', async () => {
    const created = await newClient();

    await port.upsertClient({
      externalId: '80000001-1',
      id: created.id,
      lang: null,
      address: null,
    });

    expect(sent('UpdateRecord')[0]).toMatchObject({ Lang: null, Address: null });
    const stored = fake.store.get('CLIENT', created.id);
    expect(stored?.['Lang']).toBeUndefined();
    expect(stored?.['Address']).toBeUndefined();
    expect(stored?.['Label']).toBe('Acme');
  });

  it('types every property value, skips empty ones and clears null ones', async () => {
    fake.store.defineProperty({
      recordType: 'PRODUCT',
      name: 'quickbooks.actif',
      valueType: 'BOOLEAN',
    });
    fake.store.defineProperty({
      recordType: 'PRODUCT',
      name: 'quickbooks.cout',
      valueType: 'DECIMAL',
    });
    fake.store.defineProperty({
      recordType: 'PRODUCT',
      name: 'quickbooks.classe',
      valueType: 'ENTITY',
      entityTypeId: ids.classeTypeId,
    });
    const created = await port.upsertProduct({
      externalId: '80000003-1',
      typeRef: { id: ids.productTypeId },
      label: 'Vis',
      properties: {
        'quickbooks.typeArticle': 'Inventory',
        'quickbooks.actif': true,
        'quickbooks.cout': { decimal: '0.125' },
        'quickbooks.classe': { entity: { id: ids.classeId } },
      },
    });

    await port.upsertProduct({
      externalId: '80000003-1',
      id: created.id,
      properties: { 'quickbooks.typeArticle': null, 'quickbooks.cout': '' },
    });

    const [create] = sent('CreateRecord');
    const values = (create?.['Properties'] as WireObject)['Property'];
    expect(values).toEqual([
      {
        Name: 'quickbooks.typeArticle',
        Value: { $type: 'xsd:string', value: 'Inventory' },
      },
      { Name: 'quickbooks.actif', Value: { $type: 'xsd:boolean', value: 'true' } },
      { Name: 'quickbooks.cout', Value: { $type: 'xsd:decimal', value: '0.125' } },
      {
        Name: 'quickbooks.classe',
        Value: {
          $type: 'RecordRef',
          value: { Id: ids.classeId, Type: 'DYNAMIC_ENTITY' },
        },
      },
    ]);
    expect(sent('UpdateRecord')[0]?.['Properties']).toEqual({
      Property: [{ Name: 'quickbooks.typeArticle', Value: null }],
    });
    expect(
      fake.store.property('PRODUCT', created.id, 'quickbooks.typeArticle'),
    ).toBeUndefined();
    expect(fake.store.property('PRODUCT', created.id, 'quickbooks.cout')).toEqual({
      $type: 'xsd:decimal',
      value: '0.125',
    });
  });

  it('refuses, before any call, an amount that is not a decimal and a creation without a type', async () => {
    const badPrice = port.upsertProduct({
      externalId: '80000003-2',
      typeRef: { id: ids.productTypeId },
      label: 'Vis',
      price: '1,25',
    });
    const noType = port.upsertProduct({ externalId: '80000003-3', label: 'Vis' });

    await expect(badPrice).rejects.toMatchObject({
      code: 'VALIDATION',
      retryable: false,
    });
    await expect(noType).rejects.toMatchObject({ code: 'VALIDATION', retryable: false });
    expect(fake.store.journal.operations()).not.toContain('CreateRecord');
  });
});
