import {
  startFakeProgressionLive,
  type RunningFake,
} from '../../../apps/fake-progressionlive/src';
import {
  createProgressionLivePort,
  ServiceClients,
  type ProgressionLivePort,
} from './index';

// listClientNodes: the locations of one client, read over SOAP from the fake, across
// pages smaller than the client's number of locations, without removed ones.

let fake: RunningFake;
let port: ProgressionLivePort;
let nodeType: string;

beforeEach(async () => {
  fake = await startFakeProgressionLive({
    host: '127.0.0.1',
    options: { maxPageSize: 2 },
  });
  fake.store.addAccount({ username: 'api@test', password: 'secret' });
  nodeType = fake.store.addType('NODE_TYPE', 'Chantier');
  port = createProgressionLivePort(
    { baseUrl: fake.url, username: 'api@test', password: 'secret' },
    { timeoutMs: 3000, clients: new ServiceClients(), pageSize: 2 },
  );
});

afterEach(async () => {
  await fake.close();
});

function addClient(label: string): string {
  const type = fake.store.addType('CLIENT_TYPE', `Type ${label}`);
  return fake.store.addRecord('CLIENT', {
    Label: label,
    TypeRef: { Id: type, Type: 'CLIENT_TYPE' },
  });
}

function addNode(
  clientId: string,
  label: string,
  extra: Record<string, unknown> = {},
): string {
  return fake.store.addRecord('NODE', {
    Label: label,
    TypeRef: { Id: nodeType, Type: 'NODE_TYPE' },
    ClientRef: { Id: clientId, Type: 'CLIENT' },
    ...extra,
  } as never);
}

describe('listClientNodes', () => {
  it('lists every live location of the client, page after page, with its address', async () => {
    const client = addClient('Acme');
    const other = addClient('Other');
    const ids = ['Garage', 'Shop', 'Depot'].map((label) => addNode(client, label));
    addNode(other, 'Not theirs');
    const withAddress = addNode(client, 'Office', {
      ExternalId: '80000009-1',
      Address: {
        Address: '12 rue King',
        City: 'Sherbrooke',
        Province: 'QC',
        PostalCode: 'J1H 1A1',
      },
    });
    fake.store.deleteRecord({ Id: ids[1] as string, Type: 'NODE' });

    const nodes = await port.listClientNodes(client);

    expect(nodes.map((node) => node.label)).toEqual(['Garage', 'Depot', 'Office']);
    expect(nodes.find((node) => node.id === withAddress)).toEqual({
      id: withAddress,
      label: 'Office',
      externalId: '80000009-1',
      typeRef: expect.objectContaining({ id: nodeType }),
      address: {
        street: '12 rue King',
        city: 'Sherbrooke',
        province: 'QC',
        postalCode: 'J1H 1A1',
      },
    });
  });

  it('returns an empty list for a client without locations', async () => {
    await expect(port.listClientNodes(addClient('Lonely'))).resolves.toEqual([]);
  });
});
