import type { WireObject } from '../soap/wire-value';
import { FakeFault } from './fake-fault';
import { FakeProgressionLiveStore, type FakeOptions } from './fake-store';

interface World {
  store: FakeProgressionLiveStore;
  clientTypeId: string;
  productTypeId: string;
  classeTypeId: string;
  siteTypeId: string;
  taskTypeId: string;
  userId: string;
}

function world(options: Partial<FakeOptions> = {}): World {
  const store = new FakeProgressionLiveStore(options);
  const userId = store.addAccount({ username: 'api@co.test', password: 'secret' });
  const workflowId = store.addWorkflow({
    label: 'Billing',
    steps: [
      { logicId: 500, label: 'Done' },
      { logicId: 700, label: 'To accounting' },
      { logicId: 750, label: 'Invoiced' },
      { logicId: 760, label: 'Transfer error' },
    ],
    transitions: [
      [500, 700],
      [700, 750],
      [700, 760],
    ],
  });
  const classeTypeId = store.addType('DYNAMIC_ENTITY_TYPE', 'Classe');
  const siteTypeId = store.addType('DYNAMIC_ENTITY_TYPE', 'Site');
  store.defineProperty({
    recordType: 'TASK',
    name: 'billing.invoiceNumber',
    valueType: 'STRING',
    mandatoryInLogicIds: [750],
  });
  store.defineProperty({
    recordType: 'TASK',
    name: 'billing.classe',
    valueType: 'ENTITY',
    entityTypeId: classeTypeId,
  });
  store.defineProperty({ recordType: 'PRODUCT', name: 'qb.kind', valueType: 'STRING' });
  store.defineProperty({ recordType: 'PRODUCT', name: 'qb.cost', valueType: 'DECIMAL' });
  return {
    store,
    userId,
    classeTypeId,
    siteTypeId,
    clientTypeId: store.addType('CLIENT_TYPE', 'Customer'),
    productTypeId: store.addType('PRODUCT_TYPE', 'Item'),
    taskTypeId: store.addTaskType({ label: 'Billable', workflowId, codePrefix: 'F' }),
  };
}

function client(w: World, fields: WireObject = {}): WireObject {
  return { $type: 'Client', Label: 'Acme', TypeRef: { Id: w.clientTypeId }, ...fields };
}

function faultOf(run: () => unknown): FakeFault {
  try {
    run();
  } catch (err) {
    if (err instanceof FakeFault) return err;
    throw err;
  }
  throw new Error('expected a fault');
}

const str = (v: string) => ({ $type: 'xsd:string', value: v });

describe('fake store: sessions', () => {
  it('opens a session for known credentials and refuses others', () => {
    const { store } = world();

    const session = store.sessions.login('api@co.test', 'secret');

    expect(store.sessions.require(session.id).username).toBe('api@co.test');
    expect(faultOf(() => store.sessions.login('api@co.test', 'wrong')).type).toBe(
      'AUTHENTICATION',
    );
    expect(faultOf(() => store.sessions.require('made-up')).type).toBe('AUTHENTICATION');
  });

  it('ends sessions that a test expires, and idle ones past the limit', () => {
    const { store } = world({ sessionIdleMs: 0 });
    const session = store.sessions.login('api@co.test', 'secret');
    const later = Date.now() + 5;
    jest.spyOn(Date, 'now').mockReturnValue(later);

    expect(faultOf(() => store.sessions.require(session.id)).type).toBe('AUTHENTICATION');
    jest.restoreAllMocks();

    const other = new FakeProgressionLiveStore();
    other.addAccount({ username: 'a', password: 'b' });
    const live = other.sessions.login('a', 'b');
    expect(other.expireSessions()).toBe(1);
    expect(faultOf(() => other.sessions.require(live.id)).type).toBe('AUTHENTICATION');
  });
});

describe('fake store: records and references', () => {
  it('gives increasing numeric ids and keeps the label', () => {
    const w = world();

    const first = w.store.createRecord(client(w, { ExternalId: 'A' }));
    const second = w.store.createRecord(client(w, { ExternalId: 'B', Label: 'Beta' }));

    expect(BigInt(second['Id'] as string)).toBeGreaterThan(BigInt(first['Id'] as string));
    expect(second).toMatchObject({ Type: 'CLIENT', Label: 'Beta', ExternalId: 'B' });
  });

  it('keeps external ids unique within a type, but not across types', () => {
    const w = world();
    w.store.createRecord(client(w, { ExternalId: '80000001-1' }));

    const dup = faultOf(() =>
      w.store.createRecord(client(w, { ExternalId: '80000001-1' })),
    );
    const product = w.store.createRecord({
      $type: 'Product',
      Label: 'Screw',
      TypeRef: { Id: w.productTypeId },
      ExternalId: '80000001-1',
    });

    expect(dup.type).toBe('VALIDATION');
    expect(dup.message).toContain('80000001-1');
    expect(product['Type']).toBe('PRODUCT');
  });

  it('resolves references by id, by external id and by type and label', () => {
    const w = world();
    const created = w.store.createRecord(client(w, { ExternalId: 'X-1' }));
    const id = created['Id'] as string;

    expect(w.store.getRecord({ Type: 'CLIENT', Id: id })['Id']).toBe(id);
    expect(w.store.getRecord({ Type: 'CLIENT', ExternalId: 'X-1' })['Id']).toBe(id);
    expect(w.store.getRecord({ Type: 'CLIENT', Label: 'Acme' })['Id']).toBe(id);
    expect(faultOf(() => w.store.getRecord({ Type: 'CLIENT', Id: '999999' })).type).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses a reference of the wrong type and an ambiguous label', () => {
    const w = world();
    w.store.createRecord(client(w, { ExternalId: 'A' }));
    w.store.createRecord(client(w, { ExternalId: 'B' }));

    const wrongType = faultOf(() =>
      w.store.createRecord(
        client(w, { TypeRef: { Id: w.productTypeId, Type: 'PRODUCT_TYPE' } }),
      ),
    );
    const ambiguous = faultOf(() => w.store.getRecord({ Type: 'CLIENT', Label: 'Acme' }));

    expect(wrongType.type).toBe('VALIDATION');
    expect(ambiguous.type).toBe('VALIDATION');
  });

  it('requires a type and a label on creation', () => {
    const w = world();

    const noType = faultOf(() =>
      w.store.createRecord({ $type: 'Client', Label: 'Acme' }),
    );
    const noLabel = faultOf(() => w.store.createRecord(client(w, { Label: null })));

    expect(noType.message).toContain('TypeRef');
    expect(noLabel.message).toContain('Label');
  });

  it('records the session user as the author unless a CreatorRef is given', () => {
    const w = world();
    const syncUser = w.store.addUser('Sync QuickBooks');

    const byApi = w.store.createRecord(client(w, { ExternalId: 'A' }), w.userId);
    const bySync = w.store.createRecord(
      client(w, {
        ExternalId: 'B',
        CreatorRef: { Type: 'USER', Label: 'Sync QuickBooks' },
      }),
      w.userId,
    );

    const creator = (id: unknown) => w.store.get('CLIENT', id as string)?.['CreatorRef'];
    expect(creator(byApi['Id'])).toMatchObject({ Id: w.userId });
    expect(creator(bySync['Id'])).toMatchObject({
      Id: syncUser,
      Label: 'Sync QuickBooks',
    });
  });
});

describe('fake store: partial updates', () => {
  it('leaves absent fields unchanged and clears nil ones', () => {
    const w = world();
    const id = w.store.createRecord(
      client(w, {
        ExternalId: 'A',
        Lang: 'fr',
        Address: { Address: '1 Main', City: 'Laval' },
      }),
    )['Id'] as string;

    w.store.updateRecord({ $type: 'Client', Id: id, Label: 'Acme Inc', Lang: null });

    const stored = w.store.get('CLIENT', id);
    expect(stored?.['Label']).toBe('Acme Inc');
    expect(stored?.['Lang']).toBeUndefined();
    expect(stored?.['Address']).toEqual({ Address: '1 Main', City: 'Laval' });
    expect(stored?.['ExternalId']).toBe('A');
  });

  it('refuses to clear a required field and keeps the record as it was', () => {
    const w = world();
    const id = w.store.createRecord(client(w))['Id'] as string;

    const refused = faultOf(() =>
      w.store.updateRecord({ $type: 'Client', Id: id, Lang: 'en', Label: null }),
    );

    expect(refused.type).toBe('VALIDATION');
    expect(w.store.get('CLIENT', id)).toMatchObject({ Label: 'Acme' });
    expect(w.store.get('CLIENT', id)?.['Lang']).toBeUndefined();
  });

  it('refuses server-owned fields', () => {
    const w = world();
    const taskId = w.store.addTask({ typeId: w.taskTypeId, logicId: 700 });

    const code = faultOf(() =>
      w.store.updateRecord({ $type: 'Task', Id: taskId, Code: 'X' }),
    );
    const state = faultOf(() =>
      w.store.updateRecord({
        $type: 'Task',
        Id: taskId,
        CurrentState: { LogicId: '750' },
      }),
    );

    expect(code.message).toContain('Code');
    expect(state.message).toContain('ProgressTaskToLogicId');
  });
});

describe('fake store: dynamic properties', () => {
  function product(w: World, props: unknown[]): WireObject {
    return {
      $type: 'Product',
      Label: 'Screw',
      TypeRef: { Id: w.productTypeId },
      Properties: { Property: props } as unknown as WireObject,
    };
  }

  it('stores a value whose xsi:type fits the definition and merges by name', () => {
    const w = world();
    const id = w.store.createRecord(
      product(w, [
        { Name: 'qb.kind', Value: str('Service') },
        { Name: 'qb.cost', Value: { $type: 'xsd:decimal', value: '1.25' } },
      ]),
    )['Id'] as string;

    w.store.updateRecord({
      $type: 'Product',
      Id: id,
      Properties: { Property: [{ Name: 'qb.kind', Value: str('Inventory') }] } as never,
    });

    expect(w.store.property('PRODUCT', id, 'qb.kind')).toEqual(str('Inventory'));
    expect(w.store.property('PRODUCT', id, 'qb.cost')).toEqual({
      $type: 'xsd:decimal',
      value: '1.25',
    });
  });

  it('clears a property sent with a nil value', () => {
    const w = world();
    const id = w.store.createRecord(
      product(w, [{ Name: 'qb.kind', Value: str('Service') }]),
    )['Id'] as string;

    w.store.updateRecord({
      $type: 'Product',
      Id: id,
      Properties: { Property: [{ Name: 'qb.kind', Value: null }] } as never,
    });

    expect(w.store.property('PRODUCT', id, 'qb.kind')).toBeUndefined();
  });

  it.each([
    ['an unknown property', [{ Name: 'qb.unknown', Value: str('x') }], 'no property'],
    ['a value of the wrong type', [{ Name: 'qb.cost', Value: str('1.25') }], 'DECIMAL'],
    [
      'an untyped value',
      [{ Name: 'qb.kind', Value: { $type: null, value: 'x' } }],
      'xsi:type',
    ],
  ])('refuses %s', (_case, props, hint) => {
    const w = world();

    const refused = faultOf(() => w.store.createRecord(product(w, props)));

    expect(refused.type).toBe('VALIDATION');
    expect(refused.message).toContain(hint);
  });

  it('accepts an ENTITY value only for an existing entity of the right type', () => {
    const w = world();
    const classe = w.store.addRecord('DYNAMIC_ENTITY', {
      Label: 'Residential',
      TypeRef: { Id: w.classeTypeId },
    });
    const site = w.store.addRecord('DYNAMIC_ENTITY', {
      Label: 'Main',
      TypeRef: { Id: w.siteTypeId },
    });
    const taskId = w.store.addTask({ typeId: w.taskTypeId });
    const set = (value: unknown) => () =>
      w.store.updateRecordField({ Type: 'TASK', Id: taskId }, 'PROPERTY', {
        Name: 'billing.classe',
        Value: value as never,
      });

    expect(faultOf(set({ $type: 'RecordRef', value: { Id: '424242' } })).type).toBe(
      'NOT_FOUND',
    );
    expect(faultOf(set({ $type: 'RecordRef', value: { Id: site } })).type).toBe(
      'VALIDATION',
    );
    set({ $type: 'RecordRef', value: { Id: classe } })();

    expect(w.store.property('TASK', taskId, 'billing.classe')).toEqual({
      $type: 'RecordRef',
      value: { Id: classe, Type: 'DYNAMIC_ENTITY', Label: 'Residential' },
    });
  });
});

describe('fake store: workflows', () => {
  it('moves a task, records the state and its history', () => {
    const w = world();
    const taskId = w.store.addTask({
      typeId: w.taskTypeId,
      logicId: 700,
      properties: { 'billing.invoiceNumber': 'INV-1' },
    });

    const stateRef = w.store.progressTask(
      { Id: taskId },
      750,
      '2026-01-02T03:04:05Z',
      w.userId,
    );

    expect(stateRef).toMatchObject({ Type: 'TASK_STATE' });
    expect(w.store.taskLogicId(taskId)).toBe(750);
    expect(w.store.stepHistory(taskId)).toEqual([
      expect.objectContaining({
        fromLogicId: 700,
        toLogicId: 750,
        at: '2026-01-02T03:04:05Z',
      }),
    ]);
  });

  it('refuses an unknown logic id and a missing mandatory property', () => {
    const w = world();
    const taskId = w.store.addTask({ typeId: w.taskTypeId, logicId: 700 });

    const unknown = faultOf(() =>
      w.store.progressTask({ Id: taskId }, 999, 'now', w.userId),
    );
    const mandatory = faultOf(() =>
      w.store.progressTask({ Id: taskId }, 750, 'now', w.userId),
    );

    expect(unknown.message).toContain('999');
    expect(mandatory.message).toContain('billing.invoiceNumber');
    expect(w.store.taskLogicId(taskId)).toBe(700);
  });

  it('enforces transitions only when told to', () => {
    const lax = world();
    const strict = world({ strictTransitions: true });
    const laxTask = lax.store.addTask({ typeId: lax.taskTypeId, logicId: 500 });
    const strictTask = strict.store.addTask({ typeId: strict.taskTypeId, logicId: 500 });

    lax.store.progressTask({ Id: laxTask }, 760, 'now', lax.userId);
    const refused = faultOf(() =>
      strict.store.progressTask({ Id: strictTask }, 760, 'now', strict.userId),
    );

    expect(lax.store.taskLogicId(laxTask)).toBe(760);
    expect(refused.message).toContain('500 to step 760');
  });
});

describe('fake store: seeded task content', () => {
  it('keeps items as seeded, free-text and zero-price lines included', () => {
    const w = world();
    const productId = w.store.addRecord('PRODUCT', {
      Label: 'Labour',
      TypeRef: { Id: w.productTypeId },
    });

    const taskId = w.store.addTask({
      typeId: w.taskTypeId,
      items: [
        { productId, label: 'Labour', quantity: '2', price: '80.00', total: '160.00' },
        { label: 'Free trip', quantity: '1', price: '0' },
      ],
      subTotal: '160.00',
      total: '183.96',
      taxAmounts: ['8.00', '15.96'],
    });

    const task = w.store.get('TASK', taskId) as WireObject;
    const list = task['TaskItemList'] as WireObject;
    const items = (list['TaskItems'] as WireObject)['Record'] as WireObject[];
    expect(task['Code']).toBe('F000001');
    expect(items.map((i) => i['ProductRef'] ?? null)).toEqual([
      { Id: productId, Type: 'PRODUCT', Label: 'Labour' },
      null,
    ]);
    expect(list).toMatchObject({ SubTotal: '160.00', Total: '183.96' });
  });
});
