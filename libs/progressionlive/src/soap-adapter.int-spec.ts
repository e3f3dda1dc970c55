import {
  seedDemo,
  startFakeProgressionLive,
  type DemoIds,
  type RunningFake,
} from '../../../apps/fake-progressionlive/src';
import {
  createProgressionLivePort,
  ServiceClients,
  type ProgressionLivePort,
} from './index';

// The adapter against the fake ProgressionLIVE, over real HTTP SOAP on a loopback port:
// every port method, as the connector's worker will call it.

let fake: RunningFake;
let ids: DemoIds;
let port: ProgressionLivePort;

beforeEach(async () => {
  fake = await startFakeProgressionLive({ host: '127.0.0.1' });
  ids = seedDemo(fake.store);
  port = createProgressionLivePort(
    { baseUrl: fake.url, ...ids.account },
    {
      timeoutMs: 3000,
      asUser: 'Synchronisation QuickBooks',
      clients: new ServiceClients(),
    },
  );
});

afterEach(async () => {
  await fake.close();
});

const ops = () => fake.store.journal.operations();

describe('sessions', () => {
  it('opens a session with Login and closes it with Logout', async () => {
    await port.openSession();
    const open = fake.store.sessions.openCount();
    await port.closeSession();

    expect(open).toBe(1);
    expect(fake.store.sessions.openCount()).toBe(0);
    expect(ops()).toEqual(['Login', 'Logout']);
  });

  it('logs in lazily on the first call and again after a close', async () => {
    await port.getTaskType(ids.taskTypeId);
    await port.closeSession();
    await port.getTask(ids.taskIds[0] as string);

    expect(ops()).toEqual(['Login', 'GetRecord', 'Logout', 'Login', 'GetRecord']);
  });
});

describe('tasks', () => {
  it('reads a task with its items, references, properties and stage', async () => {
    const task = await port.getTask(ids.taskIds[0] as string);

    expect(task).toMatchObject({
      id: ids.taskIds[0],
      code: 'F000001',
      logicId: 700,
      typeRef: { id: ids.taskTypeId },
      clientRef: { id: ids.clientId, label: 'Plomberie Tremblay' },
      nodeRef: { id: ids.nodeId, label: 'Entrepôt nord' },
      subTotal: '227.50',
      total: '261.57',
      taxAmounts: ['11.38', '22.69'],
    });
    expect(task.items).toEqual([
      expect.objectContaining({
        productRef: expect.objectContaining({ id: ids.productIds[0] }),
        label: 'Main-d’œuvre',
        quantity: '2.5',
        price: '85.00',
        total: '212.50',
      }),
      expect.objectContaining({ quantity: '4', price: '3.75' }),
      expect.objectContaining({
        productRef: null,
        label: 'Déplacement offert',
        price: '0',
      }),
    ]);
    expect(task.properties['facturation.classe']).toMatchObject({
      value: 'Résidentiel',
      entity: { id: ids.classeId, label: 'Résidentiel' },
    });
  });

  it('lists the tasks at a stage, by task type and page', async () => {
    const otherType = fake.store.addTaskType({
      label: 'Interne',
      workflowId: ids.workflowId,
    });
    const otherTask = fake.store.addTask({ typeId: otherType, logicId: 700 });
    fake.store.addTask({ typeId: ids.taskTypeId, logicId: 750 });

    const all = await port.listTasksAtStage(700);
    const billable = await port.listTasksAtStage(700, { taskTypeIds: [ids.taskTypeId] });
    const secondPage = await port.listTasksAtStage(700, { offset: 1, count: 1 });

    expect(all.map((t) => t.id)).toEqual([...ids.taskIds, otherTask]);
    expect(billable).toEqual([
      { id: ids.taskIds[0], code: 'F000001' },
      { id: ids.taskIds[1], code: 'F000002' },
    ]);
    expect(secondPage.map((t) => t.id)).toEqual([ids.taskIds[1]]);
  });

  it('reads a task type once per session', async () => {
    const first = await port.getTaskType(ids.taskTypeId);
    const second = await port.getTaskType(ids.taskTypeId);

    expect(first).toEqual({
      id: ids.taskTypeId,
      label: 'Service facturable',
      productBilling: true,
      workflowRef: expect.objectContaining({ id: ids.workflowId }),
      codePrefix: 'F',
    });
    expect(second).toEqual(first);
    expect(ops().filter((o) => o === 'GetRecord')).toHaveLength(1);
  });

  it('writes a task property and moves the task to the billed stage', async () => {
    const taskId = ids.taskIds[0] as string;

    await port.setTaskProperty(taskId, 'facturation.numeroFacture', 'INV-1042');
    await port.progressTask(taskId, 750, new Date('2026-03-01T12:00:00Z'));

    expect(fake.store.property('TASK', taskId, 'facturation.numeroFacture')).toEqual({
      $type: 'xsd:string',
      value: 'INV-1042',
    });
    expect(fake.store.taskLogicId(taskId)).toBe(750);
    expect(fake.store.stepHistory(taskId)).toEqual([
      expect.objectContaining({
        fromLogicId: 700,
        toLogicId: 750,
        at: '2026-03-01T12:00:00.000Z',
      }),
    ]);
    expect(ops()).toEqual(['Login', 'UpdateRecordField', 'ProgressTaskToLogicId']);
  });

  it('refuses to move a task whose mandatory property is missing', async () => {
    const failure = port.progressTask(ids.taskIds[1] as string, 750);

    await expect(failure).rejects.toMatchObject({
      code: 'VALIDATION',
      retryable: false,
      faultMessage: expect.stringContaining('facturation.numeroFacture'),
    });
    expect(fake.store.taskLogicId(ids.taskIds[1] as string)).toBe(700);
  });

  it('treats a retried move whose first answer was lost as done', async () => {
    fake.store.options.strictTransitions = true;
    const taskId = ids.taskIds[0] as string;
    await port.setTaskProperty(taskId, 'facturation.numeroFacture', 'INV-7');
    fake.store.injectFault({
      operation: 'ProgressTaskToLogicId',
      kind: 'reset',
      afterProcessing: true,
    });

    const lost = port.progressTask(taskId, 750);
    await expect(lost).rejects.toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    await port.progressTask(taskId, 750);

    expect(fake.store.stepHistory(taskId)).toHaveLength(1);
    expect(fake.store.taskLogicId(taskId)).toBe(750);
  });
});

describe('lookups', () => {
  it('finds each kind of type by label, and caches it for the session', async () => {
    const found = await Promise.all([
      port.findTypeByLabel('CLIENT_TYPE', 'Client QuickBooks'),
      port.findTypeByLabel('NODE_TYPE', 'Chantier'),
      port.findTypeByLabel('PRODUCT_TYPE', 'Produit QuickBooks'),
      port.findTypeByLabel('DYNAMIC_ENTITY_TYPE', 'Site'),
    ]);
    await port.findTypeByLabel('CLIENT_TYPE', 'Client QuickBooks');

    expect(found.map((r) => r?.id)).toEqual([
      ids.clientTypeId,
      ids.nodeTypeId,
      ids.productTypeId,
      ids.siteTypeId,
    ]);
    expect(ops().filter((o) => o === 'SearchRecordRefs')).toHaveLength(4);
    await expect(port.findTypeByLabel('CLIENT_TYPE', 'Inconnu')).resolves.toBeNull();
  });

  it('forgets cached types when the session is renewed', async () => {
    await port.findTypeByLabel('CLIENT_TYPE', 'Client QuickBooks');
    await port.closeSession();
    await port.findTypeByLabel('CLIENT_TYPE', 'Client QuickBooks');

    expect(ops().filter((o) => o === 'SearchRecordRefs')).toHaveLength(2);
  });

  it('finds records by external id', async () => {
    await expect(port.findByExternalId('CLIENT', '80000001-1')).resolves.toBeNull();
    const created = await port.upsertClient({
      externalId: '80000001-1',
      typeRef: { id: ids.clientTypeId },
      label: 'Acme',
    });

    await expect(port.findByExternalId('CLIENT', '80000001-1')).resolves.toMatchObject({
      id: created.id,
      externalId: '80000001-1',
    });
    await expect(port.findByExternalId('PRODUCT', '80000001-1')).resolves.toBeNull();
  });
});

describe('upserts', () => {
  it('creates a client with its type, address and author', async () => {
    const ref = await port.upsertClient({
      externalId: '80000001-1',
      typeRef: { label: 'Client QuickBooks' },
      label: 'Acme',
      lang: 'fr',
      address: {
        street: '12 rue Wellington',
        city: 'Sherbrooke',
        province: 'QC',
        country: 'Canada',
        postalCode: 'J1H 5C7',
      },
    });

    expect(ref).toMatchObject({ label: 'Acme', externalId: '80000001-1' });
    expect(fake.store.get('CLIENT', ref.id)).toMatchObject({
      Label: 'Acme',
      Lang: 'fr',
      ExternalId: '80000001-1',
      TypeRef: { Id: ids.clientTypeId },
      Address: {
        Address: '12 rue Wellington',
        City: 'Sherbrooke',
        PostalCode: 'J1H 5C7',
      },
      CreatorRef: { Id: ids.syncUserId },
    });
  });

  it('updates the client that holds the external id instead of creating another', async () => {
    const created = await port.upsertClient({
      externalId: '80000001-1',
      typeRef: { id: ids.clientTypeId },
      label: 'Acme',
    });

    const updated = await port.upsertClient({
      externalId: '80000001-1',
      label: 'Acme inc.',
    });

    expect(updated.id).toBe(created.id);
    expect(
      fake.store.list('CLIENT').filter((c) => c['ExternalId'] === '80000001-1'),
    ).toEqual([expect.objectContaining({ Label: 'Acme inc.' })]);
  });

  it('creates a location of a client', async () => {
    const ref = await port.upsertNode({
      externalId: '80000002-1',
      typeRef: { id: ids.nodeTypeId },
      label: 'Chantier Wellington',
      clientRef: { id: ids.clientId },
      address: { street: '40 rue King', city: 'Sherbrooke' },
    });

    expect(fake.store.get('NODE', ref.id)).toMatchObject({
      ClientRef: { Id: ids.clientId },
      Address: { Address: '40 rue King', City: 'Sherbrooke' },
    });
    expect(fake.store.get('CLIENT', ids.clientId)?.['Nodes']).toBeUndefined();
  });

  it('creates a product with its price, tax flag and dynamic property', async () => {
    const ref = await port.upsertProduct({
      externalId: '80000003-1',
      typeRef: { id: ids.productTypeId },
      label: 'Vis 1/4',
      code: 'VIS-025',
      description: 'Vis à bois',
      price: '0.25',
      taxable: true,
      properties: { 'quickbooks.typeArticle': 'Inventory' },
    });

    expect(fake.store.get('PRODUCT', ref.id)).toMatchObject({
      Label: 'Vis 1/4',
      code: 'VIS-025',
      description: 'Vis à bois',
      Price: '0.25',
      Taxable: 'true',
    });
    expect(fake.store.property('PRODUCT', ref.id, 'quickbooks.typeArticle')).toEqual({
      $type: 'xsd:string',
      value: 'Inventory',
    });
  });

  it('creates a value of a dynamic entity type, usable on a task', async () => {
    const classe = await port.upsertEntityValue({
      externalId: '80000004-1',
      typeRef: { id: ids.classeTypeId },
      label: 'Commercial',
    });

    fake.store.updateRecordField(
      { Type: 'TASK', Id: ids.taskIds[1] as string },
      'PROPERTY',
      {
        Name: 'facturation.classe',
        Value: { $type: 'RecordRef', value: { Id: classe.id } } as never,
      },
    );
    const task = await port.getTask(ids.taskIds[1] as string);

    expect(task.properties['facturation.classe']?.entity).toMatchObject({
      id: classe.id,
      externalId: '80000004-1',
    });
  });

  it('deactivates without deleting, and reactivates', async () => {
    const created = await port.upsertProduct({
      externalId: '80000003-9',
      typeRef: { id: ids.productTypeId },
      label: 'Ancien article',
    });

    await port.upsertProduct({ externalId: '80000003-9', id: created.id, active: false });
    const inactive = fake.store.get('PRODUCT', created.id);
    await port.upsertProduct({ externalId: '80000003-9', id: created.id, active: true });

    expect(inactive?.['removed']).toEqual(expect.any(String));
    expect(fake.store.get('PRODUCT', created.id)?.['removed']).toBeUndefined();
    expect(ops()).not.toContain('DeleteRecord');
  });

  it('adopts a deactivated record that a search no longer shows', async () => {
    const created = await port.upsertClient({
      externalId: '80000001-5',
      typeRef: { id: ids.clientTypeId },
      label: 'Fermé',
      active: false,
    });

    const again = await port.upsertClient({
      externalId: '80000001-5',
      typeRef: { id: ids.clientTypeId },
      label: 'Rouvert',
      active: true,
    });

    expect(again.id).toBe(created.id);
    expect(fake.store.get('CLIENT', created.id)).toMatchObject({ Label: 'Rouvert' });
    expect(fake.store.get('CLIENT', created.id)?.['removed']).toBeUndefined();
  });

  it('recreates a record whose known id no longer exists in ProgressionLIVE', async () => {
    const input = {
      externalId: '80000001-8',
      id: '999999',
      typeRef: { id: ids.clientTypeId },
      label: 'Supprimé puis recréé',
    };

    const ref = await port.upsertClient(input);

    expect(ref.id).not.toBe('999999');
    expect(fake.store.get('CLIENT', ref.id)).toMatchObject({
      Label: 'Supprimé puis recréé',
      ExternalId: '80000001-8',
    });
    expect(ops()).toEqual(['Login', 'UpdateRecord', 'SearchRecordRefs', 'CreateRecord']);
  });

  it('does not create twice when the answer to a create was lost', async () => {
    fake.store.injectFault({
      operation: 'CreateRecord',
      kind: 'reset',
      afterProcessing: true,
    });
    const input = {
      externalId: '80000001-7',
      typeRef: { id: ids.clientTypeId },
      label: 'Une fois',
    };

    await expect(port.upsertClient(input)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const retried = await port.upsertClient(input);

    const holders = fake.store
      .list('CLIENT')
      .filter((c) => c['ExternalId'] === '80000001-7');
    expect(holders).toHaveLength(1);
    expect(retried.id).toBe(holders[0]?.['Id']);
  });
});

describe('ping', () => {
  it('answers true while the service answers and false once it is gone', async () => {
    const up = await port.ping();
    await fake.close();
    const down = await port.ping();
    fake = await startFakeProgressionLive({ host: '127.0.0.1' });

    expect(up).toBe(true);
    expect(down).toBe(false);
  });
});
