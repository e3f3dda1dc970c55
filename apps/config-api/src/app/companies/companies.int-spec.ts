import { CompanyEntity, SettingsChangeEntity } from '@qbd/domain';
import { SecretBox } from '@qbd/platform';
import { CompaniesService } from './companies.service';
import { ConfigApiHarness, TEST_API_KEY } from '../testing/config-api-harness';

describe('companies (integration)', () => {
  let api: ConfigApiHarness;

  beforeAll(async () => {
    api = await ConfigApiHarness.start();
  });

  afterAll(async () => {
    await api.close();
  });

  const stored = (id: string) =>
    api.db.dataSource.manager.findOneByOrFail(CompanyEntity, { id });

  describe('POST /v1/companies', () => {
    it('creates a company with default settings and stable .qwc ids', async () => {
      const response = await api.call('POST', '/v1/companies', {
        body: { externalId: 'pl-1001', name: 'Lavoie & Fils' },
      });

      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(body).toMatchObject({
        externalId: 'pl-1001',
        name: 'Lavoie & Fils',
        enabled: true,
        settingsVersion: 1,
        webConnector: { userName: null, passwordSet: false, credentialGeneration: 0 },
        progressionLive: null,
      });
      const company = await stored(body.id);
      expect(company.qwcOwnerId).toMatch(/^[0-9a-f-]{36}$/);
      expect(company.qwcFileId).toMatch(/^[0-9a-f-]{36}$/);
      expect(company.qwcFileId).not.toBe(company.qwcOwnerId);
      expect(company.settings.minIntervalMinutes).toBe(5);
    });

    it('keeps the given settings, fills the rest with defaults and audits version 1', async () => {
      const response = await api.call('POST', '/v1/companies', {
        body: {
          externalId: 'pl-1002',
          name: 'Chauffage Roy',
          settings: {
            billingTriggerStage: 800,
            billedStage: 850,
            documentKind: 'salesOrder',
          },
        },
        headers: { 'x-actor': 'marie@roy.example' },
      });

      expect(response.statusCode).toBe(201);
      const company = await stored(response.json().id);
      expect(company.settings).toMatchObject({
        billingTriggerStage: 800,
        billedStage: 850,
        documentKind: 'salesOrder',
        maxIntervalMinutes: 60,
      });
      const audit = await api.db.dataSource.manager.findBy(SettingsChangeEntity, {
        companyId: company.id,
      });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        version: 1,
        changedBy: 'marie@roy.example',
        before: null,
      });
      expect(audit[0]!.after).toMatchObject({ billingTriggerStage: 800 });
    });

    it('schedules the new company’s imports', async () => {
      const id = await api.createCompany();

      const job = await api.queues.queue('maintenance').getJob(`reschedule-${id}-v1`);
      expect(job?.data).toEqual({ task: 'reschedule', companyId: id });
    });

    it('seals the ProgressionLIVE password and never returns it', async () => {
      const response = await api.call('POST', '/v1/companies', {
        body: {
          externalId: 'pl-1003',
          name: 'Électricité Gagnon',
          progressionLive: {
            baseUrl: 'https://gagnon.progressionlive.example/',
            username: 'sync',
            password: 'S3cret!pl',
          },
        },
      });

      expect(response.statusCode).toBe(201);
      expect(response.body).not.toContain('S3cret!pl');
      expect(response.json().progressionLive).toEqual({
        baseUrl: 'https://gagnon.progressionlive.example',
        username: 'sync',
        passwordSet: true,
      });
      const company = await stored(response.json().id);
      expect(company.plPasswordSealed).not.toContain('S3cret');
      expect(api.app.get(SecretBox).decrypt(company.plPasswordSealed!)).toBe('S3cret!pl');
    });

    it('answers 409 for an external id that exists', async () => {
      const first = await api.call('POST', '/v1/companies', {
        body: { externalId: 'pl-dup', name: 'A' },
      });
      const second = await api.call('POST', '/v1/companies', {
        body: { externalId: 'pl-dup', name: 'B' },
      });

      expect(second.statusCode).toBe(409);
      expect(second.json()).toMatchObject({
        code: 'COMPANY_EXISTS',
        details: { externalId: 'pl-dup', companyId: first.json().id },
      });
    });

    it('creates one company when two identical creations race', async () => {
      const body = { externalId: 'pl-race', name: 'Race' };
      const answers = await Promise.all(
        [1, 2, 3].map(() => api.call('POST', '/v1/companies', { body })),
      );

      expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 409, 409]);
      expect(
        await api.db.dataSource.manager.countBy(CompanyEntity, { externalId: 'pl-race' }),
      ).toBe(1);
    });

    it.each([
      ['no external id', { name: 'A' }, 'externalId'],
      ['an empty name', { externalId: 'x-1', name: '' }, 'name'],
      ['an external id with spaces', { externalId: 'a b', name: 'A' }, 'externalId'],
      ['an unknown field', { externalId: 'x-2', name: 'A', plan: 'gold' }, 'plan'],
      [
        'an unknown settings field',
        { externalId: 'x-3', name: 'A', settings: { colour: 'red' } },
        'settings.colour',
      ],
      [
        'a plain-http ProgressionLIVE address',
        {
          externalId: 'x-4',
          name: 'A',
          progressionLive: {
            baseUrl: 'http://pl.example.com',
            username: 'u',
            password: 'p',
          },
        },
        'progressionLive.baseUrl',
      ],
      [
        'a name with a control character',
        { externalId: 'x-5', name: 'A\u0007B' },
        'name',
      ],
    ])('answers 400 for %s', async (_, body, path) => {
      const response = await api.call('POST', '/v1/companies', { body });

      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('INVALID_REQUEST');
      expect(
        response.json().details.errors.map((error: { path: string }) => error.path),
      ).toContain(path);
    });

    it('answers 400 for a body that is not JSON, and for no body at all', async () => {
      const broken = await api.call('POST', '/v1/companies', {
        body: '{"externalId": ',
        headers: { 'content-type': 'application/json' },
      });
      const empty = await api.call('POST', '/v1/companies');

      expect(broken.statusCode).toBe(400);
      expect(broken.json().code).toBe('INVALID_REQUEST');
      expect(empty.statusCode).toBe(400);
      expect(empty.json().details.errors[0].path).toBe('body');
    });

    it('answers 415 for a body that is not JSON by content type', async () => {
      const response = await api.call('POST', '/v1/companies', {
        body: 'externalId=1',
        headers: { 'content-type': 'text/plain' },
      });

      expect(response.statusCode).toBe(415);
      expect(response.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });
  });

  describe('GET /v1/companies', () => {
    it('reads one company by id, and finds it by external id', async () => {
      const id = await api.createCompany({ externalId: 'pl-find-me' });

      const one = await api.call('GET', `/v1/companies/${id}`);
      const found = await api.call('GET', '/v1/companies?externalId=pl-find-me');
      const none = await api.call('GET', '/v1/companies?externalId=pl-nobody');

      expect(one.statusCode).toBe(200);
      expect(one.json().id).toBe(id);
      expect(found.json().map((company: { id: string }) => company.id)).toEqual([id]);
      expect(none.json()).toEqual([]);
    });

    it('answers 404 for an unknown company and 400 for an id that is not a UUID', async () => {
      const unknown = await api.call(
        'GET',
        '/v1/companies/00000000-0000-4000-8000-000000000000',
      );
      const malformed = await api.call('GET', '/v1/companies/42');

      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({
        code: 'NOT_FOUND',
        details: { resource: 'company' },
      });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().details.errors[0].path).toBe('id');
    });
  });

  describe('PUT /v1/companies/{id}/progressionlive', () => {
    it('replaces the connection and seals the new password', async () => {
      const id = await api.createCompany();

      const response = await api.call('PUT', `/v1/companies/${id}/progressionlive`, {
        body: {
          baseUrl: 'http://127.0.0.1:4010',
          username: 'connector',
          password: 'n3w-pass',
        },
      });

      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        baseUrl: 'http://127.0.0.1:4010',
        username: 'connector',
        passwordSet: true,
      });
      expect(response.body).not.toContain('n3w-pass');
      const company = await stored(id);
      expect(api.app.get(SecretBox).decrypt(company.plPasswordSealed!)).toBe('n3w-pass');
      const read = await api.call('GET', `/v1/companies/${id}`);
      expect(read.body).not.toContain('n3w-pass');
      expect(read.body).not.toContain(company.plPasswordSealed!);
    });

    it('answers 400 without a password and 404 for an unknown company', async () => {
      const id = await api.createCompany();

      const missing = await api.call('PUT', `/v1/companies/${id}/progressionlive`, {
        body: { baseUrl: 'https://a.example', username: 'u' },
      });
      const unknown = await api.call(
        'PUT',
        '/v1/companies/00000000-0000-4000-8000-000000000000/progressionlive',
        {
          body: { baseUrl: 'https://a.example', username: 'u', password: 'p' },
        },
      );

      expect(missing.statusCode).toBe(400);
      expect(unknown.statusCode).toBe(404);
    });
  });

  describe('authentication and the open routes', () => {
    it.each([
      ['no key', null],
      ['a wrong key', 'not-the-key'],
      ['a wrong key of the right length', 'x'.repeat(TEST_API_KEY.length)],
      ['the key with a suffix', `${TEST_API_KEY}x`],
    ])('answers 401 with %s', async (_, apiKey) => {
      const response = await api.call('GET', '/v1/companies?externalId=a', { apiKey });

      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({
        code: 'UNAUTHORIZED',
        fixableBy: 'operator',
      });
    });

    it('refuses a write without the key before touching anything', async () => {
      const response = await api.call('POST', '/v1/companies', {
        body: { externalId: 'pl-nokey', name: 'A' },
        apiKey: null,
      });

      expect(response.statusCode).toBe(401);
      expect(
        await api.db.dataSource.manager.countBy(CompanyEntity, {
          externalId: 'pl-nokey',
        }),
      ).toBe(0);
    });

    it('serves health, metrics and the docs without a key', async () => {
      const live = await api.call('GET', '/health/live', { apiKey: null });
      const ready = await api.call('GET', '/health/ready', { apiKey: null });
      const metrics = await api.call('GET', '/metrics', { apiKey: null });
      const ui = await api.call('GET', '/docs', { apiKey: null });

      expect(live.statusCode).toBe(200);
      expect(ready.statusCode).toBe(200);
      expect(metrics.body).toContain('qbd_http_requests_total');
      expect(ui.statusCode).toBe(200);
      expect(ui.headers['content-type']).toContain('text/html');
    });

    it('documents every route in the OpenAPI document, with the API key scheme', async () => {
      const response = await api.call('GET', '/docs-json', { apiKey: null });

      const document = response.json();
      expect(Object.keys(document.paths).sort()).toEqual([
        '/v1/companies',
        '/v1/companies/{id}',
        '/v1/companies/{id}/connection',
        '/v1/companies/{id}/errors',
        '/v1/companies/{id}/exports',
        '/v1/companies/{id}/exports/{exportId}',
        '/v1/companies/{id}/exports/{exportId}/retry',
        '/v1/companies/{id}/imports',
        '/v1/companies/{id}/imports/{runId}/errors',
        '/v1/companies/{id}/outbox/retry',
        '/v1/companies/{id}/progressionlive',
        '/v1/companies/{id}/qwc',
        '/v1/companies/{id}/sessions',
        '/v1/companies/{id}/settings',
        '/v1/companies/{id}/settings/history',
        '/v1/companies/{id}/status',
        '/v1/companies/{id}/sync',
        '/v1/companies/{id}/task-events',
      ]);
      expect(document.components.securitySchemes.apiKey).toEqual({
        type: 'apiKey',
        name: 'x-api-key',
        in: 'header',
      });
      expect(
        document.components.schemas.SettingsDto.properties.minIntervalMinutes,
      ).toMatchObject({ minimum: 1, maximum: 1440 });
    });
  });

  describe('errors', () => {
    it('answers an unknown route with the error shape', async () => {
      const response = await api.call('GET', '/v1/nothing-here');

      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({
        code: 'ROUTE_NOT_FOUND',
        message: expect.any(String),
        details: { method: 'GET' },
      });
    });

    it('answers an unexpected failure with a bare 500: no stack, no internal message', async () => {
      const failure = new Error('connection to postgres://admin:hunter2@db failed');
      jest.spyOn(api.app.get(CompaniesService), 'get').mockRejectedValueOnce(failure);
      const id = await api.createCompany();

      const response = await api.call('GET', `/v1/companies/${id}`);

      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({
        code: 'INTERNAL',
        message: 'An internal error occurred; it has been logged.',
        details: null,
        fixableBy: 'developer',
        retryable: true,
        messages: expect.objectContaining({ fr: expect.any(String) }),
      });
      expect(response.body).not.toContain('hunter2');
      expect(response.body).not.toContain('at ');
    });
  });
});
