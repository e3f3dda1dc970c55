import {
  seedDemo,
  startFakeProgressionLive,
  type DemoIds,
  type RunningFake,
} from '../../../apps/fake-progressionlive/src';
import {
  createProgressionLivePort,
  ProgressionLiveError,
  ServiceClients,
  type ProgressionLivePort,
} from './index';

// Sessions that expire and faults of every class, over real HTTP against the fake.

const TIMEOUT_MS = 800;

let fake: RunningFake;
let ids: DemoIds;
let port: ProgressionLivePort;

function portFor(baseUrl: string, password = ids.account.password): ProgressionLivePort {
  return createProgressionLivePort(
    { baseUrl, username: ids.account.username, password },
    { timeoutMs: TIMEOUT_MS, clients: new ServiceClients() },
  );
}

beforeEach(async () => {
  fake = await startFakeProgressionLive({ host: '127.0.0.1' });
  ids = seedDemo(fake.store);
  port = portFor(fake.url);
});

afterEach(async () => {
  await fake.close();
});

async function failureOf(promise: Promise<unknown>): Promise<ProgressionLiveError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ProgressionLiveError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

const ops = () => fake.store.journal.operations();

describe('session renewal', () => {
  it('logs in again once when the session has expired, then retries the call', async () => {
    await port.openSession();
    fake.store.expireSessions();

    const task = await port.getTask(ids.taskIds[0] as string);

    expect(task.code).toBe('F000001');
    expect(ops()).toEqual(['Login', 'GetRecord', 'Login', 'GetRecord']);
    expect(fake.store.journal.all()[1]).toMatchObject({
      outcome: 'fault',
      fault: { type: 'AUTHENTICATION' },
    });
  });

  it('renews only once: a second refusal is an AUTH error', async () => {
    fake.store.injectFault({ operation: 'GetRecord', kind: 'auth', times: 2 });

    const failure = await failureOf(port.getTask(ids.taskIds[0] as string));

    expect(failure).toMatchObject({
      code: 'AUTH',
      retryable: false,
      fixableBy: 'bookkeeper',
    });
    expect(ops()).toEqual(['Login', 'GetRecord', 'Login', 'GetRecord']);
  });

  it('shares one new login between calls that all found the session expired', async () => {
    await port.openSession();
    fake.store.expireSessions();

    await Promise.all(ids.taskIds.map((id) => port.getTask(id)));

    expect(ops().filter((o) => o === 'Login')).toHaveLength(2);
  });

  it('reports refused credentials as AUTH without retrying the login', async () => {
    const wrong = portFor(fake.url, 'not-the-password');

    const failure = await failureOf(wrong.getTask(ids.taskIds[0] as string));

    expect(failure).toMatchObject({ code: 'AUTH', retryable: false, operation: 'Login' });
    expect(failure.text.fr).toContain('mot de passe');
    expect(ops()).toEqual(['Login']);
  });
});

describe('faults', () => {
  it('maps a validation fault, keeping its type and message', async () => {
    fake.store.injectFault({
      operation: 'CreateRecord',
      kind: 'validation',
      message: 'Le nom est trop long',
    });

    const failure = await failureOf(
      port.upsertClient({
        externalId: 'X-1',
        typeRef: { id: ids.clientTypeId },
        label: 'Acme',
      }),
    );

    expect(failure).toMatchObject({
      code: 'VALIDATION',
      retryable: false,
      fixableBy: 'bookkeeper',
      faultType: 'VALIDATION',
      faultMessage: 'Le nom est trop long',
    });
    expect(failure.toRecord()).toMatchObject({
      code: 'PROGRESSIONLIVE_VALIDATION',
      details: { operation: 'CreateRecord', faultMessage: 'Le nom est trop long' },
    });
  });

  it('maps an unknown record to NOT_FOUND', async () => {
    const failure = await failureOf(port.getTask('987654321'));

    expect(failure).toMatchObject({ code: 'NOT_FOUND', retryable: false });
  });

  it('maps a query the service does not understand to UNSUPPORTED', async () => {
    fake.store.injectFault({ operation: 'SearchRecordRefs', kind: 'unsupported_query' });

    const failure = await failureOf(port.listTasksAtStage(700));

    expect(failure).toMatchObject({ code: 'UNSUPPORTED', fixableBy: 'developer' });
  });

  it('maps a server error to UNAVAILABLE, retryable', async () => {
    fake.store.injectFault({ operation: 'GetRecord', kind: 'internal' });

    const failure = await failureOf(port.getTask(ids.taskIds[0] as string));

    expect(failure).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
  });

  it.each([
    ['a timeout', { kind: 'timeout' as const, holdMs: 10_000 }, 'ECONNABORTED'],
    ['a 503 page', { kind: 'http503' as const }, 'HTTP 503'],
    ['a cut connection', { kind: 'reset' as const }, 'ECONNRESET'],
  ])('maps %s to UNAVAILABLE, retryable', async (_case, spec, transport) => {
    fake.store.injectFault({ operation: 'GetRecord', ...spec });
    const started = Date.now();

    const failure = await failureOf(port.getTask(ids.taskIds[0] as string));

    expect(failure).toMatchObject({
      code: 'UNAVAILABLE',
      retryable: true,
      fixableBy: 'nobody',
      transport,
    });
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 4);
  });

  it('maps a service that is down at WSDL time to UNAVAILABLE, and recovers once it is up', async () => {
    fake.store.setDown(true);
    const failure = await failureOf(port.getTask(ids.taskIds[0] as string));
    fake.store.setDown(false);

    const task = await port.getTask(ids.taskIds[0] as string);

    expect(failure).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(task.id).toBe(ids.taskIds[0]);
  });

  it('maps a refused connection to UNAVAILABLE, retryable', async () => {
    const url = fake.url;
    await fake.close();

    const failure = await failureOf(portFor(url).getTask('1'));
    fake = await startFakeProgressionLive({ host: '127.0.0.1' });

    expect(failure).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
  });

  it('reports an address without the web service as a settings problem, not retryable', async () => {
    const failure = await failureOf(portFor(`${fake.url}/nothing-here`).getTask('1'));

    expect(failure).toMatchObject({
      code: 'UNAVAILABLE',
      retryable: false,
      fixableBy: 'bookkeeper',
      transport: 'HTTP 404',
    });
  });
});
