import { CompanyEntity, ExportEntity } from '@qbd/domain';
import { ConfigApiHarness } from '../testing/config-api-harness';

describe('request bodies the API cannot store (integration)', () => {
  let api: ConfigApiHarness;
  let companyId: string;

  beforeAll(async () => {
    api = await ConfigApiHarness.start();
    companyId = await api.createCompany();
  });

  afterAll(async () => {
    await api.close();
  });

  const companies = () => api.db.dataSource.manager.count(CompanyEntity);
  const taskEvent = (description: string) => ({
    eventId: 'evt-nul-1',
    task: {
      taskId: 'T-nul',
      taskNumber: 'T-nul',
      stage: 700,
      clientId: 'C-1',
      items: [{ description, quantity: '1', unitPrice: '10.00' }],
    },
  });

  it('refuses a form-encoded body with 415 and creates nothing', async () => {
    const before = await companies();
    const response = await api.call('POST', '/v1/companies', {
      body: 'externalId=form-1&name=Form',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      fixableBy: 'developer',
      retryable: false,
    });
    expect(await companies()).toBe(before);
  });

  it('refuses JSON nested 100,000 deep with 400, not a crash', async () => {
    const body = `{"externalId":"deep-1","name":"Deep","settings":{"x":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}}`;
    const response = await api.call('POST', '/v1/companies', { body });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('refuses NUL in a task line with 400 instead of failing in Postgres', async () => {
    const response = await api.call('POST', `/v1/companies/${companyId}/task-events`, {
      body: taskEvent('a\u0000b'),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'INVALID_REQUEST',
      details: { errors: [{ path: 'description' }] },
    });
    expect(await api.db.dataSource.manager.countBy(ExportEntity, { companyId })).toBe(0);
  });

  it('refuses a name with half a surrogate pair rather than storing a replacement character', async () => {
    const before = await companies();
    const response = await api.call('POST', '/v1/companies', {
      body: '{"externalId":"half-1","name":"Caf\\ud800"}',
    });
    expect(response.statusCode).toBe(400);
    expect(await companies()).toBe(before);
  });

  it('still accepts ordinary JSON, with charset and emoji', async () => {
    const response = await api.call('POST', '/v1/companies', {
      body: JSON.stringify({ externalId: 'emoji-1', name: 'Plomberie 😀 Lavoie' }),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ name: 'Plomberie 😀 Lavoie' });
  });
});
