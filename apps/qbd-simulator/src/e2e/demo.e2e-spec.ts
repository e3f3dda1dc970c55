import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { cleanRedisPrefix } from '@qbd/testing';
import { runDemoScenario, type DemoResult } from '../../../../tools/demo/demo-scenario';

// The README's main command, as a test: three app processes, the simulated Web Connector and
// QuickBooks, the fake ProgressionLIVE; imports, then one task billed exactly once.
describe('the demo scenario end to end', () => {
  const schema = `e2e_${randomBytes(5).toString('hex')}`;
  const prefix = `e2e-${randomBytes(5).toString('hex')}`;
  let result: DemoResult;

  beforeAll(async () => {
    result = await runDemoScenario({ schema, queuePrefix: prefix });
  }, 180_000);

  afterAll(async () => {
    await result?.dispose();
    await cleanRedisPrefix(prefix);
    const db = new Client({ connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qbd_connector' });
    await db.connect();
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.end();
  });

  it('imports every list of the bundled company without errors', () => {
    expect(Object.keys(result.imported).sort()).toEqual(['classes', 'customers', 'items', 'sites']);
    for (const run of Object.values(result.imported)) {
      expect(run.status).toBe('succeeded');
      expect(run.errors).toBe(0);
      expect(run.added).toBeGreaterThan(0);
    }
    const linked = result.fake.store.list('PRODUCT').filter((product) => product.ExternalId);
    expect(linked.length).toBe(result.imported.items.added);
  });

  it('creates exactly one invoice, writes its number back and moves the task to 750', () => {
    expect(result.quickBooks.data.findTxnByRefNumber('Invoice', result.invoice.refNumber)).toHaveLength(1);
    expect(result.task.stage).toBe(750);
    expect(result.task.number).toBe(result.invoice.refNumber);
    const priced = result.invoice.lines.filter((line) => line.quantity);
    expect(priced.map((line) => line.quantity)).toEqual(['2', '1.5']);
  });

  it('answers none when nothing is left, and never bills the task again', async () => {
    const third = await result.webConnector.runSession();
    expect(third.authenticateReply?.[1]).toBe('none');
    expect(third.exchanges).toHaveLength(0);
    const replay = await result.api.post<{ created: boolean }>(`/v1/companies/${result.companyId}/task-events`, {
      task: { taskId: result.task.id, taskNumber: result.task.code, stage: 700, clientId: 'x', items: [] },
    });
    expect(replay.created).toBe(false);
    expect(result.quickBooks.data.findTxnByRefNumber('Invoice', result.invoice.refNumber)).toHaveLength(1);
  });
});
