import {
  ExportEntity,
  ExportEventEntity,
  type ErrorRecord,
  type ExportStatus,
} from '@qbd/domain';
import { ConfigApiHarness } from '../testing/config-api-harness';

const REFUSED: ErrorRecord = {
  code: 'QB_INVALID_REFERENCE',
  fixableBy: 'bookkeeper',
  retryable: false,
  message: {
    en: 'The item "Joint" does not exist in QuickBooks.',
    fr: 'L’article « Joint » n’existe pas dans QuickBooks.',
  },
  quickBooksStatus: '3140',
};

describe('exports (integration)', () => {
  let api: ConfigApiHarness;

  beforeAll(async () => {
    api = await ConfigApiHarness.start();
  });

  afterAll(async () => {
    await api.close();
  });

  let counter = 0;
  const manager = () => api.db.dataSource.manager;

  /** A task entering the billing stage through the API; returns its export id. */
  async function exportTask(
    companyId: string,
    taskId = `task-${++counter}`,
  ): Promise<string> {
    const task = {
      taskId,
      taskNumber: `T-${taskId}`,
      stage: 700,
      clientId: 'c-1',
      items: [{ description: 'Visite', quantity: '1', unitPrice: '95.00' }],
    };
    const response = await api.call('POST', `/v1/companies/${companyId}/task-events`, {
      body: { task },
    });
    return response.json().exportId;
  }

  /** What the worker and the gateway record as an export moves on (one step each). */
  async function step(
    exportId: string,
    status: ExportStatus,
    state: string,
    detail: Record<string, unknown> | null,
    changes: Partial<ExportEntity> = {},
  ) {
    const row = await manager().findOneByOrFail(ExportEntity, { id: exportId });
    await manager().save(Object.assign(row, { status, ...changes }));
    await manager().save(
      manager().create(ExportEventEntity, {
        exportId,
        companyId: row.companyId,
        state,
        detail,
      }),
    );
  }

  const retry = (companyId: string, exportId: string, actor?: string) =>
    api.call('POST', `/v1/companies/${companyId}/exports/${exportId}/retry`, {
      headers: actor ? { 'x-actor': actor } : {},
    });

  describe('GET .../exports/{exportId}', () => {
    it('shows the whole timeline, oldest first: queued → sent → created with its number → delivered', async () => {
      const companyId = await api.createCompany();
      const exportId = await exportTask(companyId);
      await step(exportId, 'ready', 'ready', { workItemId: 'w-1' });
      await step(exportId, 'sent', 'sent', { sessionId: 's-1' });
      await step(
        exportId,
        'created',
        'created',
        { refNumber: '10452', txnId: '1A2B-1700000000' },
        { qbRefNumber: '10452', qbTxnId: '1A2B-1700000000' },
      );
      await step(exportId, 'delivered', 'delivered', { stage: 750 });

      const response = await api.call(
        'GET',
        `/v1/companies/${companyId}/exports/${exportId}`,
      );

      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({
        id: exportId,
        status: 'delivered',
        quickBooksNumber: '10452',
        quickBooksTxnId: '1A2B-1700000000',
        documentKind: 'invoice',
      });
      expect(body.timeline.map((event: { state: string }) => event.state)).toEqual([
        'queued',
        'ready',
        'sent',
        'created',
        'delivered',
      ]);
      expect(body.timeline[3].detail).toEqual({
        refNumber: '10452',
        txnId: '1A2B-1700000000',
      });
      expect(body.snapshot.items[0]).toEqual({
        description: 'Visite',
        quantity: '1',
        unitPrice: '95.00',
      });
    });

    it('shows the error QuickBooks gave, in both languages', async () => {
      const companyId = await api.createCompany();
      const exportId = await exportTask(companyId);
      await step(
        exportId,
        'failed',
        'failed',
        { code: REFUSED.code },
        { lastError: REFUSED },
      );

      const body = (
        await api.call('GET', `/v1/companies/${companyId}/exports/${exportId}`)
      ).json();

      expect(body.status).toBe('failed');
      expect(body.lastError).toEqual(REFUSED);
      expect(body.timeline.at(-1)).toMatchObject({ state: 'failed' });
    });

    it('answers 404 for an unknown export and for another company’s export', async () => {
      const [mine, theirs] = [await api.createCompany(), await api.createCompany()];
      const theirExport = await exportTask(theirs);

      const unknown = await api.call(
        'GET',
        `/v1/companies/${mine}/exports/00000000-0000-4000-8000-000000000000`,
      );
      const foreign = await api.call(
        'GET',
        `/v1/companies/${mine}/exports/${theirExport}`,
      );

      expect(unknown.statusCode).toBe(404);
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json().details).toEqual({ resource: 'export', id: theirExport });
    });
  });

  describe('GET .../exports', () => {
    it('lists newest first, filtered by status or by task', async () => {
      const companyId = await api.createCompany();
      const first = await exportTask(companyId, 'task-list-1');
      const second = await exportTask(companyId, 'task-list-2');
      await step(first, 'failed', 'failed', null, { lastError: REFUSED });

      const all = (await api.call('GET', `/v1/companies/${companyId}/exports`)).json();
      const failed = (
        await api.call('GET', `/v1/companies/${companyId}/exports?status=failed`)
      ).json();
      const byTask = (
        await api.call('GET', `/v1/companies/${companyId}/exports?taskId=task-list-2`)
      ).json();

      expect(all.items.map((item: { id: string }) => item.id)).toEqual([second, first]);
      expect(failed.items.map((item: { id: string }) => item.id)).toEqual([first]);
      expect(byTask.items.map((item: { id: string }) => item.id)).toEqual([second]);
    });

    it('pages with a cursor without skipping or repeating rows that share a timestamp', async () => {
      const companyId = await api.createCompany();
      const ids = [];
      for (let i = 0; i < 7; i++) ids.push(await exportTask(companyId));
      await manager().query(
        `UPDATE "export" SET "createdAt" = '2025-01-01T00:00:00.123456Z' WHERE "companyId" = $1`,
        [companyId],
      );

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `limit=3&cursor=${cursor}` : 'limit=3';
        const page = (
          await api.call('GET', `/v1/companies/${companyId}/exports?${query}`)
        ).json();
        seen.push(...page.items.map((item: { id: string }) => item.id));
        cursor = page.nextCursor;
      } while (cursor);

      expect(seen).toHaveLength(7);
      expect(new Set(seen)).toEqual(new Set(ids));
    });

    it('pages with limit and offset', async () => {
      const companyId = await api.createCompany();
      for (let i = 0; i < 3; i++) await exportTask(companyId);

      const page = (
        await api.call('GET', `/v1/companies/${companyId}/exports?limit=2&offset=2`)
      ).json();

      expect(page).toMatchObject({ limit: 2, offset: 2, nextCursor: null });
      expect(page.items).toHaveLength(1);
    });

    it('answers 400 for an unknown status filter', async () => {
      const companyId = await api.createCompany();

      const response = await api.call(
        'GET',
        `/v1/companies/${companyId}/exports?status=lost`,
      );

      expect(response.statusCode).toBe(400);
    });
  });

  describe('POST .../exports/{exportId}/retry', () => {
    it.each(['failed', 'needsAttention'] as ExportStatus[])(
      'puts a %s export back to pending and queues it again',
      async (status) => {
        const companyId = await api.createCompany();
        const exportId = await exportTask(companyId);
        await step(exportId, status, status, null, {
          lastError: REFUSED,
          automaticRetries: 3,
        });

        const response = await retry(companyId, exportId, 'julie@lavoie.example');

        expect(response.statusCode).toBe(200);
        expect(response.json().status).toBe('pending');
        const last = response.json().timeline.at(-1);
        expect(last).toMatchObject({
          state: 'retryRequested',
          detail: {
            by: 'julie@lavoie.example',
            previousStatus: status,
            previousError: REFUSED.code,
          },
        });
        const row = await manager().findOneByOrFail(ExportEntity, { id: exportId });
        expect(row.automaticRetries).toBe(0);
        const jobs = await api.queues
          .queue('exports')
          .getJobs(['waiting', 'delayed', 'prioritized']);
        const retryJobs = jobs.filter((job) =>
          job?.id?.startsWith(`export-${exportId}-retry-`),
        );
        expect(retryJobs.map((job) => job.data)).toEqual([{ companyId, exportId }]);
      },
    );

    it.each([
      'pending',
      'ready',
      'sent',
      'unknown',
      'created',
      'delivered',
    ] as ExportStatus[])(
      'answers 409 for a %s export and changes nothing',
      async (status) => {
        const companyId = await api.createCompany();
        const exportId = await exportTask(companyId);
        if (status !== 'pending') await step(exportId, status, status, null);
        const eventsBefore = await manager().countBy(ExportEventEntity, { exportId });

        const response = await retry(companyId, exportId);

        expect(response.statusCode).toBe(409);
        expect(response.json()).toMatchObject({
          code: 'EXPORT_NOT_RETRYABLE',
          details: { exportId, status },
        });
        expect(await manager().countBy(ExportEventEntity, { exportId })).toBe(
          eventsBefore,
        );
        expect(
          (await manager().findOneByOrFail(ExportEntity, { id: exportId })).status,
        ).toBe(status);
      },
    );

    it('retries once when two retries arrive together', async () => {
      const companyId = await api.createCompany();
      const exportId = await exportTask(companyId);
      await step(exportId, 'failed', 'failed', null, { lastError: REFUSED });

      const answers = await Promise.all([
        retry(companyId, exportId),
        retry(companyId, exportId),
      ]);

      expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
      expect(
        await manager().countBy(ExportEventEntity, { exportId, state: 'retryRequested' }),
      ).toBe(1);
    });

    it('can retry again after a second failure (each retry is a new job)', async () => {
      const companyId = await api.createCompany();
      const exportId = await exportTask(companyId);
      await step(exportId, 'failed', 'failed', null, { lastError: REFUSED });
      await retry(companyId, exportId);
      await step(exportId, 'failed', 'failed', null, { lastError: REFUSED });

      const second = await retry(companyId, exportId);

      expect(second.statusCode).toBe(200);
      const jobs = await api.queues
        .queue('exports')
        .getJobs(['waiting', 'delayed', 'prioritized']);
      expect(
        jobs.filter((job) => job?.id?.startsWith(`export-${exportId}-retry-`)),
      ).toHaveLength(2);
    });

    it('answers 404 for another company’s export', async () => {
      const [mine, theirs] = [await api.createCompany(), await api.createCompany()];
      const exportId = await exportTask(theirs);
      await step(exportId, 'failed', 'failed', null, { lastError: REFUSED });

      const response = await retry(mine, exportId);

      expect(response.statusCode).toBe(404);
      expect(
        (await manager().findOneByOrFail(ExportEntity, { id: exportId })).status,
      ).toBe('failed');
    });
  });
});
