import { ExportEntity } from '@qbd/domain';
import {
  DEMO_ACCOUNT,
  DEMO_PROPERTIES,
  seedDemo,
  startFakeProgressionLive,
  type DemoIds,
  type RunningFake,
} from '../../../fake-progressionlive/src';
import { snapshot } from './testing/export-builders';
import { ExportHarness } from './testing/export.harness';
import { STALE_PENDING_MS } from './task-sweep';

// The task sweep against the fake ProgressionLIVE: tasks left at the billing stage without
// an export get exactly one, made like the config API makes it.

let h: ExportHarness;
let fake: RunningFake;
let demo: DemoIds;

beforeEach(async () => {
  h = await ExportHarness.start();
  fake = await startFakeProgressionLive({ host: '127.0.0.1' });
  demo = seedDemo(fake.store);
});

afterEach(async () => {
  await fake.close();
  await h.stop();
});

async function company() {
  const row = await h.createCompany({
    syncUser: 'Synchronisation QuickBooks',
    classProperty: DEMO_PROPERTIES.classe,
    siteProperty: DEMO_PROPERTIES.site,
  });
  await h.connectProgressionLive(
    row.id,
    fake.url,
    DEMO_ACCOUNT.username,
    DEMO_ACCOUNT.password,
  );
  return row;
}

describe('TaskSweep', () => {
  it('creates the export of a task whose stage event was missed, and only that one', async () => {
    const { id } = await company();
    const [first, second] = demo.taskIds as [string, string];
    await h.createExport(id, snapshot({ taskId: first, taskNumber: 'F000001' }));

    const result = await h.sweep.sweep(id);

    expect(result.atStage).toBe(2);
    expect(result.created).toHaveLength(1);
    const made = await h.exportRow(result.created[0]!);
    expect(made).toMatchObject({
      taskId: second,
      status: 'pending',
      documentKind: 'invoice',
    });
    expect(made.snapshot).toMatchObject({
      taskId: second,
      taskNumber: 'F000002',
      stage: 700,
      clientId: demo.clientId,
      clientName: 'Plomberie Tremblay',
      items: [
        {
          productId: demo.productIds[0],
          description: 'Inspection',
          quantity: '1',
          unitPrice: '85.00',
        },
      ],
    });
    expect(await h.events(made.id)).toEqual(['queued']);
    expect(await h.prepareJobs(made.id)).toBe(1);
  });

  it('reads the Class and Site values of the task for its document', async () => {
    const { id } = await company();

    const result = await h.sweep.sweep(id);
    const rows = await Promise.all(
      result.created.map((exportId) => h.exportRow(exportId)),
    );
    const repair = rows.find((row) => row.taskId === demo.taskIds[0]);

    expect(repair?.snapshot).toMatchObject({
      classValue: demo.classeId,
      siteValue: demo.siteId,
      locationId: demo.nodeId,
    });
  });

  it('never makes a second export, even for a task put back at the billing stage after billing', async () => {
    const { id } = await company();
    const first = await h.sweep.sweepCompany(id);
    await h.manager.update(ExportEntity, { companyId: id }, { status: 'delivered' });

    await expect(h.sweep.sweepCompany(id)).resolves.toBe(0);

    expect(first).toBe(2);
    expect(await h.manager.countBy(ExportEntity, { companyId: id })).toBe(2);
  });

  it('asks again to prepare exports left pending too long with no work under way', async () => {
    const { id } = await company();
    const stale = await h.createExport(id, snapshot({ taskId: 'not-at-stage-1' }));
    const recent = await h.createExport(id, snapshot({ taskId: 'not-at-stage-2' }));
    await h.manager.query(
      `UPDATE export SET "updatedAt" = now() - interval '1 second' * $2 WHERE id = $1`,
      [stale.id, STALE_PENDING_MS / 1000 + 60],
    );

    const result = await h.sweep.sweep(id);

    expect(result.requeued).toEqual([stale.id]);
    expect(await h.prepareJobs(stale.id)).toBe(1);
    expect(await h.prepareJobs(recent.id)).toBe(0);
  });

  it('does nothing for a disabled company', async () => {
    const { id } = await company();
    await h.manager.query(
      `UPDATE company SET settings = settings || '{"enabled": false}' WHERE id = $1`,
      [id],
    );

    await expect(h.sweep.sweep(id)).resolves.toEqual({
      atStage: 0,
      created: [],
      requeued: [],
    });
  });
});
