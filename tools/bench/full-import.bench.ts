/**
 * Full import through the whole product (issue "Performance", part 2), not a test.
 *
 * Ours: a generated QuickBooks file of N customers (half of them jobs) and N items is read
 * by the simulated Web Connector through the gateway, the queues and the worker into
 * Postgres, then delivered to the fake ProgressionLIVE. The limit: the same qbXML pages
 * parsed by the codec and bulk-upserted straight into one Postgres table. Prints
 * records/s, the ratio, and the peak RSS of every process.
 *
 * Usage: node tools/dev/run-ts.js tools/bench/full-import.bench.ts [--records 100000]
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { generateCompany, WebConnector } from '../../apps/qbd-simulator/src';
import { seedDemo, startFakeProgressionLive } from '../../apps/fake-progressionlive/src';
import { parseResponseXml } from '@qbd/qbxml';
import { cleanRedisPrefix } from '@qbd/testing';
import { AppStack, freePort, type AppName } from '../stack/app-stack';
import { ConfigApiClient } from '../stack/config-api-client';

export interface BenchRow {
  name: string;
  ours: string;
  baseline: string;
  ratio: string;
  goal: string;
}

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qbd_connector';
const PAGE = 500;
const progress = (line: string) => process.stderr.write(`  … ${line}\n`);

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

/** Peak resident memory of a process, from the kernel (VmHWM), in MB. */
function peakRssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

async function scalar(db: Client, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query(sql, params);
  return Number(Object.values(rows[0] ?? { n: 0 })[0]);
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not done after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function makeCompany(records: number) {
  const customers = Math.round(records / 4);
  return generateCompany({ customers, jobsPerCustomer: 1, items: records / 2, seed: 7, settings: { validateSchema: false } });
}

/** Our figure: the simulated Web Connector against the running product. */
async function throughProduct(records: number) {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const fake = await startFakeProgressionLive({ host: '127.0.0.1', port: 0 });
  const ids = seedDemo(fake.store);
  const stack = new AppStack({
    schema,
    queuePrefix: prefix,
    ports: { configApi: await freePort(), gateway: await freePort(), worker: await freePort() },
    logLevel: 'error',
    databaseUrl: DATABASE_URL,
  });
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    await stack.migrate();
    await stack.start();
    const api = new ConfigApiClient(stack.urls.configApi, stack.apiKey);
    const company = await api.post<{ id: string }>('/v1/companies', {
      externalId: `bench-${Date.now()}`,
      name: 'Bench',
      settings: {
        customerType: 'Client QuickBooks',
        jobLocationType: 'Chantier',
        productType: 'Produit QuickBooks',
        syncModes: { customers: 'full', items: 'full', classes: 'none', sites: 'none' },
        syncUser: 'Synchronisation QuickBooks',
      },
      progressionLive: { baseUrl: fake.url, username: ids.account.username, password: ids.account.password },
    });
    const connection = await api.post<{ password: string }>(`/v1/companies/${company.id}/connection`);
    const qwc = await api.get<string>(`/v1/companies/${company.id}/qwc`);
    const quickBooks = makeCompany(records);
    // QuickBooks' own time (the simulator building its answers) is not the product's.
    let quickBooksMs = 0;
    const answer = quickBooks.processRequest.bind(quickBooks);
    quickBooks.processRequest = async (...args: Parameters<typeof answer>) => {
      const begun = performance.now();
      try {
        return await answer(...args);
      } finally {
        quickBooksMs += performance.now() - begun;
      }
    };
    const wc = new WebConnector({ qwc, password: connection.password, company: quickBooks, gatewayUrl: stack.urls.gateway, recordBodies: false, maxRequests: 10_000 });

    const started = Date.now();
    progress(`session: ${records} records`);
    const report = await wc.runSession();
    progress(`session ${report.outcome} after ${Date.now() - started} ms, ${report.exchanges.length} requests`);
    if (report.outcome !== 'completed') throw new Error(`session ended ${report.outcome}: ${report.error ?? ''}`);
    const sessionDone = Date.now();
    await waitFor(
      async () => (await scalar(db, `SELECT count(*) FROM "${schema}".import_run WHERE status = 'running'`)) === 0 &&
        (await scalar(db, `SELECT count(*) FROM "${schema}".qb_response WHERE status = 'recorded'`)) === 0,
      15 * 60_000,
      'applying',
    );
    const applied = Date.now();
    progress(`applied after ${applied - started} ms`);
    const linked = await scalar(db, `SELECT count(*) FROM "${schema}".entity_link`);
    // Delivery to ProgressionLIVE is sampled for a bounded time (a full drain of 100k
    // records to the fake takes many minutes: one SOAP call or two per record).
    const sampleUntil = Date.now() + option('deliver-seconds', 45) * 1000;
    const pendingNow = () => scalar(db, `SELECT count(*) FROM "${schema}".outbox WHERE status = 'pending'`);
    while ((await pendingNow()) > 0 && Date.now() < sampleUntil) await new Promise((resolve) => setTimeout(resolve, 500));
    const deliveredRows = await scalar(db, `SELECT count(*) FROM "${schema}".outbox WHERE status = 'delivered'`);
    const delivered = Date.now();
    const rss = Object.fromEntries((['qbwc-gateway', 'sync-worker', 'config-api'] as AppName[]).map((app) => [app, peakRssMb(stack.pid(app))]));
    wc.close();
    return { linked, quickBooksMs, deliveredRows, sessionMs: sessionDone - started, appliedMs: applied - started, deliveryMs: delivered - applied, rss, requests: report.exchanges.length };
  } finally {
    await stack.stop();
    await fake.close();
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.end();
    await cleanRedisPrefix(prefix);
  }
}

/** The limit: the same pages parsed and bulk-upserted straight into Postgres. */
async function straightIntoPostgres(records: number) {
  const quickBooks = makeCompany(records);
  const pages: string[] = [];
  for (const [type, kind] of [['CustomerQuery', 'customers'], ['ItemQuery', 'items']] as const) {
    const session = quickBooks.beginSession();
    let iterator = 'iterator="Start"';
    for (let page = 0; page < 10_000; page += 1) {
      const request = `<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"><${type}Rq requestID="${kind}-${page}" ${iterator}><MaxReturned>${PAGE}</MaxReturned><ActiveStatus>All</ActiveStatus></${type}Rq></QBXMLMsgsRq></QBXML>`;
      const response = await quickBooks.handleRequest(request, session);
      pages.push(response);
      const id = /iteratorID="([^"]+)"/.exec(response)?.[1];
      const remaining = Number(/iteratorRemainingCount="(\d+)"/.exec(response)?.[1] ?? 0);
      if (!id || remaining === 0) break;
      iterator = `iterator="Continue" iteratorID="${id}"`;
    }
  }

  const schema = `limit_${randomBytes(4).toString('hex')}`;
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  await db.query(`CREATE SCHEMA "${schema}"`);
  await db.query(`CREATE TABLE "${schema}".record (list_id text PRIMARY KEY, kind text, full_name text, active boolean, data jsonb)`);
  const started = Date.now();
  let rows = 0;
  try {
    for (const page of pages) {
      const answers = parseResponseXml(page);
      const records = answers.flatMap((answer) => answer.records as { ListID: string; FullName?: string; IsActive?: boolean; kind?: string }[]);
      rows += records.length;
      await db.query(
        `INSERT INTO "${schema}".record SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(list_id text, kind text, full_name text, active boolean, data jsonb)
         ON CONFLICT (list_id) DO UPDATE SET full_name = EXCLUDED.full_name, active = EXCLUDED.active, data = EXCLUDED.data`,
        [JSON.stringify(records.map((r) => ({ list_id: r.ListID, kind: r.kind ?? 'Customer', full_name: r.FullName ?? '', active: r.IsActive !== false, data: r })))],
      );
    }
    return { rows, ms: Date.now() - started, rssMb: process.memoryUsage().rss / 1024 / 1024 };
  } finally {
    await db.query(`DROP SCHEMA "${schema}" CASCADE`);
    await db.end();
  }
}

export async function fullImportBench(records = option('records', 100_000)): Promise<BenchRow[]> {
  progress('limit: parse + bulk upsert');
  const limit = await straightIntoPostgres(records);
  progress(`limit: ${limit.rows} rows in ${limit.ms} ms`);
  const ours = await throughProduct(records);
  const rate = (n: number, ms: number) => (n / (ms / 1000));
  const oursApplied = rate(ours.linked, ours.appliedMs - ours.quickBooksMs);
  const limitRate = rate(limit.rows, limit.ms);
  const maxRss = Math.max(...Object.values(ours.rss));
  return [
    {
      name: `full import ${ours.linked} records → Postgres (records/s, QuickBooks' ${(ours.quickBooksMs / 1000).toFixed(1)} s excluded)`,
      ours: oursApplied.toFixed(0),
      baseline: `${limitRate.toFixed(0)} (parse + bulk upsert)`,
      ratio: `${(limitRate / oursApplied).toFixed(2)}× slower`,
      goal: `≤ 2×: ${limitRate / oursApplied <= 2 ? 'met' : 'not met'}`,
    },
    {
      name: `… writes delivered to the fake ProgressionLIVE (writes/s, ${ours.deliveredRows} in ${(ours.deliveryMs / 1000).toFixed(0)} s)`,
      ours: rate(ours.deliveredRows, ours.deliveryMs).toFixed(0),
      baseline: '—',
      ratio: '—',
      goal: `${ours.requests} Web Connector requests, session ${(ours.sessionMs / 1000).toFixed(1)} s`,
    },
    {
      name: 'peak RSS per process (MB)',
      ours: Object.entries(ours.rss).map(([app, mb]) => `${app} ${mb.toFixed(0)}`).join(', '),
      baseline: `${limit.rssMb.toFixed(0)} (one process)`,
      ratio: '—',
      goal: `< 512 MB each: ${maxRss < 512 ? 'met' : 'not met'}`,
    },
  ];
}

if (process.argv[1] === __filename) {
  fullImportBench()
    .then((rows) => console.table(rows))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
