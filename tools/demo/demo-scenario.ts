// The demo's story, end to end, on this machine: the three apps as processes, a simulated
// Web Connector with the bundled QuickBooks company, and a fake ProgressionLIVE.
import IORedis from 'ioredis';
import { Client } from 'pg';
import { demoCompany, WebConnector, type CompanyFile, type SessionReport } from '../../apps/qbd-simulator/src';
import { DEMO_PROPERTIES, seedDemo, startFakeProgressionLive, type DemoIds, type RunningFake } from '../../apps/fake-progressionlive/src';
import { AppStack, freePort } from '../stack/app-stack';
import { ConfigApiClient } from '../stack/config-api-client';

export interface DemoOptions {
  schema?: string;
  queuePrefix?: string;
  /** Use these ports when free (the README's), else any free ones. */
  preferDefaultPorts?: boolean;
  say?: (line: string) => void;
  logLevel?: string;
}

export interface DemoResult {
  stack: AppStack;
  fake: RunningFake;
  api: ConfigApiClient;
  companyId: string;
  quickBooks: CompanyFile;
  imported: Record<string, { added: number; changed: number; unchanged: number; deactivated: number; errors: number; status: string }>;
  invoice: { txnId: string; refNumber: string; lines: { item: string; desc: string; quantity: string; rate: string; amount: string }[]; total: string };
  task: { id: string; code: string; stage: number | null; number: string | undefined };
  sessions: SessionReport[];
  webConnector: WebConnector;
  stop(): Promise<void>;
  /** Stops everything and removes the demo's schema and Redis keys. */
  dispose(): Promise<void>;
}

interface StatusView {
  pendingWork: Record<string, Record<string, number>>;
  exports: Record<string, number>;
  quickBooks: { product: string; country: string; qbxmlVersion: string; sites: boolean; classTracking: boolean } | null;
}

const DEFAULT_PORTS = { configApi: 3000, gateway: 8080, worker: 8090 };

async function pickPorts(preferDefault: boolean) {
  if (!preferDefault) return { configApi: await freePort(), gateway: await freePort(), worker: await freePort() };
  const { createServer } = await import('node:net');
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer().once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
  const ports = { ...DEFAULT_PORTS };
  for (const key of Object.keys(ports) as (keyof typeof ports)[]) {
    if (!(await free(ports[key]))) ports[key] = await freePort();
  }
  return ports;
}

async function resetSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
  await client.connect();
  const database = new URL(url).pathname.slice(1);
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  await client.end();
  const db = new Client({ connectionString: url });
  await db.connect();
  await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await db.end();
}

async function removeDemoData(url: string, schema: string, prefix: string): Promise<void> {
  const db = new Client({ connectionString: url });
  await db.connect();
  await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await db.end();
  const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Waits until the worker has applied everything and delivered every write. */
async function drained(stack: AppStack, companyId: string, timeoutMs = 90_000): Promise<void> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qbd_connector';
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      const { rows } = await db.query(
        `SELECT
           (SELECT count(*) FROM "${stack.options.schema}".qb_response WHERE "companyId" = $1 AND status = 'recorded') AS responses,
           (SELECT count(*) FROM "${stack.options.schema}".work_item WHERE "companyId" = $1 AND status IN ('sent', 'received')) AS items,
           (SELECT count(*) FROM "${stack.options.schema}".outbox WHERE "companyId" = $1 AND status = 'pending') AS outbox,
           (SELECT count(*) FROM "${stack.options.schema}".export WHERE "companyId" = $1 AND status IN ('pending', 'created')) AS exports`,
        [companyId],
      );
      const row = rows[0];
      if (Number(row.responses) + Number(row.items) + Number(row.outbox) + Number(row.exports) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    throw new Error('The worker did not finish applying and delivering in time');
  } finally {
    await db.end();
  }
}

async function waitForExportReady(api: ConfigApiClient, companyId: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const status = await api.get<StatusView>(`/v1/companies/${companyId}/status`);
    const queued = Object.values(status.pendingWork.document ?? {}).reduce((a, b) => a + b, 0);
    if (queued > 0 || (status.exports.failed ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('The export was not prepared in time');
}

function assertSession(report: SessionReport, what: string): void {
  if (report.outcome !== 'completed') {
    throw new Error(`${what}: the Web Connector session ended with "${report.outcome}" ${report.error ?? report.lastError ?? ''}`);
  }
}

export async function runDemoScenario(options: DemoOptions = {}): Promise<DemoResult> {
  const say = options.say ?? (() => undefined);
  const schema = options.schema ?? `demo_${process.pid}`;
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qbd_connector';
  await resetSchema(databaseUrl, schema);

  const fake = await startFakeProgressionLive({ host: '127.0.0.1', port: 0 });
  const ids: DemoIds = seedDemo(fake.store);
  const stack = new AppStack({
    schema,
    queuePrefix: options.queuePrefix ?? `demo-${Date.now()}`,
    ports: await pickPorts(options.preferDefaultPorts ?? false),
    logLevel: options.logLevel ?? 'warn',
    databaseUrl,
  });
  const stop = async () => {
    await stack.stop();
    await fake.close();
  };
  const dispose = async () => {
    await stop();
    await removeDemoData(databaseUrl, schema, stack.options.queuePrefix);
  };

  try {
    say('1. Migrating the database and starting config-api, qbwc-gateway and sync-worker ...');
    await stack.migrate();
    await stack.start();
    const api = new ConfigApiClient(stack.urls.configApi, stack.apiKey);

    say('2. Creating the demo company through the config API (trigger stage 700, billed stage 750) ...');
    const company = await api.post<{ id: string }>('/v1/companies', {
      externalId: `demo-${Date.now()}`,
      name: 'Services Techniques Démo',
      settings: {
        billingTriggerStage: 700,
        billedStage: 750,
        errorStage: 760,
        documentKind: 'invoice',
        customerType: 'Client QuickBooks',
        jobLocationType: 'Chantier',
        productType: 'Produit QuickBooks',
        productQuickBooksTypeField: DEMO_PROPERTIES.productKind,
        classProperty: 'Classe',
        siteProperty: 'Site',
        documentNumberProperty: DEMO_PROPERTIES.invoiceNumber,
        syncUser: 'Synchronisation QuickBooks',
        syncModes: { customers: 'quick', items: 'quick', classes: 'full', sites: 'full' },
        syncZeroPriceUnlinkedItems: true,
      },
      progressionLive: { baseUrl: fake.url, username: ids.account.username, password: ids.account.password },
    });
    const connection = await api.post<{ userName: string; password: string }>(`/v1/companies/${company.id}/connection`);
    const qwc = await api.get<string>(`/v1/companies/${company.id}/qwc`);
    say(`   Web Connector user "${connection.userName}", password shown once, .qwc downloaded (${qwc.length} bytes).`);

    const quickBooks = demoCompany();
    const wc = new WebConnector({ qwc, password: connection.password, company: quickBooks, gatewayUrl: stack.urls.gateway, noOpPauseMs: 200 });
    const sessions: SessionReport[] = [];

    say('3. First Web Connector session: importing the QuickBooks lists ...');
    const first = await wc.runSession();
    sessions.push(first);
    assertSession(first, 'First session');
    await drained(stack, company.id);
    const runs = await api.get<{ items: { entity: string; status: string; added: number; changed: number; unchanged: number; deactivated: number; errors: number }[] }>(
      `/v1/companies/${company.id}/imports?limit=50`,
    );
    const imported: DemoResult['imported'] = {};
    for (const run of runs.items) imported[run.entity] = run;
    const status = await api.get<StatusView>(`/v1/companies/${company.id}/status`);
    say(`   QuickBooks: ${status.quickBooks?.product} (${status.quickBooks?.country}), qbXML ${status.quickBooks?.qbxmlVersion}, ${first.exchanges.length} requests.`);
    for (const [entity, run] of Object.entries(imported)) {
      say(`   ${entity.padEnd(14)} ${run.status.padEnd(10)} added ${run.added}, changed ${run.changed}, unchanged ${run.unchanged}, deactivated ${run.deactivated}, errors ${run.errors}`);
    }

    say('4. A task reaches stage 700 in ProgressionLIVE; the main app sends the task event ...');
    const task = billableTask(fake, ids);
    const event = await api.post<{ created: boolean; exportId: string }>(`/v1/companies/${company.id}/task-events`, { task: task.snapshot, eventId: `evt-${task.id}` });
    if (!event.created) throw new Error('The task event did not create an export');
    await waitForExportReady(api, company.id);

    say('5. Next Web Connector session: the invoice ...');
    const second = await wc.runSession();
    sessions.push(second);
    assertSession(second, 'Second session');
    await drained(stack, company.id);

    const exported = await api.get<{ status: string; quickBooksNumber: string | null; quickBooksTxnId: string | null; lastError: unknown }>(
      `/v1/companies/${company.id}/exports/${event.exportId}`,
    );
    if (exported.status !== 'delivered' || !exported.quickBooksTxnId) {
      throw new Error(`The export ended as "${exported.status}": ${JSON.stringify(exported.lastError)}`);
    }
    const invoice = invoiceInQuickBooks(quickBooks, exported.quickBooksTxnId);
    const stage = fake.store.taskLogicId(task.id);
    const written = fake.store.property('TASK', task.id, DEMO_PROPERTIES.invoiceNumber);
    const number = typeof written?.value === 'string' ? written.value : undefined;
    if (stage !== 750 || number !== invoice.refNumber) {
      throw new Error(`The task is at stage ${stage} with number ${number}; expected 750 and ${invoice.refNumber}`);
    }
    say(`   QuickBooks invoice ${invoice.refNumber} (TxnID ${invoice.txnId}), total ${invoice.total}:`);
    for (const line of invoice.lines) {
      const priced = line.quantity ? `${line.quantity} × ${line.rate} = ${line.amount}` : '(description only)';
      say(`     ${(line.item || '—').padEnd(28)} ${line.desc.slice(0, 30).padEnd(30)} ${priced}`);
    }
    say(`   Task ${task.code} is now at stage ${stage} with number ${number} written back.`);
    const inProgressionLive = (type: 'CLIENT' | 'NODE' | 'PRODUCT') => fake.store.list(type).filter((r) => r.ExternalId).length;
    say(`   ProgressionLIVE now holds ${inProgressionLive('CLIENT')} clients, ${inProgressionLive('NODE')} locations and ${inProgressionLive('PRODUCT')} products linked to QuickBooks.`);

    return { stack, fake, api, companyId: company.id, quickBooks, imported, invoice, task: { id: task.id, code: task.code, stage, number }, sessions, webConnector: wc, stop, dispose };
  } catch (error) {
    const tail = stack.logs.filter((line) => /"level":(50|60)|rror/.test(line)).slice(-15);
    if (tail.length > 0) say(`   Last errors logged by the apps:\n   ${tail.join('\n   ')}`);
    await dispose();
    throw error;
  }
}

/** A task at 700 for a QuickBooks customer, with two QuickBooks products and a free line. */
function billableTask(fake: RunningFake, ids: DemoIds) {
  const store = fake.store;
  const clients = store.list('CLIENT').filter((c) => typeof c.ExternalId === 'string' && c.ExternalId);
  const products = store.list('PRODUCT').filter((p) => typeof p.ExternalId === 'string' && p.ExternalId && Number(p.Price ?? 0) > 0);
  if (clients.length === 0 || products.length < 2) throw new Error('The import did not bring clients and priced products into ProgressionLIVE');
  const client = clients[0];
  const [a, b] = products;
  const items = [
    { productId: String(a.Id), label: String(a.Label), quantity: '2', price: String(a.Price) },
    { productId: String(b.Id), label: String(b.Label), quantity: '1.5', price: String(b.Price) },
    { label: 'Déplacement offert', quantity: '1', price: '0.00' },
  ];
  const id = store.addTask({ typeId: ids.taskTypeId, clientId: String(client.Id), logicId: 700, items });
  const code = String(store.get('TASK', id)?.Code ?? id);
  return {
    id,
    code,
    snapshot: {
      taskId: id,
      taskNumber: code,
      taskTypeId: ids.taskTypeId,
      stage: 700,
      clientId: String(client.Id),
      clientName: String(client.Label),
      date: new Date().toISOString().slice(0, 10),
      items: items.map((item, index) => ({
        lineId: String(index + 1),
        ...(item.productId ? { productId: item.productId } : {}),
        description: item.label,
        quantity: item.quantity,
        unitPrice: item.price,
      })),
    },
  };
}

function invoiceInQuickBooks(company: CompanyFile, txnId: string): DemoResult['invoice'] {
  const invoice = company.data.findTxn('Invoice', txnId);
  if (!invoice) throw new Error(`Invoice ${txnId} is not in the QuickBooks company file`);
  return invoice;
}
