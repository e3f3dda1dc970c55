/**
 * Many companies polling one gateway process (issue "Performance", part 4), not a test.
 *
 * N companies whose Web Connectors call every 5 minutes, compressed into a short window:
 * half find nothing to do (authenticate → none), half run a short session (one request,
 * one answer, close). Measures each call's latency against a bare Fastify route answering
 * the same calls with a fixed envelope (the limit), and the gateway's CPU time per session.
 *
 * Usage: node tools/dev/run-ts.js tools/bench/polling.bench.ts [--companies 1000] [--window 30]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { Client } from 'pg';
import { hashPassword } from '@qbd/platform';
import { cleanRedisPrefix } from '@qbd/testing';
import { AppStack, freePort } from '../stack/app-stack';
import type { BenchRow } from './full-import.bench';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qbd_connector';
const PASSWORD = 'bench-password-0123';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

function envelope(operation: string, params: Record<string, string | number>): string {
  const children = Object.entries(params)
    .map(([k, v]) => `<${k}>${String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</${k}>`)
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><${operation} xmlns="http://developer.intuit.com/">${children}</${operation}></soap:Body></soap:Envelope>`;
}

async function call(url: string, operation: string, params: Record<string, string | number>, latencies: number[]) {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"http://developer.intuit.com/${operation}"` },
    body: envelope(operation, params),
  });
  const body = await response.text();
  latencies.push(performance.now() - started);
  return body;
}

/** CPU seconds a process has used (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

async function session(url: string, user: string, latencies: number[]): Promise<'none' | 'session'> {
  const auth = await call(url, 'authenticate', { strUserName: user, strPassword: PASSWORD }, latencies);
  const strings = [...auth.matchAll(/<string>([^<]*)<\/string>/g)].map((m) => m[1]);
  const ticket = strings[0] ?? '';
  if (strings[1] === 'none' || strings[1] === 'nvu' || strings[1] === 'busy') return 'none';
  const request = await call(url, 'sendRequestXML', { ticket, strHCPResponse: '', strCompanyFileName: '', qbXMLCountry: 'US', qbXMLMajorVers: 13, qbXMLMinorVers: 0 }, latencies);
  const requestId = /requestID=&quot;([^&]+)&quot;/.exec(request)?.[1] ?? '';
  const answer = `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><ClassQueryRs requestID="${requestId}" statusCode="1" statusSeverity="Info" statusMessage="No match" /></QBXMLMsgsRs></QBXML>`;
  await call(url, 'receiveResponseXML', { ticket, response: answer, hresult: '', message: '' }, latencies);
  await call(url, 'closeConnection', { ticket }, latencies);
  return 'session';
}

/** Runs every company's poll once, spread evenly over the window. */
async function pollAll(url: string, users: string[], windowMs: number, latencies: number[]) {
  const gap = windowMs / users.length;
  const started = Date.now();
  const runs = users.map(async (user, index) => {
    await new Promise((resolve) => setTimeout(resolve, index * gap));
    return session(url, user, latencies);
  });
  const outcomes = await Promise.all(runs);
  return { outcomes, ms: Date.now() - started };
}

async function bareRoute(users: string[], windowMs: number) {
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 * 1024 });
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  const fixed = (op: string, inner: string) =>
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><${op}Response xmlns="http://developer.intuit.com/"><${op}Result>${inner}</${op}Result></${op}Response></soap:Body></soap:Envelope>`;
  app.post('/qbwc', async (request, reply) => {
    const op = /<soap:Body><(\w+)/.exec(String(request.body))?.[1] ?? 'x';
    const inner =
      op === 'authenticate' ? `<string>${randomUUID()}</string><string></string><string></string><string></string>` : op === 'sendRequestXML' ? '&lt;ClassQueryRq requestID=&quot;1&quot;/&gt;' : op === 'receiveResponseXML' ? '100' : 'OK';
    return reply.header('content-type', 'text/xml; charset=utf-8').send(fixed(op, inner));
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  await pollAll(`http://127.0.0.1:${port}/qbwc`, users, windowMs, latencies);
  const cpu = process.cpuUsage(cpuBefore);
  await app.close();
  return { latencies, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/** Puts the work of the half of the companies that have some back in the queue. */
async function resetWork(schema: string): Promise<void> {
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  await db.query(`UPDATE "${schema}".work_item SET status = 'queued', "sendCount" = 0, pages = 0`);
  await db.query(`DELETE FROM "${schema}".qb_response`);
  await db.end();
}

async function seedCompanies(schema: string, count: number): Promise<string[]> {
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  const hash = await hashPassword(PASSWORD);
  const users: string[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      const user = `poll-${i}`;
      users.push(user);
      const settings = { syncModes: { customers: 'none', items: 'none', classes: 'none', sites: 'none' }, maxIntervalMinutes: 5, minIntervalMinutes: 5 };
      const { rows } = await db.query(
        `INSERT INTO "${schema}".company ("externalId", name, settings, "wcUsername", "wcPasswordHash", "qwcOwnerId", "qwcFileId")
         VALUES ($1, $2, $3, $4, $5, gen_random_uuid(), gen_random_uuid()) RETURNING id`,
        [`poll-${i}`, `Poll ${i}`, JSON.stringify(settings), user, hash],
      );
      if (i % 2 === 0) {
        await db.query(`INSERT INTO "${schema}".work_item ("companyId", kind, entity, mode, priority, status, params) VALUES ($1, 'import', 'classes', 'full', 50, 'queued', '{}')`, [rows[0].id]);
      }
    }
    return users;
  } finally {
    await db.end();
  }
}

export async function pollingBench(companies = option('companies', 1000), windowSeconds = option('window', 30)): Promise<BenchRow[]> {
  const schema = `bench_poll_${randomBytes(4).toString('hex')}`;
  const prefix = `bench-poll-${randomBytes(4).toString('hex')}`;
  const stack = new AppStack({
    schema,
    queuePrefix: prefix,
    ports: { configApi: await freePort(), gateway: await freePort(), worker: await freePort() },
    logLevel: 'error',
    databaseUrl: DATABASE_URL,
  });
  const db = new Client({ connectionString: DATABASE_URL });
  try {
    await stack.migrate();
    const users = await seedCompanies(schema, companies);
    await stack.start(['qbwc-gateway']);
    // The first cycle is the gateway's first contact with each company (a full password
    // check per company); the measured cycle is the steady state of companies polling again.
    const firstCycle: number[] = [];
    await pollAll(stack.urls.gateway, users, windowSeconds * 1000, firstCycle);
    await resetWork(schema);
    const pid = stack.pid('qbwc-gateway')!;
    const cpuBefore = cpuSeconds(pid);
    const latencies: number[] = [];
    const ours = await pollAll(stack.urls.gateway, users, windowSeconds * 1000, latencies);
    const cpu = cpuSeconds(pid) - cpuBefore;
    const bare = await bareRoute(users, windowSeconds * 1000);
    const sessions = ours.outcomes.filter((o) => o === 'session').length;
    const p99 = percentile(latencies, 99);
    const bareP99 = percentile(bare.latencies, 99);
    return [
      {
        name: `${companies} companies polling in ${windowSeconds} s: call latency p50 / p99 (ms)`,
        ours: `${percentile(latencies, 50).toFixed(1)} / ${p99.toFixed(1)}`,
        baseline: `${percentile(bare.latencies, 50).toFixed(1)} / ${bareP99.toFixed(1)} (bare route)`,
        ratio: `${p99 - bareP99 >= 0 ? '+' : ''}${(p99 - bareP99).toFixed(1)} ms at p99`,
        goal: `${latencies.length} calls, ${sessions} sessions with work, ${companies - sessions} answered none`,
      },
      {
        name: 'gateway CPU per poll (ms)',
        ours: ((cpu * 1000) / companies).toFixed(1),
        baseline: `${((bare.cpuSeconds * 1000) / companies).toFixed(1)} (bare route, in-process)`,
        ratio: `${(cpu / Math.max(bare.cpuSeconds, 0.001)).toFixed(1)}×`,
        goal: `${((cpu / windowSeconds) * 100).toFixed(0)}% of one core at this rate (the bare figure includes its client)`,
      },
    ];
  } finally {
    await stack.stop();
    await db.connect().catch(() => undefined);
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await db.end().catch(() => undefined);
    await cleanRedisPrefix(prefix);
  }
}

if (process.argv[1] === __filename) {
  pollingBench()
    .then((rows) => console.table(rows))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
