import { WorkItemEntity } from '@qbd/domain';
import { ConfigApiHarness } from '../testing/config-api-harness';

describe('sync now (integration)', () => {
  let api: ConfigApiHarness;

  beforeAll(async () => {
    api = await ConfigApiHarness.start();
  });

  afterAll(async () => {
    await api.close();
  });

  const syncNow = (companyId: string, body: unknown) =>
    api.call('POST', `/v1/companies/${companyId}/sync`, { body });
  const importsOf = (companyId: string) =>
    api.db.dataSource.manager.find(WorkItemEntity, {
      where: { companyId, kind: 'import' },
      order: { entity: 'ASC' },
    });

  it('queues one import per list for the next Web Connector session', async () => {
    const companyId = await api.createCompany();

    const response = await syncNow(companyId, {
      entities: ['customers', 'items', 'classes'],
      mode: 'full',
    });

    expect(response.statusCode).toBe(200);
    expect(
      response
        .json()
        .map(
          (item: { entity: string; mode: string; status: string; created: boolean }) => [
            item.entity,
            item.mode,
            item.status,
            item.created,
          ],
        ),
    ).toEqual([
      ['customers', 'full', 'queued', true],
      ['items', 'full', 'queued', true],
      ['classes', 'full', 'queued', true],
    ]);
    const stored = await importsOf(companyId);
    expect(stored.map((item) => [item.entity, item.mode, item.status])).toEqual([
      ['classes', 'full', 'queued'],
      ['customers', 'full', 'queued'],
      ['items', 'full', 'queued'],
    ]);
    expect(
      response
        .json()
        .map((item: { workItemId: string }) => item.workItemId)
        .sort(),
    ).toEqual(stored.map((item) => item.id).sort());
  });

  it('does not queue a list twice, and a full sync upgrades a waiting quick one', async () => {
    const companyId = await api.createCompany();
    const first = (
      await syncNow(companyId, { entities: ['customers'], mode: 'quick' })
    ).json();

    const again = (
      await syncNow(companyId, { entities: ['customers'], mode: 'quick' })
    ).json();
    const full = (
      await syncNow(companyId, { entities: ['customers'], mode: 'full' })
    ).json();

    expect(again[0]).toMatchObject({
      workItemId: first[0].workItemId,
      created: false,
      mode: 'quick',
    });
    expect(full[0]).toMatchObject({
      workItemId: first[0].workItemId,
      created: false,
      mode: 'full',
    });
    expect(await importsOf(companyId)).toHaveLength(1);
  });

  it('keeps two companies’ imports apart', async () => {
    const [a, b] = [await api.createCompany(), await api.createCompany()];

    await syncNow(a, { entities: ['items'], mode: 'quick' });
    const other = (await syncNow(b, { entities: ['items'], mode: 'quick' })).json();

    expect(other[0].created).toBe(true);
  });

  it('answers 422 for a disabled company and queues nothing', async () => {
    const companyId = await api.createCompany({ settings: { enabled: false } });

    const response = await syncNow(companyId, { entities: ['customers'], mode: 'quick' });

    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('COMPANY_DISABLED');
    expect(await importsOf(companyId)).toHaveLength(0);
  });

  it.each([
    ['an unknown list', { entities: ['vendors'], mode: 'quick' }],
    ['no list', { entities: [], mode: 'quick' }],
    ['the same list twice', { entities: ['items', 'items'], mode: 'quick' }],
    ['an unknown mode', { entities: ['items'], mode: 'none' }],
    ['no mode', { entities: ['items'] }],
    ['a list as text', { entities: 'items', mode: 'quick' }],
  ])('answers 400 for %s and queues nothing', async (_, body) => {
    const companyId = await api.createCompany();

    const response = await syncNow(companyId, body);

    expect(response.statusCode).toBe(400);
    expect(await importsOf(companyId)).toHaveLength(0);
  });

  it('answers 404 for an unknown company', async () => {
    const response = await syncNow('00000000-0000-4000-8000-000000000000', {
      entities: ['items'],
      mode: 'quick',
    });

    expect(response.statusCode).toBe(404);
  });
});
