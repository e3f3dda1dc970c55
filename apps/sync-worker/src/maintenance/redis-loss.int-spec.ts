import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  CompanyEntity,
  ExportEntity,
  OutboxEntity,
  QbResponseEntity,
  WorkItemEntity,
  withDefaults,
  type ExportStatus,
  type QuickBooksFileInfo,
} from '@qbd/domain';
import { SecretBox, createLogger } from '@qbd/platform';
import { QueueClient, QueueName, createRedisConnection } from '@qbd/queues';
import {
  TEST_REDIS_URL,
  cleanRedisPrefix,
  createTestDatabase,
  testPrefix,
  type TestDatabase,
} from '@qbd/testing';
import { TaskSweep } from '../exports/task-sweep';
import { ProgressionLiveClients } from '../outbox/progressionlive-clients';
import { ImportScheduler } from '../schedules/import-scheduler';
import {
  EXPORT_GRACE_MS,
  MAINTENANCE_SCHEDULES,
  MaintenanceHandler,
} from './maintenance.handler';
import { RedisLossWatch } from './redis-loss-watch';

// Redis without persistence loses every job and scheduler when it restarts. The chaos
// suite found exports left pending for good after such a restart: their prepareExport
// job was gone, and so were the schedulers of the sweeps meant to find them.

const FILE_INFO: QuickBooksFileInfo = {
  productName: 'QuickBooks Enterprise Solutions 24.0',
  country: 'US',
  qbxmlVersion: '13.0',
  supportedQbxmlVersions: ['13.0'],
  classTrackingEnabled: true,
  inventorySitesEnabled: false,
  seenAt: '2026-03-01T12:00:00.000Z',
};

let db: TestDatabase;
let prefix: string;
let redis: Redis;
let queues: QueueClient;
let maintenance: MaintenanceHandler;
let watch: RedisLossWatch;

beforeAll(async () => {
  db = await createTestDatabase();
  prefix = testPrefix();
  redis = createRedisConnection(TEST_REDIS_URL);
  queues = new QueueClient(redis, prefix);
  const logger = createLogger('redis-loss-test', 'silent');
  const clients = new ProgressionLiveClients(new SecretBox('redis-loss-tests-secret'));
  maintenance = new MaintenanceHandler(
    db.dataSource,
    queues,
    new ImportScheduler(db.dataSource, queues, logger),
    new TaskSweep(db.dataSource, queues, clients, logger),
    logger,
  );
  watch = new RedisLossWatch(maintenance, logger);
});

afterAll(async () => {
  await queues.close();
  redis.disconnect();
  await cleanRedisPrefix(prefix);
  await db.drop();
});

beforeEach(async () => {
  await cleanRedisPrefix(prefix);
  await db.dataSource.query(
    'TRUNCATE outbox, qb_response, work_item, export, company CASCADE',
  );
});

const manager = () => db.dataSource.manager;

async function company(
  fileInfo: QuickBooksFileInfo | null = FILE_INFO,
): Promise<CompanyEntity> {
  return manager().save(
    manager().create(CompanyEntity, {
      externalId: `pl-${randomUUID()}`,
      name: 'Redis Loss Test',
      settings: withDefaults({
        syncModes: { customers: 'quick', items: 'quick', classes: 'full', sites: 'full' },
      }),
      qwcOwnerId: randomUUID(),
      qwcFileId: randomUUID(),
      fileInfo,
    }),
  );
}

/** An export in a given state, last touched `ageMs` ago. */
async function exportRow(
  companyId: string,
  status: ExportStatus,
  ageMs: number,
): Promise<ExportEntity> {
  const taskId = randomUUID();
  const row = await manager().save(
    manager().create(ExportEntity, {
      companyId,
      taskId,
      taskNumber: `F-${taskId.slice(0, 4)}`,
      documentKind: 'invoice',
      snapshot: { taskId, taskNumber: 'F-1', stage: 700, clientId: '1', items: [] },
      status,
      externalGuid: randomUUID(),
    }),
  );
  await db.dataSource.query(
    `UPDATE export SET "updatedAt" = now() - ($2 || ' milliseconds')::interval WHERE id = $1`,
    [row.id, String(ageMs)],
  );
  return row;
}

async function queuedWork(
  companyId: string,
  exportId: string | null,
  status: WorkItemEntity['status'],
) {
  return manager().save(
    manager().create(WorkItemEntity, {
      companyId,
      kind: 'document',
      priority: 20,
      status,
      exportId,
      params: {},
    }),
  );
}

/** Job data waiting in a queue for a job name. */
async function waiting(
  queue: QueueName,
  name: string,
): Promise<Record<string, unknown>[]> {
  const jobs = await queues.queue(queue).getJobs(['waiting', 'delayed', 'prioritized']);
  return jobs
    .filter((job) => job.name === name)
    .map((job) => job.data as Record<string, unknown>);
}

describe('after Redis lost its data', () => {
  it('rebuilds the sweeps and import schedules and queues the waiting work again at once', async () => {
    const owner = await company();
    const pending = await exportRow(owner.id, 'pending', 1000);
    const item = await queuedWork(owner.id, null, 'received');
    const response = await manager().save(
      manager().create(QbResponseEntity, {
        companyId: owner.id,
        workItemId: item.id,
        page: 1,
        body: '<QBXML/>',
        status: 'recorded',
      }),
    );
    await manager().insert(OutboxEntity, {
      companyId: owner.id,
      orderingKey: 'task:1',
      operation: 'progressTask',
      payload: {},
    });
    await maintenance.installSchedules();
    await expect(watch.check()).resolves.toBe(false);

    await cleanRedisPrefix(prefix);
    await expect(watch.check()).resolves.toBe(true);

    const maintenanceQueue = queues.queue(QueueName.Maintenance);
    for (const schedule of MAINTENANCE_SCHEDULES) {
      await expect(maintenanceQueue.getJobScheduler(schedule.id)).resolves.toMatchObject({
        every: schedule.everyMs,
      });
    }
    await expect(queues.queue(QueueName.Imports).getJobSchedulersCount()).resolves.toBe(
      4,
    );
    await expect(waiting(QueueName.Exports, 'prepareExport')).resolves.toEqual([
      { companyId: owner.id, exportId: pending.id },
    ]);
    await expect(waiting(QueueName.Responses, 'applyResponse')).resolves.toEqual([
      { companyId: owner.id, responseId: response.id },
    ]);
    await expect(waiting(QueueName.Outbox, 'deliverOutbox')).resolves.toEqual([
      { companyId: owner.id },
    ]);
    await expect(watch.check()).resolves.toBe(false);
  });

  it('runs the whole recovery again when it was cut short', async () => {
    const owner = await company();
    const pending = await exportRow(owner.id, 'pending', 1000);
    const reschedule = jest
      .spyOn(ImportScheduler.prototype, 'rescheduleAll')
      .mockRejectedValueOnce(new Error('Connection terminated unexpectedly'));

    await expect(watch.check()).resolves.toBe(false);
    await expect(maintenance.schedulesMissing()).resolves.toBe(true);
    await expect(watch.check()).resolves.toBe(true);

    expect(reschedule).toHaveBeenCalledTimes(2);
    reschedule.mockRestore();
    await expect(maintenance.schedulesMissing()).resolves.toBe(false);
    await expect(queues.queue(QueueName.Imports).getJobSchedulersCount()).resolves.toBe(
      4,
    );
    await expect(waiting(QueueName.Exports, 'prepareExport')).resolves.toEqual([
      { companyId: owner.id, exportId: pending.id },
    ]);
  });

  it('changes nothing while the schedules are there', async () => {
    const owner = await company();
    await exportRow(owner.id, 'pending', 1000);
    await maintenance.installSchedules();

    await expect(watch.check()).resolves.toBe(false);

    await expect(waiting(QueueName.Exports, 'prepareExport')).resolves.toEqual([]);
    await expect(queues.queue(QueueName.Imports).getJobSchedulersCount()).resolves.toBe(
      0,
    );
  });
});

describe('sweepExports', () => {
  it('re-queues only pending exports nothing works on, once the grace has passed', async () => {
    const owner = await company();
    const neverConnected = await company(null);
    const lost = await exportRow(owner.id, 'pending', EXPORT_GRACE_MS + 5000);
    const working = await exportRow(owner.id, 'pending', EXPORT_GRACE_MS + 5000);
    await queuedWork(owner.id, working.id, 'queued');
    const finished = await exportRow(owner.id, 'pending', EXPORT_GRACE_MS + 5000);
    await queuedWork(owner.id, finished.id, 'cancelled');
    await exportRow(owner.id, 'pending', 1000);
    await exportRow(owner.id, 'ready', EXPORT_GRACE_MS + 5000);
    await exportRow(neverConnected.id, 'pending', EXPORT_GRACE_MS + 5000);

    await expect(maintenance.sweepExports()).resolves.toBe(2);

    const queued = (await waiting(QueueName.Exports, 'prepareExport')).map(
      (data) => data.exportId,
    );
    expect(queued.sort()).toEqual([lost.id, finished.id].sort());
  });

  it('is a job of the maintenance queue, scheduled with the other sweeps', async () => {
    await maintenance.installSchedules();

    await expect(
      queues.queue(QueueName.Maintenance).getJobScheduler('sweep-exports'),
    ).resolves.toMatchObject({
      every: 30_000,
      template: { data: { task: 'sweepExports' } },
    });
  });
});
