import { startFakeProgressionLive, type RunningFake } from './server';

// The fake over HTTP: the WSDL it serves, its control API, and its refusal to listen
// anywhere but loopback.

let fake: RunningFake;

beforeEach(async () => {
  fake = await startFakeProgressionLive({ host: '127.0.0.1' });
});

afterEach(async () => {
  await fake.close();
});

async function control(method: string, path: string, body?: unknown) {
  const res = await fetch(`${fake.url}/_control${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const SERVICE = '/server/ws/v2/ProgressionWebService';

describe('fake ProgressionLIVE over HTTP', () => {
  it('serves a WSDL whose service address is its own', async () => {
    const res = await fetch(`${fake.url}${SERVICE}?wsdl`);
    const wsdl = await res.text();

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/xml');
    expect(wsdl).toContain(`location="${fake.url}${SERVICE}"`);
    expect(wsdl).toContain('<wsdl:operation name="ProgressTaskToLogicId">');
  });

  it('seeds through the control API and reads back records and the journal', async () => {
    await control('POST', '/accounts', { username: 'api@co.test', password: 'pw' });
    const type = await control('POST', '/types', {
      kind: 'CLIENT_TYPE',
      label: 'Customer',
    });
    const client = await control('POST', '/records/CLIENT', {
      Label: 'Acme',
      TypeRef: { Id: type.body.id },
    });

    const read = await control('GET', `/records/CLIENT/${client.body.id}`);
    const journal = await control('GET', '/journal');

    expect(read.body).toMatchObject({ Label: 'Acme', TypeRef: { Label: 'Customer' } });
    expect(journal.body).toEqual([]);
  });

  it('answers 400 with the rule that a seed broke', async () => {
    const res = await control('POST', '/records/CLIENT', { Label: 'No type' });

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      type: 'VALIDATION',
      error: 'Client.TypeRef is required',
    });
  });

  it('takes faults and the down switch, and refuses a malformed fault', async () => {
    const bad = await control('POST', '/faults', {
      operation: 'GetRecord',
      kind: 'explode',
    });
    await control('POST', '/faults', {
      operation: 'GetRecord',
      kind: 'http503',
      times: 2,
    });
    const pending = await control('GET', '/faults');
    await control('POST', '/down', { down: true });
    const wsdlWhileDown = await fetch(`${fake.url}${SERVICE}?wsdl`);

    expect(bad.status).toBe(400);
    expect(pending.body).toEqual([{ operation: 'GetRecord', kind: 'http503', times: 2 }]);
    expect(wsdlWhileDown.status).toBe(503);
    expect(fake.store.isDown()).toBe(true);
  });

  it('refuses to listen anywhere but loopback', async () => {
    const anywhere = startFakeProgressionLive({ host: '0.0.0.0' as never });

    await expect(anywhere).rejects.toThrow('refusing to listen on 0.0.0.0');
  });
});
