import { OutboxEntity } from '@qbd/domain';
import { ConfigApiHarness } from '../testing/config-api-harness';

describe('outbox retry (integration)', () => {
  let api: ConfigApiHarness;

  beforeAll(async () => {
    api = await ConfigApiHarness.start();
  });

  afterAll(async () => {
    await api.close();
  });

  it('puts the given-up writes of one company back in the queue, and only those', async () => {
    const companyId = await api.createCompany();
    const other = await api.createCompany();
    const repo = api.db.dataSource.getRepository(OutboxEntity);
    const row = (company: string, status: 'dead' | 'delivered') =>
      repo.create({
        companyId: company,
        orderingKey: 'customer:1',
        operation: 'upsertClient',
        payload: { input: {} },
        status,
        attempts: 12,
      });
    await repo.save([
      row(companyId, 'dead'),
      row(companyId, 'dead'),
      row(companyId, 'delivered'),
      row(other, 'dead'),
    ]);

    const response = await api.call('POST', `/v1/companies/${companyId}/outbox/retry`);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ requeued: 2 });
    expect(await repo.countBy({ companyId, status: 'pending', attempts: 0 })).toBe(2);
    expect(await repo.countBy({ companyId: other, status: 'dead' })).toBe(1);
    const jobs = await api.queues
      .queue('outbox')
      .getJobs(['waiting', 'delayed', 'prioritized']);
    expect(jobs.some((job) => job.data.companyId === companyId)).toBe(true);
  });

  it('answers 404 for an unknown company', async () => {
    const response = await api.call(
      'POST',
      '/v1/companies/00000000-0000-4000-8000-000000000000/outbox/retry',
    );
    expect(response.statusCode).toBe(404);
  });
});
