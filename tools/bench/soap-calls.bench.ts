/**
 * Gateway cost per SOAP call (issue "Performance", part 1), not a test.
 *
 * The same calls, with autocannon on loopback, against three servers each in a process of
 * its own: our gateway (on Postgres and Redis, as in production, logs at warn), a bare
 * Fastify route that only reads the body (the limit), and the quickbooks-js package, a
 * node-soap Web Connector server, with a trivial handler (the peer). Calls: serverVersion,
 * authenticate (a right password, nothing to do), sendRequestXML (an invoice leased and
 * rendered per call) and receiveResponseXML carrying about 1.9 MB (2,000 customers) and
 * 5 MB of qbXML, each answering a request really pending in its own session.
 *
 * Usage: node tools/dev/run-ts.js tools/bench/soap-calls.bench.ts [--seconds 4] [--rounds 3]
 *          [--connections 8] [--calls serverVersion,sendRequestXML]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import {
  CompanyEntity,
  DEFAULT_SETTINGS,
  WcSessionEntity,
  WorkItemEntity,
} from '@qbd/domain';
import {
  dataSourceOptions,
  hashPassword,
  ticketTag,
  verifyPassword,
} from '@qbd/platform';
import {
  TicketStore,
  newTicket,
  type SessionState,
} from '../../apps/qbwc-gateway/src/session/ticket-store';
import { AppStack, freePort } from '../stack/app-stack';
import { formatRate, rateRatio, type BenchRow } from './bench-rows';
import {
  SOAP_HEADERS,
  customerPage,
  customersFor,
  soapBody,
  type ResponseBody,
} from './qbxml-payloads';
import { startChild, type ChildServer } from './servers/children';

const DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qbd_connector';
const MB = 1024 * 1024;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

type Target = 'ours' | 'bare' | 'durable' | 'peer';

interface Measure {
  perSecond: number;
  p50: number;
  p99: number;
  requests: number;
  bad: number;
  /** CPU time the server process spent per call (Postgres and Redis not included). */
  cpuMicros: number;
}

interface CallPlan {
  name: string;
  operation: string;
  /** The goal against the bare route: small calls within 1.5×, large answers within 2×. */
  goal: number;
  /** A request body per server; called for every request. */
  body: Record<Exclude<Target, 'durable'>, () => string | Buffer>;
  /** Whether an answer is the right one (a refusal would be cheaper and falsify the figure). */
  accept: Record<Exclude<Target, 'durable'>, (body: string) => boolean>;
  /** Also measured against the bare route plus one Postgres write (the durable limit). */
  durable?: boolean;
  /** A fixed number of requests (each spends a pending request) rather than a duration. */
  amount?: number;
  note?: string;
}

interface Scene {
  stack: AppStack;
  dataSource: DataSource;
  redis: IORedis;
  bare: ChildServer;
  peer: ChildServer;
  urls: Record<Target, string>;
  pids: Record<Target, number>;
  prefix: string;
  schema: string;
}

const PEER_USER = 'bench-peer';
const PEER_PASSWORD = 'bench-peer-password';

async function startScene(): Promise<Scene> {
  const tag = randomBytes(4).toString('hex');
  const schema = `bench_calls_${tag}`;
  const prefix = `bench-calls-${tag}`;
  const ports = {
    configApi: await freePort(),
    gateway: await freePort(),
    worker: await freePort(),
  };
  const stack = new AppStack({
    databaseUrl: DATABASE_URL,
    schema,
    queuePrefix: prefix,
    ports,
    logLevel: 'warn',
  });
  await stack.migrate();
  const [bare, peer] = await Promise.all([
    freePort().then((port) =>
      startChild('servers/bare-fastify.ts', [String(port), DATABASE_URL, schema]).then(
        (child) => ({ child, port }),
      ),
    ),
    freePort().then((port) =>
      startChild('servers/quickbooks-js-peer.ts', [
        String(port),
        PEER_USER,
        PEER_PASSWORD,
      ]).then((child) => ({ child, port })),
    ),
    stack.start(['qbwc-gateway']),
  ]);
  const dataSource = new DataSource(dataSourceOptions({ url: DATABASE_URL, schema }, 4));
  await dataSource.initialize();
  return {
    stack,
    dataSource,
    redis: new IORedis('redis://127.0.0.1:6379'),
    bare: bare.child,
    peer: peer.child,
    pids: {
      ours: stack.pid('qbwc-gateway')!,
      bare: bare.child.process.pid!,
      durable: bare.child.process.pid!,
      peer: peer.child.process.pid!,
    },
    urls: {
      ours: stack.urls.gateway,
      bare: `http://127.0.0.1:${bare.port}/qbwc`,
      durable: `http://127.0.0.1:${bare.port}/qbwc-durable`,
      peer: `http://127.0.0.1:${peer.port}/wsdl`,
    },
    prefix,
    schema,
  };
}

async function stopScene(scene: Scene): Promise<void> {
  await Promise.all([scene.stack.stop(), scene.bare.stop(), scene.peer.stop()]);
  await scene.dataSource
    .query(`DROP SCHEMA IF EXISTS "${scene.schema}" CASCADE`)
    .catch(() => undefined);
  await scene.dataSource.destroy();
  let cursor = '0';
  do {
    const [next, keys] = await scene.redis.scan(
      cursor,
      'MATCH',
      `${scene.prefix}:*`,
      'COUNT',
      1000,
    );
    cursor = next;
    if (keys.length > 0) await scene.redis.del(...keys);
  } while (cursor !== '0');
  scene.redis.disconnect();
}

const NO_IMPORTS = {
  customers: 'none',
  items: 'none',
  classes: 'none',
  sites: 'none',
} as const;

async function insertCompanies(
  scene: Scene,
  count: number,
  label: string,
  password?: string,
): Promise<CompanyEntity[]> {
  const hash = password ? await hashPassword(password) : null;
  const rows = Array.from({ length: count }, (_, i) => ({
    externalId: `${label}-${i}-${randomUUID().slice(0, 8)}`,
    name: `${label} ${i}`,
    settings: { ...DEFAULT_SETTINGS, syncModes: { ...NO_IMPORTS } },
    wcUsername: password ? `${label}-${i}` : null,
    wcPasswordHash: hash,
    qwcOwnerId: randomUUID(),
    qwcFileId: randomUUID(),
  }));
  return scene.dataSource.getRepository(CompanyEntity).save(rows, { chunk: 500 });
}

/** Companies whose Web Connector logs in and finds nothing to do (one hash shared: same cost). */
async function authUsers(
  scene: Scene,
  count: number,
): Promise<{ user: string; password: string }[]> {
  const password = 'bench-auth-password-0123';
  const companies = await insertCompanies(scene, count, 'bench-auth', password);
  return companies.map((company) => ({ user: company.wcUsername!, password }));
}

/**
 * Web Connector logs in at every poll, every few minutes, with the same password: the
 * measured logins are those repeats (the first one of the hour pays scrypt, shown apart).
 */
async function loggedInOnce(scene: Scene, users: { user: string; password: string }[]) {
  await Promise.all(
    users.map(({ user, password }) =>
      post(scene.urls.ours, 'authenticate', { strUserName: user, strPassword: password }),
    ),
  );
  return users;
}

const invoiceParams = (ref: string) => ({
  requests: [
    {
      type: 'InvoiceAdd',
      CustomerRef: { ListID: '80000031-1716300000' },
      TxnDate: '2024-05-22',
      RefNumber: ref,
      InvoiceLineAdd: [
        {
          ItemRef: { ListID: '80000041-1716300100' },
          Desc: 'Panel inspection',
          Quantity: '2',
          Rate: '150.00',
        },
      ],
    },
  ],
});

/**
 * Open sessions of companies with a few invoices queued each (a real queue is short: the
 * lease query sorts a company's queued items), made with the gateway's own ticket store
 * and already past the first call, as Web Connector is on its second request.
 */
async function sendSessions(
  scene: Scene,
  sessions: number,
  invoicesEach: number,
): Promise<string[]> {
  const opened = await openSessions(scene, sessions, 'bench-send', () => ({}));
  const rows = opened.flatMap(({ companyId }) =>
    Array.from({ length: invoicesEach }, (_, i) => ({
      companyId,
      kind: 'document' as const,
      priority: 30,
      status: 'queued' as const,
      params: invoiceParams(`S${i}`),
    })),
  );
  for (let at = 0; at < rows.length; at += 1000)
    await scene.dataSource
      .getRepository(WorkItemEntity)
      .insert(rows.slice(at, at + 1000));
  return opened.map(({ ticket }) => ticket);
}

/** Companies with an open session each, their state made by the gateway's ticket store. */
async function openSessions(
  scene: Scene,
  count: number,
  label: string,
  extra: (
    companyId: string,
    sessionId: string,
  ) => Partial<SessionState> | Promise<Partial<SessionState>>,
): Promise<{ ticket: string; companyId: string; sessionId: string }[]> {
  const companies = await insertCompanies(scene, count, label);
  const tickets = companies.map(() => newTicket());
  const sessions = await scene.dataSource.getRepository(WcSessionEntity).save(
    companies.map((company, i) => ({
      companyId: company.id,
      ticketTag: ticketTag(tickets[i]),
      remoteAddress: '127.0.0.1',
    })),
    { chunk: 500 },
  );
  const store = new TicketStore(scene.redis, scene.prefix, 900);
  for (let i = 0; i < companies.length; i += 1) {
    const state: SessionState = {
      companyId: companies[i].id,
      sessionId: sessions[i].id,
      generation: companies[i].credentialGeneration,
      qbxmlVersion: '13.0',
      country: 'US',
      pagesDone: 0,
      lastPercent: 0,
      language: 'en',
      connectionErrors: 0,
      requestsSent: 0,
      ...(await extra(companies[i].id, sessions[i].id)),
    };
    if (!(await store.open(tickets[i], state)))
      throw new Error('could not open a benchmark session');
  }
  return companies.map((company, i) => ({
    ticket: tickets[i],
    companyId: company.id,
    sessionId: sessions[i].id,
  }));
}

/**
 * Sessions each waiting for the answer to one customer page: every receiveResponseXML of
 * the run is a real answer, recorded in Postgres, never an ignored replay.
 */
async function pendingAnswers(
  scene: Scene,
  count: number,
): Promise<{ ticket: string; requestId: string }[]> {
  let next = 0;
  const opened = await openSessions(
    scene,
    count,
    'bench-recv',
    async (companyId, sessionId) => {
      const requestId = `bench-${next++}`;
      const [item] = await scene.dataSource.getRepository(WorkItemEntity).save([
        {
          companyId,
          kind: 'import',
          entity: 'customers',
          mode: 'full',
          priority: 50,
          status: 'sent',
          requestId,
          sessionId,
          sendCount: 1,
          params: {},
        },
      ] as WorkItemEntity[]);
      return { currentWorkItemId: item.id, currentRequestId: requestId, requestsSent: 1 };
    },
  );
  return opened.map(({ ticket }, i) => ({ ticket, requestId: `bench-${i}` }));
}

const sendParams = (ticket: string) => ({
  ticket,
  strHCPResponse: '',
  strCompanyFileName: 'C:\\Company.qbw',
  qbXMLCountry: 'US',
  qbXMLMajorVers: 13,
  qbXMLMinorVers: 0,
});

async function post(
  url: string,
  operation: string,
  params: Record<string, string | number>,
): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: SOAP_HEADERS(operation),
    body: soapBody(operation, params),
  });
  return response.text();
}

/** User plus system CPU time of a process, in microseconds (Linux clock ticks of 10 ms). */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

async function measure(
  pid: number,
  url: string,
  plan: CallPlan,
  target: Target,
  seconds: number,
  connections: number,
  amount?: number,
): Promise<Measure> {
  const like = target === 'durable' ? 'bare' : target;
  let bad = 0;
  const cpuBefore = cpuMicros(pid);
  const result = await autocannon({
    url,
    connections,
    ...(amount ? { amount } : { duration: seconds }),
    requests: [
      {
        method: 'POST',
        headers: SOAP_HEADERS(plan.operation),
        setupRequest: (request) => ({ ...request, body: plan.body[like]() }),
        onResponse: (status, body) => {
          if (status !== 200 || !plan.accept[like](body)) bad += 1;
        },
      },
    ],
  });
  return {
    perSecond: result.requests.total / (result.duration || seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    bad: bad + result.errors + result.timeouts,
    cpuMicros: (cpuMicros(pid) - cpuBefore) / Math.max(1, result.requests.total),
  };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Rounds interleaved across the three servers, so a burst of load elsewhere on a shared machine does not land on one of them only; the median of each figure is kept. */
async function measureRounds(
  scene: Scene,
  plan: CallPlan,
  seconds: number,
  connections: number,
  rounds: number,
): Promise<Partial<Record<Target, Measure>>> {
  const targets: Target[] = plan.durable
    ? ['bare', 'durable', 'ours', 'peer']
    : ['bare', 'ours', 'peer'];
  const runs = new Map<Target, Measure[]>(targets.map((target) => [target, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const target of targets) {
      const amount =
        plan.amount && target === 'ours' ? Math.floor(plan.amount / rounds) : undefined;
      const result = await measure(
        scene.pids[target],
        scene.urls[target],
        plan,
        target,
        seconds / rounds,
        connections,
        amount,
      );
      if (process.env.BENCH_VERBOSE)
        process.stderr.write(
          `${plan.operation} ${target} round ${round + 1}: ${shown(result)}\n`,
        );
      runs.get(target)!.push(result);
    }
  }
  const summary = (list: Measure[]): Measure => ({
    perSecond: median(list.map((m) => m.perSecond)),
    p50: median(list.map((m) => m.p50)),
    p99: median(list.map((m) => m.p99)),
    requests: list.reduce((sum, m) => sum + m.requests, 0),
    bad: list.reduce((sum, m) => sum + m.bad, 0),
    cpuMicros: median(list.map((m) => m.cpuMicros)),
  });
  return Object.fromEntries([...runs].map(([target, list]) => [target, summary(list)]));
}

/** What one password check costs here (scrypt N=2^15, r=8), the floor of authenticate. */
async function scryptMs(): Promise<number> {
  const stored = await hashPassword('bench-scrypt-password');
  const started = performance.now();
  for (let i = 0; i < 5; i += 1) await verifyPassword('bench-scrypt-password', stored);
  return (performance.now() - started) / 5;
}

const shown = (m: Measure) =>
  `${formatRate(m.perSecond)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, ${formatCpu(m.cpuMicros)} CPU/call${m.bad ? `, ${m.bad} BAD` : ''}`;

const formatCpu = (micros: number) =>
  micros >= 10_000
    ? `${(micros / 1000).toFixed(0)} ms`
    : micros >= 1000
      ? `${(micros / 1000).toFixed(1)} ms`
      : `${micros.toFixed(0)} µs`;

function rowsFor(plan: CallPlan, measures: Partial<Record<Target, Measure>>): BenchRow[] {
  const ours = measures.ours!;
  const limit = rateRatio(ours.perSecond, measures.bare!.perSecond);
  const rows: BenchRow[] = [
    {
      name: `${plan.name} vs bare Fastify route (limit)`,
      ours: shown(ours),
      baseline: shown(measures.bare!),
      ratio: limit.text,
      goal: `≤ ${plan.goal}×: ${limit.slower <= plan.goal ? 'met' : 'not met'}${plan.note ? ` (${plan.note})` : ''}`,
    },
  ];
  if (measures.durable) {
    const durable = rateRatio(ours.perSecond, measures.durable.perSecond);
    rows.push({
      name: `${plan.name} vs bare route + one Postgres write`,
      ours: '〃',
      baseline: shown(measures.durable),
      ratio: durable.text,
      goal: `≤ ${plan.goal}×: ${durable.slower <= plan.goal ? 'met' : 'not met'} (the durable limit)`,
    });
  }
  const peer = rateRatio(ours.perSecond, measures.peer!.perSecond);
  rows.push({
    name: `${plan.name} vs quickbooks-js (peer)`,
    ours: '〃',
    baseline: shown(measures.peer!),
    ratio: peer.slower < 1 ? `${(1 / peer.slower).toFixed(1)}× faster` : peer.text,
    goal: '—',
  });
  return rows;
}

function cycle<T>(items: T[]): () => T {
  let next = 0;
  return () => items[next++ % items.length];
}

/** Hands out each pending answer once; after the last, repeats it (counted as bad). */
function once<T>(items: T[]): () => T {
  let next = 0;
  return () => items[Math.min(next++, items.length - 1)];
}

function responsePlan(
  name: string,
  page: ResponseBody,
  pending: { ticket: string; requestId: string }[],
  goal: number,
  note: string,
): CallPlan {
  const bodyOf = (ticket: string, requestId: string) =>
    Buffer.concat([page.head(ticket, requestId), page.tail]);
  const fixed = bodyOf(newTicket(), 'bench-peer');
  const nextPending = once(pending);
  return {
    name,
    operation: 'receiveResponseXML',
    goal,
    amount: pending.length,
    note,
    durable: true,
    body: {
      ours: () => {
        const { ticket, requestId } = nextPending();
        return bodyOf(ticket, requestId);
      },
      bare: () => fixed,
      peer: () => fixed,
    },
    accept: {
      ours: (body) =>
        body.includes('<receiveResponseXMLResult>100</receiveResponseXMLResult>'),
      bare: () => true,
      peer: (body) => body.includes('receiveResponseXMLResult'),
    },
  };
}

export async function soapCallsBench(): Promise<BenchRow[]> {
  const seconds = option('seconds', 3);
  const rounds = option('rounds', 3);
  const connections = option('connections', 8);
  const scene = await startScene();
  try {
    const users = cycle(
      await loggedInOnce(scene, await authUsers(scene, connections * 2)),
    );
    const sendTickets = cycle(await sendSessions(scene, 100, 40));
    const small = customerPage(2000);
    const large = customerPage(customersFor(5 * MB));
    const pendingSmall = await pendingAnswers(scene, 60 * seconds);
    const pendingLarge = await pendingAnswers(scene, 25 * seconds);
    const fixedTicket = newTicket();
    const scrypt = await scryptMs();

    const plans: CallPlan[] = [
      {
        name: 'serverVersion',
        operation: 'serverVersion',
        goal: 1.5,
        body: {
          ours: () => soapBody('serverVersion', {}),
          bare: () => soapBody('serverVersion', {}),
          peer: () => soapBody('serverVersion', {}),
        },
        accept: {
          ours: (body) => body.includes('serverVersionResult'),
          bare: () => true,
          peer: (body) => body.includes('serverVersionResult'),
        },
      },
      {
        name: 'authenticate',
        operation: 'authenticate',
        goal: 1.5,
        note: `repeat logins; a first login adds one scrypt check, ${scrypt.toFixed(0)} ms here`,
        body: {
          ours: () => {
            const { user, password } = users();
            return soapBody('authenticate', { strUserName: user, strPassword: password });
          },
          bare: () =>
            soapBody('authenticate', {
              strUserName: PEER_USER,
              strPassword: PEER_PASSWORD,
            }),
          peer: () =>
            soapBody('authenticate', {
              strUserName: PEER_USER,
              strPassword: PEER_PASSWORD,
            }),
        },
        accept: {
          ours: (body) => body.includes('<string>none</string>'),
          bare: () => true,
          peer: (body) => body.includes('authenticateResult'),
        },
      },
      {
        name: 'sendRequestXML',
        operation: 'sendRequestXML',
        goal: 1.5,
        note: 'an invoice leased in Postgres per call',
        durable: true,
        body: {
          ours: () => soapBody('sendRequestXML', sendParams(sendTickets())),
          bare: () => soapBody('sendRequestXML', sendParams(fixedTicket)),
          peer: () => soapBody('sendRequestXML', sendParams(fixedTicket)),
        },
        accept: {
          ours: (body) => body.includes('InvoiceAddRq'),
          bare: () => true,
          peer: (body) => body.includes('InvoiceAddRq'),
        },
      },
      responsePlan(
        `receiveResponseXML ${(small.qbxmlBytes / MB).toFixed(1)} MB (${small.customers.toLocaleString('en-US')} customers)`,
        small,
        pendingSmall,
        2,
        'recorded in Postgres',
      ),
      responsePlan(
        `receiveResponseXML ${(large.qbxmlBytes / MB).toFixed(1)} MB (${large.customers.toLocaleString('en-US')} customers)`,
        large,
        pendingLarge,
        2,
        'recorded in Postgres',
      ),
    ];
    // The peer logs in once so that its request queue is filled.
    await post(scene.urls.peer, 'authenticate', {
      strUserName: PEER_USER,
      strPassword: PEER_PASSWORD,
    });

    const rows: BenchRow[] = [];
    const only = process.argv.includes('--calls')
      ? process.argv[process.argv.indexOf('--calls') + 1].split(',')
      : undefined;
    for (const plan of plans.filter(
      (candidate) => !only || only.includes(candidate.operation),
    )) {
      rows.push(
        ...rowsFor(plan, await measureRounds(scene, plan, seconds, connections, rounds)),
      );
    }
    return rows;
  } finally {
    await stopScene(scene);
  }
}

if (process.argv[1] === __filename) {
  void import('./bench-rows').then(async ({ printTable }) => {
    printTable(await soapCallsBench());
    process.exit(0);
  });
}
