import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClientAsync } from 'soap';
import { create } from 'xmlbuilder2';
import { validateXML } from 'xmllint-wasm';
import { createProgressionLivePort } from '../create-port';
import type { ProgressionLivePort } from '../port';
import { handleFor, ServiceClients, soapClientOptions } from './service-clients';

// The adapter against canned XML rather than the fake: a WSDL that differs from the fake's
// where the public record is unsure (namespace, qualified elements, `properties` in lower
// case, other RecordType spellings, no dynamic-property field type) and responses written
// the way a Java server writes them (single-item lists, xsi:type on values, floats in
// E notation). Every request the adapter sends is validated against the WSDL's schema.

const FIXTURES = join(__dirname, 'contract-fixtures');
const WSDL = readFileSync(join(FIXTURES, 'variant-service.wsdl'), 'utf8');
const TNS = 'http://ws.progression.example.invalid/v2';
const SERVICE_URL = 'https://variant.example.invalid/server/ws/v2/ProgressionWebService';

const response = (name: string) =>
  readFileSync(join(FIXTURES, 'responses', `${name}.xml`), 'utf8');

interface Sent {
  action: string;
  xml: string;
}

/** Answers each SOAPAction from a queue of canned responses and keeps what was sent. */
class CannedHttp {
  readonly sent: Sent[] = [];
  private readonly queues = new Map<string, Array<{ status: number; body: string }>>();

  answer(action: string, body: string, status = 200): this {
    const queue = this.queues.get(action) ?? [];
    queue.push({ status, body });
    this.queues.set(action, queue);
    return this;
  }

  request(
    _url: string,
    data: string,
    callback: (err: unknown, res?: unknown, body?: unknown) => void,
    headers: Record<string, string> = {},
  ) {
    const action = String(headers['SOAPAction'] ?? '').replace(/"/g, '');
    this.sent.push({ action, xml: data });
    const next = this.queues.get(action)?.shift();
    if (!next) throw new Error(`no canned answer for ${action}`);
    const res = { status: next.status, data: next.body, headers: {} };
    setImmediate(() => callback(null, res, next.body));
    return Promise.resolve(res);
  }

  bodies(action: string): string[] {
    return this.sent.filter((s) => s.action === action).map((s) => s.xml);
  }
}

function portOver(http: CannedHttp): ProgressionLivePort {
  const clients = new ServiceClients(async (_baseUrl, timeoutMs) => {
    const options = {
      ...soapClientOptions(SERVICE_URL, timeoutMs),
      httpClient: http as never,
    };
    return handleFor(await createClientAsync(WSDL, options), SERVICE_URL);
  });
  return createProgressionLivePort(
    {
      baseUrl: 'https://variant.example.invalid',
      username: 'api@variant.test',
      password: 'pw',
    },
    { clients, asUser: 'Sync QB' },
  );
}

/** The schema inside the WSDL, as a standalone document. */
function schemaOfWsdl(): string {
  const start = WSDL.indexOf('<xs:schema');
  const end = WSDL.indexOf('</xs:schema>') + '</xs:schema>'.length;
  return WSDL.slice(start, end).replace(
    '<xs:schema ',
    `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:ns1="${TNS}" `,
  );
}

/** The body's element of a request envelope, with the namespaces it uses declared on it. */
function bodyElement(envelope: string): string {
  const doc = create(envelope);
  const body = doc.root().find((n) => n.node.nodeName.endsWith(':Body'), false, true);
  if (!body) throw new Error('no Body');
  return body.first().toString();
}

async function expectValid(envelope: string): Promise<void> {
  const result = await validateXML({
    xml: [{ fileName: 'request.xml', contents: bodyElement(envelope) }],
    schema: [{ fileName: 'service.xsd', contents: schemaOfWsdl() }],
  });
  expect(result.errors.map((e) => e.message)).toEqual([]);
}

describe('contract with a differently shaped WSDL', () => {
  it('reads single-item lists, typed property values and E-notation amounts', async () => {
    const http = new CannedHttp()
      .answer('Login', response('login'))
      .answer('GetRecord', response('get-task'));

    const task = await portOver(http).getTask('88001');

    expect(task.items).toEqual([
      {
        id: '88002',
        productRef: { id: '301', type: 'PRODUCT', label: 'Génératrice' },
        label: 'Génératrice industrielle',
        quantity: '1.0',
        price: '12500000',
        total: '12500000',
      },
    ]);
    expect(task).toMatchObject({
      code: 'F000123',
      logicId: 700,
      stepAt: '2026-02-03T10:00:00-05:00',
      taxAmounts: ['625000.0'],
      subTotal: '12500000',
      total: '13125000',
    });
    expect(task.properties).toEqual({
      'facturation.numeroPo': {
        name: 'facturation.numeroPo',
        value: 'PO-77',
        xsiType: 'xs:string',
      },
      'facturation.site': {
        name: 'facturation.site',
        value: 'Entrepôt',
        xsiType: 'ns2:RecordRef',
        entity: {
          id: '5501',
          type: 'DYNAMICENTITY',
          label: 'Entrepôt',
          externalId: '80000009-1',
        },
      },
    });
  });

  it('reads a search answer holding a single reference as a list of one', async () => {
    const http = new CannedHttp()
      .answer('Login', response('login'))
      .answer('SearchRecordRefs', response('search-one-ref'));

    const tasks = await portOver(http).listTasksAtStage(700);

    expect(tasks).toEqual([{ id: '88001', code: 'F000123' }]);
  });

  it('passes back the credentials Login returned and sends schema-valid requests', async () => {
    const http = new CannedHttp()
      .answer('Login', response('login'))
      .answer('SearchRecordRefs', response('search-one-ref'));

    await portOver(http).listTasksAtStage(700, {
      taskTypeIds: ['12'],
      offset: 0,
      count: 50,
    });

    const [login, search] = [http.bodies('Login')[0], http.bodies('SearchRecordRefs')[0]];
    await expectValid(login as string);
    await expectValid(search as string);
    expect(search).toContain('<ns1:SessionID>4f1c2d</ns1:SessionID>');
    expect(search).toContain('<ns1:Username>api@variant.test</ns1:Username>');
    expect(search).not.toContain('Password');
    expect(search).toMatch(/<ns1:Value [^>]*xsi:type="xsd:int"[^>]*>700</);
  });

  it('writes a record in the WSDL spelling and order, typed, and schema-valid', async () => {
    const http = new CannedHttp()
      .answer('Login', response('login'))
      .answer('SearchRecordRefs', response('search-none'))
      .answer('CreateRecord', response('create'));

    const ref = await portOver(http).upsertProduct({
      externalId: '80000003-1',
      typeRef: { id: '7' },
      label: 'Vis',
      price: '0.25',
      taxable: true,
      code: 'VIS',
      properties: {
        'quickbooks.typeArticle': 'Inventory',
        'quickbooks.classe': { entity: { externalId: '80000008-1' } },
      },
    });

    const [body] = http.bodies('CreateRecord');
    await expectValid(body as string);
    expect(ref).toMatchObject({ id: '9100', externalId: '80000003-1' });
    expect(body).toMatch(/<ns1:record [^>]*xsi:type="ns1:Product"/);
    expect(body).toContain('<ns1:properties>');
    expect(body).not.toContain('Properties>');
    expect(body).toMatch(/xsi:type="xsd:string"[^>]*>Inventory</);
    expect(body).toMatch(/xsi:type="ns1:RecordRef"/);
    expect(body).toContain('<ns1:Type>DYNAMICENTITY</ns1:Type>');
    expect(body).toMatch(/<ns1:CreatorRef><ns1:Type>USER<\/ns1:Type><ns1:Label>Sync QB</);
  });

  it('falls back to UpdateRecord for a task property when no field type means "property"', async () => {
    const http = new CannedHttp()
      .answer('Login', response('login'))
      .answer('UpdateRecord', response('update'));

    await portOver(http).setTaskProperty('88001', 'facturation.numeroFacture', 'INV-9');

    const [body] = http.bodies('UpdateRecord');
    await expectValid(body as string);
    expect(http.bodies('UpdateRecordField')).toEqual([]);
    expect(body).toMatch(/xsi:type="ns1:Task"/);
    expect(body).toContain('<ns1:Id>88001</ns1:Id>');
    expect(body).toContain('<ns1:Name>facturation.numeroFacture</ns1:Name>');
  });

  it('clears with xsi:nil, still schema-valid', async () => {
    const http = new CannedHttp()
      .answer('Login', response('login'))
      .answer('UpdateRecord', response('update'));

    await portOver(http).upsertClient({
      externalId: 'C-1',
      id: '401',
      lang: null,
      active: true,
    });

    const [body] = http.bodies('UpdateRecord');
    await expectValid(body as string);
    expect(body).toMatch(/<ns1:removed xsi:nil="true"/);
    expect(body).toMatch(/<ns1:Lang xsi:nil="true"/);
  });

  it('reads an unlisted fault type from its message and renews the session once', async () => {
    const http = new CannedHttp()
      .answer('Login', response('login'))
      .answer('ProgressTaskToLogicId', response('fault-session-expired'), 500)
      .answer('Login', response('login'))
      .answer('ProgressTaskToLogicId', response('progress'));

    await portOver(http).progressTask('88001', 750, new Date('2026-02-03T15:00:00Z'));

    expect(http.sent.map((s) => s.action)).toEqual([
      'Login',
      'ProgressTaskToLogicId',
      'Login',
      'ProgressTaskToLogicId',
    ]);
    const [, retried] = http.bodies('ProgressTaskToLogicId');
    await expectValid(retried as string);
    expect(retried).toContain('<ns1:datetime>2026-02-03T15:00:00.000Z</ns1:datetime>');
  });
});
