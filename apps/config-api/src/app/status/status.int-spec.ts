import { randomUUID } from 'node:crypto';
import {
  CompanyEntity,
  ImportRunEntity,
  OutboxEntity,
  RecordErrorEntity,
  WcSessionEntity,
  WorkItemEntity,
  type ErrorRecord,
  type QuickBooksFileInfo,
} from '@qbd/domain';
import { ConfigApiHarness } from '../testing/config-api-harness';

const UNREACHABLE: ErrorRecord = {
  code: 'QB_NOT_RUNNING',
  fixableBy: 'bookkeeper',
  retryable: true,
  message: {
    en: 'QuickBooks could not be started on the office computer.',
    fr: 'QuickBooks n’a pas pu être démarré sur l’ordinateur du bureau.',
  },
  quickBooksStatus: '0x80040408',
};

const PL_DOWN: ErrorRecord = {
  code: 'PL_UNAVAILABLE',
  fixableBy: 'operator',
  retryable: true,
  message: {
    en: 'ProgressionLIVE did not answer.',
    fr: 'ProgressionLIVE n’a pas répondu.',
  },
};

const FILE: QuickBooksFileInfo = {
  productName: 'QuickBooks Premier Edition 2019 (Canada)',
  country: 'CA',
  qbxmlVersion: '13.0',
  supportedQbxmlVersions: ['1.0', '2.0', '13.0'],
  companyName: 'Plomberie Lavoie',
  classTrackingEnabled: true,
  inventorySitesEnabled: false,
  seenAt: '2025-03-14T15:00:00.000Z',
};

describe('status and history (integration)', () => {
  let api: ConfigApiHarness;

  beforeAll(async () => {
    api = await ConfigApiHarness.start();
  });

  afterAll(async () => {
    await api.close();
  });

  const manager = () => api.db.dataSource.manager;
  const get = (companyId: string, path: string) =>
    api.call('GET', `/v1/companies/${companyId}${path}`);

  async function updateCompany(
    id: string,
    changes: Partial<CompanyEntity>,
  ): Promise<void> {
    const company = await manager().findOneByOrFail(CompanyEntity, { id });
    await manager().save(Object.assign(company, changes));
  }

  async function session(
    companyId: string,
    fields: Partial<WcSessionEntity> = {},
  ): Promise<WcSessionEntity> {
    return manager().save(
      manager().create(WcSessionEntity, {
        companyId,
        ticketTag: randomUUID().slice(0, 10),
        ...fields,
      }),
    );
  }

  async function importRun(
    companyId: string,
    fields: Partial<ImportRunEntity> = {},
  ): Promise<ImportRunEntity> {
    return manager().save(
      manager().create(ImportRunEntity, {
        companyId,
        workItemId: randomUUID(),
        entity: 'customers',
        mode: 'quick',
        ...fields,
      }),
    );
  }

  async function recordError(
    companyId: string,
    fields: Partial<RecordErrorEntity> = {},
  ): Promise<RecordErrorEntity> {
    return manager().save(
      manager().create(RecordErrorEntity, {
        companyId,
        entity: 'customers',
        error: UNREACHABLE,
        ...fields,
      }),
    );
  }

  describe('GET .../status', () => {
    it('says a new company was never polled and has nothing pending', async () => {
      const companyId = await api.createCompany();

      const response = await get(companyId, '/status');

      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        companyId,
        enabled: true,
        connection: {
          status: 'never',
          lastPollAt: null,
          expectedNextPollAt: null,
          overdue: false,
          consecutiveFailures: 0,
          lastError: null,
        },
        quickBooks: null,
        pendingWork: {},
        exports: {},
        undelivered: { count: 0, items: [] },
      });
    });

    it('reports the last poll, when the next is due, the last error and what QuickBooks revealed', async () => {
      const companyId = await api.createCompany({ settings: { maxIntervalMinutes: 30 } });
      const lastPollAt = new Date(Date.now() - 10 * 60_000);
      await updateCompany(companyId, {
        connectionStatus: 'quickBooksUnavailable',
        lastPollAt,
        lastConnectionError: UNREACHABLE,
        consecutiveConnectionFailures: 2,
        fileInfo: FILE,
      });

      const body = (await get(companyId, '/status')).json();

      expect(body.connection).toEqual({
        status: 'quickBooksUnavailable',
        lastPollAt: lastPollAt.toISOString(),
        expectedNextPollAt: new Date(lastPollAt.getTime() + 30 * 60_000).toISOString(),
        overdue: false,
        consecutiveFailures: 2,
        lastError: UNREACHABLE,
      });
      expect(body.quickBooks).toEqual({
        product: FILE.productName,
        country: 'CA',
        qbxmlVersion: '13.0',
        supportedQbxmlVersions: FILE.supportedQbxmlVersions,
        companyName: 'Plomberie Lavoie',
        classTracking: true,
        sites: false,
        seenAt: FILE.seenAt,
      });
    });

    it('says the connection is overdue when Web Connector is later than the maximum interval', async () => {
      const companyId = await api.createCompany({ settings: { maxIntervalMinutes: 30 } });
      await manager().update(
        CompanyEntity,
        { id: companyId },
        { connectionStatus: 'ok', lastPollAt: new Date(Date.now() - 31 * 60_000) },
      );

      const body = (await get(companyId, '/status')).json();

      expect(body.connection.overdue).toBe(true);
    });

    it('counts unfinished work by kind and status, exports by status, and shows undelivered writes', async () => {
      const companyId = await api.createCompany();
      const other = await api.createCompany();
      await api.call('POST', `/v1/companies/${companyId}/sync`, {
        body: { entities: ['customers', 'items'], mode: 'quick' },
      });
      await api.call('POST', `/v1/companies/${other}/sync`, {
        body: { entities: ['customers'], mode: 'quick' },
      });
      await manager().update(
        WorkItemEntity,
        { companyId, entity: 'items' },
        { status: 'sent' },
      );
      await manager().save(
        manager().create(WorkItemEntity, {
          companyId,
          kind: 'document',
          priority: 30,
          status: 'done',
        }),
      );
      const task = {
        taskId: 't-status',
        taskNumber: 'T-1',
        stage: 700,
        clientId: 'c',
        items: [],
      };
      await api.call('POST', `/v1/companies/${companyId}/task-events`, {
        body: { task },
      });
      await manager().save([
        manager().create(OutboxEntity, {
          companyId,
          orderingKey: 'task:t-1',
          operation: 'progressTask',
          payload: {},
          status: 'dead',
          attempts: 10,
          lastError: PL_DOWN,
        }),
        manager().create(OutboxEntity, {
          companyId,
          orderingKey: 'client:80000001',
          operation: 'upsertClient',
          payload: {},
          status: 'pending',
        }),
        manager().create(OutboxEntity, {
          companyId: other,
          orderingKey: 'task:t-9',
          operation: 'progressTask',
          payload: {},
          status: 'dead',
        }),
      ]);

      const body = (await get(companyId, '/status')).json();

      expect(body.pendingWork).toEqual({ import: { queued: 1, sent: 1 } });
      expect(body.exports).toEqual({ pending: 1 });
      expect(body.undelivered.count).toBe(1);
      expect(body.undelivered.items).toEqual([
        expect.objectContaining({
          operation: 'progressTask',
          orderingKey: 'task:t-1',
          attempts: 10,
          lastError: PL_DOWN,
        }),
      ]);
    });

    it('answers 404 for an unknown company', async () => {
      const response = await get('00000000-0000-4000-8000-000000000000', '/status');

      expect(response.statusCode).toBe(404);
    });
  });

  describe('GET .../sessions', () => {
    it('lists sessions newest first, each with the imports it carried', async () => {
      const companyId = await api.createCompany();
      const older = await session(companyId, {
        status: 'closed',
        startedAt: new Date('2025-03-14T10:00:00Z'),
        requestsSent: 3,
        responsesReceived: 3,
        closeMessage: 'OK',
        clientVersion: '2.3.0.215',
      });
      const newer = await session(companyId, {
        status: 'connectionError',
        startedAt: new Date('2025-03-14T11:00:00Z'),
        lastError: UNREACHABLE,
      });
      await importRun(companyId, {
        sessionId: older.id,
        entity: 'customers',
        status: 'succeeded',
        received: 120,
        added: 4,
        changed: 2,
        unchanged: 114,
      });
      await importRun(companyId, {
        sessionId: older.id,
        entity: 'items',
        status: 'partial',
        received: 30,
        errors: 1,
      });

      const body = (await get(companyId, '/sessions')).json();

      expect(body.items.map((item: { id: string }) => item.id)).toEqual([
        newer.id,
        older.id,
      ]);
      expect(body.items[0]).toMatchObject({
        status: 'connectionError',
        lastError: UNREACHABLE,
        imports: [],
      });
      expect(body.items[1]).toMatchObject({
        requestsSent: 3,
        responsesReceived: 3,
        closeMessage: 'OK',
        clientVersion: '2.3.0.215',
      });
      expect(
        body.items[1].imports.map((run: { entity: string; received: number }) => [
          run.entity,
          run.received,
        ]),
      ).toEqual([
        ['customers', 120],
        ['items', 30],
      ]);
    });

    it('filters by status and by start time, and pages with a cursor', async () => {
      const companyId = await api.createCompany();
      for (let hour = 10; hour < 15; hour++) {
        await session(companyId, {
          status: hour % 2 ? 'closed' : 'expired',
          startedAt: new Date(`2025-03-14T${hour}:00:00Z`),
        });
      }

      const closed = (await get(companyId, '/sessions?status=closed')).json();
      const window = (
        await get(
          companyId,
          '/sessions?from=2025-03-14T11:00:00Z&to=2025-03-14T13:00:00Z',
        )
      ).json();
      const first = (await get(companyId, '/sessions?limit=2')).json();
      const second = (
        await get(companyId, `/sessions?limit=2&cursor=${first.nextCursor}`)
      ).json();

      expect(closed.items).toHaveLength(2);
      expect(window.items.map((item: { startedAt: string }) => item.startedAt)).toEqual([
        '2025-03-14T12:00:00.000Z',
        '2025-03-14T11:00:00.000Z',
      ]);
      expect(
        [...first.items, ...second.items].map((item: { startedAt: string }) =>
          item.startedAt.slice(11, 13),
        ),
      ).toEqual(['14', '13', '12', '11']);
    });

    it('answers 400 for a bad filter', async () => {
      const companyId = await api.createCompany();

      const badStatus = await get(companyId, '/sessions?status=running');
      const badDate = await get(companyId, '/sessions?from=yesterday');

      expect(badStatus.statusCode).toBe(400);
      expect(badDate.statusCode).toBe(400);
    });
  });

  describe('GET .../imports and their errors', () => {
    it('lists imports with their counts, filtered by list and status', async () => {
      const companyId = await api.createCompany();
      await importRun(companyId, {
        entity: 'customers',
        status: 'succeeded',
        received: 10,
        added: 10,
      });
      await importRun(companyId, {
        entity: 'items',
        status: 'partial',
        received: 5,
        added: 4,
        errors: 1,
      });
      await importRun(companyId, { entity: 'items', status: 'failed' });

      const items = (await get(companyId, '/imports?entity=items')).json();
      const partial = (await get(companyId, '/imports?status=partial')).json();

      expect(items.items).toHaveLength(2);
      expect(partial.items).toEqual([
        expect.objectContaining({
          entity: 'items',
          status: 'partial',
          received: 5,
          added: 4,
          errors: 1,
        }),
      ]);
    });

    it('lists the records one import could not take', async () => {
      const companyId = await api.createCompany();
      const run = await importRun(companyId, {
        entity: 'customers',
        status: 'partial',
        errors: 1,
      });
      const otherRun = await importRun(companyId, { entity: 'items' });
      await recordError(companyId, {
        importRunId: run.id,
        entity: 'customers',
        name: 'Tremblay, Jean',
        qbListId: '80000001-1700000000',
      });
      await recordError(companyId, {
        importRunId: otherRun.id,
        entity: 'items',
        name: 'Joint',
      });

      const body = (await get(companyId, `/imports/${run.id}/errors`)).json();

      expect(body.items).toEqual([
        expect.objectContaining({
          entity: 'customers',
          importRunId: run.id,
          name: 'Tremblay, Jean',
          quickBooksListId: '80000001-1700000000',
          error: UNREACHABLE,
        }),
      ]);
    });

    it('answers 404 for another company’s import run', async () => {
      const [mine, theirs] = [await api.createCompany(), await api.createCompany()];
      const run = await importRun(theirs);

      const response = await get(mine, `/imports/${run.id}/errors`);

      expect(response.statusCode).toBe(404);
      expect(response.json().details.resource).toBe('import run');
    });
  });

  describe('GET .../errors', () => {
    it('lists every refused record of the company, newest first, filtered by list', async () => {
      const companyId = await api.createCompany();
      const other = await api.createCompany();
      await recordError(companyId, { entity: 'customers', name: 'first' });
      await recordError(companyId, { entity: 'items', name: 'second' });
      await recordError(other, { entity: 'items', name: 'not mine' });

      const all = (await get(companyId, '/errors')).json();
      const items = (await get(companyId, '/errors?entity=items')).json();

      expect(all.items.map((item: { name: string }) => item.name)).toEqual([
        'second',
        'first',
      ]);
      expect(items.items.map((item: { name: string }) => item.name)).toEqual(['second']);
    });
  });
});
