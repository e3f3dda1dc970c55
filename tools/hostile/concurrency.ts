// `npm run concurrency`: 200 companies, each with a few queued invoices, run their Web
// Connector sessions at the same time against TWO gateway processes sharing one database
// and one Redis, every call going to the other gateway than the one before. Checks that
// each company receives only its own requests, that no ticket is given twice, that every
// invoice is handed out exactly once and recorded under its own company, and that a second
// Web Connector of the same company starting at the same moment gets "busy".
// Options: --companies N (200), --items N (3), --parallel N (40), --duplicates N (20).
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CompanyEntity, DEFAULT_SETTINGS, WorkItemEntity } from '@qbd/domain';
import { dataSourceOptions, hashPassword } from '@qbd/platform';
import { AppStack, freePort } from '../stack/app-stack';
import {
  call,
  firstCallParams,
  invoiceAddAnswer,
  invoiceRequest,
  refNumbersOf,
  requestIdOf,
  resultOf,
} from './soap';

const DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qbd_connector';
const MAX_CALLS_PER_SESSION = 50;

interface Options {
  companies: number;
  items: number;
  parallel: number;
  duplicates: number;
}

interface SeededCompany {
  index: number;
  id: string;
  userName: string;
  password: string;
  refs: string[];
}

interface Tally {
  calls: [number, number];
  tickets: Map<string, string>;
  ticketCollisions: number;
  handedOut: Map<string, number>;
  foreign: string[];
  sessions: number;
  busyAnswers: number;
  doubleSessions: number;
  nonMonotonic: number;
  failures: string[];
}

function readOptions(): Options {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number) => {
    const at = args.indexOf(`--${name}`);
    const value = at === -1 ? fallback : Number(args[at + 1]);
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`--${name} must be a whole number`);
    return value;
  };
  return {
    companies: option('companies', 200),
    items: option('items', 3),
    parallel: option('parallel', 40),
    duplicates: option('duplicates', 20),
  };
}

/** Sends each call to the other gateway than the previous call did. */
class Alternator {
  private next = 0;

  constructor(
    private readonly urls: [string, string],
    private readonly tally: Tally,
  ) {}

  async call(
    operation: string,
    params: Record<string, string | number>,
    gateway?: 0 | 1,
  ) {
    const chosen = gateway ?? ((this.next++ % 2) as 0 | 1);
    this.tally.calls[chosen] += 1;
    const answer = await call(this.urls[chosen], operation, params);
    if (answer.status !== 200)
      throw new Error(
        `${operation} on gateway ${chosen + 1}: ${answer.status} ${answer.body.slice(0, 200)}`,
      );
    return resultOf(answer, operation);
  }
}

async function seed(
  dataSource: DataSource,
  options: Options,
  tag: string,
): Promise<SeededCompany[]> {
  const indexes = Array.from({ length: options.companies }, (_, index) => index);
  const companies: SeededCompany[] = [];
  // Hashing is deliberately slow (scrypt): hash in small batches on the thread pool.
  for (let start = 0; start < indexes.length; start += 8) {
    const batch = await Promise.all(
      indexes
        .slice(start, start + 8)
        .map((index) => seedCompany(dataSource, options, tag, index)),
    );
    companies.push(...batch);
  }
  return companies;
}

async function seedCompany(
  dataSource: DataSource,
  options: Options,
  tag: string,
  index: number,
): Promise<SeededCompany> {
  const userName = `conc-${tag}-${index}`;
  const password = randomBytes(12).toString('base64url');
  const company = await dataSource.getRepository(CompanyEntity).save({
    externalId: `conc-${tag}-${index}`,
    name: `Concurrency ${index}`,
    settings: {
      ...DEFAULT_SETTINGS,
      syncModes: { customers: 'none', items: 'none', classes: 'none', sites: 'none' },
    },
    wcUsername: userName,
    wcPasswordHash: await hashPassword(password),
    qwcOwnerId: randomUUID(),
    qwcFileId: randomUUID(),
  });
  // RefNumber holds 11 characters in QuickBooks: K + company + item, e.g. K0137-2.
  const refs = Array.from(
    { length: options.items },
    (_, item) => `K${String(index).padStart(4, '0')}-${item + 1}`,
  );
  await dataSource.getRepository(WorkItemEntity).insert(
    refs.map((ref) => ({
      companyId: company.id,
      kind: 'document' as const,
      priority: 30,
      status: 'queued' as const,
      params: { requests: [invoiceRequest(ref)] },
    })),
  );
  return { index, id: company.id, userName, password, refs };
}

/** One Web Connector run: authenticate, then ask, answer, ask ... until nothing is left. */
async function runSession(
  gateways: Alternator,
  company: SeededCompany,
  tally: Tally,
  withDuplicate: boolean,
): Promise<void> {
  const credentials = { strUserName: company.userName, strPassword: company.password };
  const logins = withDuplicate
    ? await Promise.all([
        gateways.call('authenticate', credentials, 0),
        gateways.call('authenticate', credentials, 1),
      ])
    : [await gateways.call('authenticate', credentials)];
  const opened = logins
    .map((login) => login as string[])
    .filter((login) => !['nvu', 'busy', 'none'].includes(login[1] ?? 'nvu'));
  tally.busyAnswers += logins.length - opened.length;
  if (opened.length !== 1) {
    if (opened.length > 1) tally.doubleSessions += 1;
    else
      tally.failures.push(`${company.userName}: no session (${JSON.stringify(logins)})`);
    return;
  }
  const ticket = opened[0][0];
  tally.sessions += 1;
  if (tally.tickets.has(ticket)) tally.ticketCollisions += 1;
  tally.tickets.set(ticket, company.id);

  let percent = 0;
  for (let calls = 0; calls < MAX_CALLS_PER_SESSION; calls += 1) {
    const request = String(
      (await gateways.call('sendRequestXML', firstCallParams(ticket))) ?? '',
    );
    if (request === '') break;
    const refs = refNumbersOf(request);
    for (const ref of refs) {
      tally.handedOut.set(ref, (tally.handedOut.get(ref) ?? 0) + 1);
      if (!company.refs.includes(ref))
        tally.foreign.push(`${company.userName} received ${ref}`);
    }
    const answer = Number(
      await gateways.call('receiveResponseXML', {
        ticket,
        response: invoiceAddAnswer(requestIdOf(request), refs[0] ?? '', `TX-${refs[0]}`),
        hresult: '',
        message: '',
      }),
    );
    if (answer < percent) tally.nonMonotonic += 1;
    percent = answer;
  }
  if (percent !== 100)
    tally.failures.push(`${company.userName}: session ended at ${percent}%`);
  await gateways.call('closeConnection', { ticket });
}

async function runPool<T>(
  items: T[],
  parallel: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, lane));
}

interface StoredCheck {
  items: number;
  received: number;
  sentTwice: number;
  responses: number;
  misfiled: number;
}

/** What Postgres holds afterwards: every item received once, each answer under its company. */
async function checkStored(dataSource: DataSource): Promise<StoredCheck> {
  const [row] = await dataSource.query(
    `SELECT count(*)::int AS items,
            count(*) FILTER (WHERE w.status = 'received')::int AS received,
            count(*) FILTER (WHERE w."sendCount" <> 1)::int AS "sentTwice",
            (SELECT count(*)::int FROM qb_response) AS responses,
            (SELECT count(*)::int FROM qb_response r JOIN work_item i ON i.id = r."workItemId"
              WHERE r."companyId" <> i."companyId"
                 OR position(i.params->'requests'->0->>'RefNumber' in r.body) = 0) AS misfiled
       FROM work_item w`,
  );
  return row as StoredCheck;
}

async function main(): Promise<number> {
  const options = readOptions();
  const tag = randomBytes(4).toString('hex');
  const schema = `concurrency_${tag}`;
  const prefix = `concurrency-${tag}`;
  const stacks = await Promise.all(
    [0, 1].map(async () => {
      const ports = {
        configApi: await freePort(),
        gateway: await freePort(),
        worker: await freePort(),
      };
      return new AppStack({
        databaseUrl: DATABASE_URL,
        schema,
        queuePrefix: prefix,
        ports,
        logLevel: 'warn',
      });
    }),
  );
  await stacks[0].migrate();
  const dataSource = new DataSource(dataSourceOptions({ url: DATABASE_URL, schema }, 4));
  await dataSource.initialize();
  const tally: Tally = {
    calls: [0, 0],
    tickets: new Map(),
    ticketCollisions: 0,
    handedOut: new Map(),
    foreign: [],
    sessions: 0,
    busyAnswers: 0,
    doubleSessions: 0,
    nonMonotonic: 0,
    failures: [],
  };

  try {
    console.log(
      `schema ${schema}, prefix ${prefix}; two gateways on :${stacks[0].options.ports.gateway} and :${stacks[1].options.ports.gateway}`,
    );
    await Promise.all(stacks.map((stack) => stack.start(['qbwc-gateway'])));
    const seeded = Date.now();
    const companies = await seed(dataSource, options, tag);
    console.log(
      `${companies.length} companies, ${companies.length * options.items} invoices queued in ${Math.round((Date.now() - seeded) / 1000)} s`,
    );

    const gateways = new Alternator(
      [stacks[0].urls.gateway, stacks[1].urls.gateway],
      tally,
    );
    const every = Math.max(
      1,
      Math.floor(companies.length / Math.max(1, options.duplicates)),
    );
    const duplicated = new Set(
      companies
        .filter((company) => company.index % every === 0)
        .slice(0, options.duplicates)
        .map((company) => company.index),
    );
    const started = Date.now();
    await runPool(companies, options.parallel, async (company) => {
      try {
        await runSession(gateways, company, tally, duplicated.has(company.index));
      } catch (error) {
        tally.failures.push(`${company.userName}: ${(error as Error).message}`);
      }
    });
    const seconds = (Date.now() - started) / 1000;
    return report(
      options,
      companies,
      tally,
      await checkStored(dataSource),
      duplicated.size,
      seconds,
    );
  } finally {
    await Promise.all(stacks.map((stack) => stack.stop()));
    await dataSource
      .query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      .catch(() => undefined);
    await dataSource.destroy();
    await dropPrefix(prefix);
  }
}

function report(
  options: Options,
  companies: SeededCompany[],
  tally: Tally,
  stored: StoredCheck,
  duplicated: number,
  seconds: number,
): number {
  const expected = companies.flatMap((company) => company.refs);
  const twice = [...tally.handedOut.values()].filter((count) => count > 1).length;
  const never = expected.filter((ref) => !tally.handedOut.has(ref)).length;
  const calls = tally.calls[0] + tally.calls[1];
  const lines: [string, number | string, boolean][] = [
    ['companies', companies.length, true],
    ['sessions opened', tally.sessions, tally.sessions === companies.length],
    [
      'second Web Connectors answered busy',
      `${tally.busyAnswers} of ${duplicated}`,
      tally.busyAnswers === duplicated,
    ],
    [
      'companies with two open sessions',
      tally.doubleSessions,
      tally.doubleSessions === 0,
    ],
    [
      'calls (gateway 1 / gateway 2)',
      `${calls} (${tally.calls[0]} / ${tally.calls[1]})`,
      Math.abs(tally.calls[0] - tally.calls[1]) <= companies.length,
    ],
    ['ticket collisions', tally.ticketCollisions, tally.ticketCollisions === 0],
    ['invoices queued', expected.length, true],
    [
      'invoices handed out once',
      tally.handedOut.size - twice,
      tally.handedOut.size - twice === expected.length,
    ],
    ['invoices handed out more than once', twice, twice === 0],
    ['invoices never handed out', never, never === 0],
    [
      'requests of another company received',
      tally.foreign.length,
      tally.foreign.length === 0,
    ],
    ['progress going down', tally.nonMonotonic, tally.nonMonotonic === 0],
    [
      'work items received (Postgres)',
      `${stored.received} of ${stored.items}`,
      stored.received === expected.length && stored.items === expected.length,
    ],
    [
      'work items sent more than once (Postgres)',
      stored.sentTwice,
      stored.sentTwice === 0,
    ],
    [
      'answers recorded (Postgres)',
      stored.responses,
      stored.responses === expected.length,
    ],
    ['answers under the wrong company or item', stored.misfiled, stored.misfiled === 0],
    ['session errors', tally.failures.length, tally.failures.length === 0],
  ];
  console.log('');
  for (const [label, value, ok] of lines)
    console.log(
      `${label.padEnd(46)}${String(value).padStart(16)}  ${ok ? 'ok' : 'VIOLATION'}`,
    );
  for (const line of [...tally.foreign, ...tally.failures].slice(0, 10))
    console.log(`  ${line}`);
  const violations = lines.filter(([, , ok]) => !ok).length;
  console.log(
    `\n${calls} calls in ${seconds.toFixed(1)} s (${Math.round(calls / seconds)} calls/s, ${options.parallel} sessions at a time)`,
  );
  console.log(
    `concurrency: ${companies.length} companies, ${tally.sessions} sessions, ${violations} violations`,
  );
  return violations === 0 ? 0 : 1;
}

async function dropPrefix(prefix: string): Promise<void> {
  const { default: IORedis } = await import('ioredis');
  const redis = new IORedis('redis://127.0.0.1:6379');
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`concurrency: could not run: ${error.stack ?? error.message}`);
    process.exit(2);
  },
);
