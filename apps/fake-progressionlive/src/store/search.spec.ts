import { FakeFault } from './fake-fault';
import { FakeProgressionLiveStore } from './fake-store';

function setUp() {
  const store = new FakeProgressionLiveStore({ maxPageSize: 3 });
  const workflowId = store.addWorkflow({
    label: 'Billing',
    steps: [
      { logicId: 700, label: 'To accounting' },
      { logicId: 750, label: 'Invoiced' },
    ],
  });
  const typeA = store.addTaskType({ label: 'A', workflowId, codePrefix: 'A' });
  const typeB = store.addTaskType({ label: 'B', workflowId, codePrefix: 'B' });
  const tasks = [
    store.addTask({ typeId: typeA, logicId: 700 }),
    store.addTask({ typeId: typeB, logicId: 700 }),
    store.addTask({ typeId: typeA, logicId: 750 }),
    store.addTask({ typeId: typeA, logicId: 700 }),
    store.addTask({ typeId: typeB, logicId: 700 }),
  ];
  return { store, typeA, typeB, tasks };
}

const param = (name: string, type: string, value: string) => ({
  Name: name,
  Value: { $type: type, value },
});

function ids(records: Array<Record<string, unknown>>): string[] {
  return records.map((r) => r['Id'] as string);
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

describe('fake store: search', () => {
  it('finds tasks at a logic id, in id order, within the page limits', () => {
    const { store, tasks } = setUp();
    const at700 = [tasks[0], tasks[1], tasks[3], tasks[4]];

    const page1 = store.search({
      recordType: 'TASK',
      query: 'currentState.logicId = :logicId',
      parameters: { Property: [param('logicId', 'xsd:int', '700')] } as never,
      offset: 0,
      count: 2,
    });
    const page2 = store.search({
      recordType: 'TASK',
      query: 'currentState.logicId = :logicId',
      parameters: { Property: [param('logicId', 'xsd:int', '700')] } as never,
      offset: 2,
      count: 10,
    });

    expect(ids(page1)).toEqual(at700.slice(0, 2));
    expect(ids(page2)).toEqual(at700.slice(2, 4));
  });

  it('caps a page at the server maximum', () => {
    const { store } = setUp();

    const all = store.search({ recordType: 'TASK', count: 50 });

    expect(all).toHaveLength(3);
  });

  it('filters on task types with a parenthesised or', () => {
    const { store, typeB, tasks } = setUp();

    const found = store.search({
      recordType: 'TASK',
      query: 'currentState.logicId = :logicId and (type.id = :type0)',
      parameters: {
        Property: [param('logicId', 'xsd:int', '700'), param('type0', 'xsd:long', typeB)],
      } as never,
    });

    expect(ids(found)).toEqual([tasks[1], tasks[4]]);
  });

  it('finds by label, code and external id', () => {
    const { store, typeA } = setUp();
    const clientType = store.addType('CLIENT_TYPE', 'Customer');
    const clientId = store.addRecord('CLIENT', {
      Label: 'Acme',
      ExternalId: '80000001-1',
      TypeRef: { Id: clientType },
    });

    const byLabel = store.search({
      recordType: 'CLIENT_TYPE',
      query: 'label = :label',
      parameters: { Property: [param('label', 'xsd:string', 'Customer')] } as never,
    });
    const byExternal = store.search({
      recordType: 'CLIENT',
      query: 'externalId = :externalId',
      parameters: {
        Property: [param('externalId', 'xsd:string', '80000001-1')],
      } as never,
    });
    const byCode = store.search({
      recordType: 'TASK',
      query: 'code = :code',
      parameters: { Property: [param('code', 'xsd:string', 'A000001')] } as never,
    });

    expect(ids(byLabel)).toEqual([clientType]);
    expect(ids(byExternal)).toEqual([clientId]);
    expect(byCode.map((t) => (t['TypeRef'] as Record<string, unknown>)['Id'])).toEqual([
      typeA,
    ]);
  });

  it('leaves removed records out', () => {
    const { store, tasks } = setUp();
    store.deleteRecord({ Type: 'TASK', Id: tasks[0] });

    const found = store.search({ recordType: 'TASK', count: 3 });

    expect(ids(found)).not.toContain(tasks[0]);
  });

  it.each([
    ['a LIKE', 'label like :label', [param('label', 'xsd:string', 'x')]],
    ['a literal', 'defaultType = 1', []],
    ['an attribute it does not know', 'summary = :s', [param('s', 'xsd:string', 'x')]],
    ['code on a client', 'code = :code', [param('code', 'xsd:string', 'x')]],
    [
      'an or without parentheses',
      'label = :a or label = :b',
      [param('a', 'xsd:string', 'x'), param('b', 'xsd:string', 'y')],
    ],
    [
      'a parameter the query does not use',
      'label = :a',
      [param('a', 'xsd:string', 'x'), param('b', 'xsd:string', 'y')],
    ],
  ])('fails loudly on %s', (_case, query, params) => {
    const { store } = setUp();

    const refused = faultOf(() =>
      store.search({
        recordType: 'CLIENT',
        query,
        parameters: { Property: params } as never,
      }),
    );

    expect(refused.type).toBe('UNSUPPORTED_QUERY');
    expect(refused.message).toContain('Supported:');
  });

  it('refuses a numeric comparison whose parameter is sent as a string', () => {
    const { store } = setUp();

    const refused = faultOf(() =>
      store.search({
        recordType: 'TASK',
        query: 'currentState.logicId = :logicId',
        parameters: { Property: [param('logicId', 'xsd:string', '700')] } as never,
      }),
    );

    expect(refused.type).toBe('VALIDATION');
    expect(refused.message).toContain('xsd:int');
  });
});
