// `npm run chaos`: breaks the running connector on purpose and counts. It starts a private
// Redis and Postgres, the three apps, one simulated QuickBooks + Web Connector and one fake
// ProgressionLIVE per company; sends many task events while injecting faults (answers lost
// after QuickBooks saved, gateway and worker killed, Redis and Postgres restarted,
// ProgressionLIVE down, a second Web Connector, repeated events); lets everything drain;
// then compares the QuickBooks files and ProgressionLIVE with what was asked. Exits 1 on
// any duplicate, lost or stuck export.
import { createWriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppStack, freePort, type AppName } from '../stack/app-stack';
import { FaultInjector, type FaultContext } from './faults';
import {
  PrivatePostgres,
  PrivateRedis,
  SharedPostgresDatabase,
  type SuitePostgres,
} from './infra';
import { MainApp } from './main-app';
import { parseOptions, USAGE, type ChaosOptions } from './options';
import { Probe } from './probe';
import { Rng } from './rng';
import { SessionLoop, SessionStats } from './sessions';
import {
  billableTask,
  createTenant,
  importedRecords,
  type AskedTask,
  type Tenant,
} from './tenants';
import { compare, selfCheck, undelivered, type Figures } from './verify';

const SCHEMA = 'chaos';
const APPS: AppName[] = ['config-api', 'qbwc-gateway', 'sync-worker'];
const IMPORT_TIMEOUT_MS = 240_000;
const SETTLE_MS = 5000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const say = (line: string) => console.log(line);

interface Infra {
  redis: PrivateRedis;
  postgres: SuitePostgres;
}

interface Run {
  options: ChaosOptions;
  tag: string;
  infra: Infra;
  stack: AppStack;
  probe: Probe;
  tenants: Tenant[];
  loops: SessionLoop[];
  stats: SessionStats;
  mainApp: MainApp;
  asked: AskedTask[];
  accepted: AskedTask[];
  restarting: Set<AppName>;
  crashes: string[];
  appErrors: Map<AppName, number>;
  errorTail: string[];
  logFile: string;
}

async function startInfra(tag: string, sharedPostgres: boolean): Promise<Infra> {
  const redis = await PrivateRedis.start();
  const shared = (why: string) => {
    say(
      `   ${why}: FALLBACK to a database of its own on the shared Postgres, never restarted;`,
    );
    say(
      '   "Postgres restarted" there means: that database refuses and cuts its connections.',
    );
    return new SharedPostgresDatabase(`qbd_chaos_${tag}`);
  };
  try {
    const postgres = sharedPostgres
      ? shared('--shared-postgres')
      : await PrivatePostgres.start().catch((error: Error) =>
          shared(`no private Postgres cluster (${error.message.split('\n')[0]})`),
        );
    return { redis, postgres };
  } catch (error) {
    await redis.stop();
    throw error;
  }
}

async function startStack(
  tag: string,
  infra: Infra,
  run: Pick<Run, 'appErrors' | 'errorTail' | 'options'>,
  logFile: string,
) {
  const log = createWriteStream(logFile);
  const stack = new AppStack({
    databaseUrl: infra.postgres.url,
    schema: SCHEMA,
    queuePrefix: `chaos-${tag}`,
    ports: {
      configApi: await freePort(),
      gateway: await freePort(),
      worker: await freePort(),
    },
    logLevel: 'info',
    extraEnv: {
      REDIS_URL: infra.redis.url,
      // The shortest life the gateway allows: a Web Connector cut off mid-session (gateway
      // killed, answer lost) frees its company after a minute instead of fifteen.
      TICKET_TTL_SECONDS: '60',
    },
    onLog: (app, line) => {
      log.write(`[${app}] ${line}\n`);
      const level = /"level":(\d+)/.exec(line)?.[1];
      if (level && Number(level) >= 50) {
        run.appErrors.set(app, (run.appErrors.get(app) ?? 0) + 1);
        run.errorTail.push(`[${app}] ${line.slice(0, 400)}`);
        if (run.errorTail.length > 40) run.errorTail.shift();
      }
      if (run.options.verbose && level && Number(level) >= 40)
        say(`    [${app}] ${line.slice(0, 300)}`);
    },
  });
  await stack.migrate();
  await stack.start();
  return stack;
}

/** Restarts an app that died by itself (a crash is a finding: counted and reported). */
function watchdog(run: Run): () => void {
  const timer = setInterval(() => {
    for (const app of APPS) {
      if (run.restarting.has(app)) continue;
      const pid = run.stack.pid(app);
      if (pid && alive(pid)) continue;
      run.crashes.push(`${app} exited by itself`);
      say(`  !! ${app} exited by itself; restarting it`);
      run.restarting.add(app);
      run.stack.spawn(app);
      run.stack
        .waitReady(app, 120_000)
        .catch((error: Error) =>
          run.crashes.push(`${app} did not come back: ${error.message.slice(0, 200)}`),
        )
        .finally(() => run.restarting.delete(app));
    }
  }, 1000);
  return () => clearInterval(timer);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** First sessions of every company: the QuickBooks lists reach ProgressionLIVE. */
async function waitForImports(run: Run): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < IMPORT_TIMEOUT_MS) {
    const ready = run.tenants.filter((tenant) => {
      const { clients, products } = importedRecords(tenant);
      return clients.length > 0 && products.length > 0;
    });
    const backlog = await run.probe.backlog().catch(() => null);
    const applying = backlog ? backlog.responsesRecorded + backlog.outboxPending : 1;
    if (ready.length === run.tenants.length && applying === 0) return;
    await sleep(500);
  }
  throw new Error('the first imports did not reach ProgressionLIVE in time');
}

/** A bounded pool of promises: at most `limit` at once. */
class Pool {
  private running = new Set<Promise<void>>();

  constructor(private readonly limit: number) {}

  async add(task: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running);
    const promise = task().finally(() => this.running.delete(promise));
    this.running.add(promise);
  }

  async drain(): Promise<void> {
    await Promise.all(this.running);
  }
}

/**
 * The main app: tasks reach the billing stage one after the other and their events are
 * sent; some events go twice at once, some again later (a retrying integration).
 */
async function sendEvents(
  run: Run,
  rng: Rng,
  spreadMs: number,
  eventLog: Map<string, number>,
): Promise<void> {
  const pool = new Pool(8);
  const gap = spreadMs / run.options.exports;
  const later: AskedTask[] = [];
  const send = async (task: AskedTask) => {
    const answer = await run.mainApp
      .sendTaskEvent(task.tenant.companyId, {
        task: task.snapshot,
        eventId: `evt-${task.taskId}`,
      })
      .catch((error: Error) => ({ reason: `error: ${error.message.slice(0, 80)}` }));
    eventLog.set(answer.reason, (eventLog.get(answer.reason) ?? 0) + 1);
    if (answer.reason === 'exportCreated' || answer.reason === 'exportExists') {
      if (!run.accepted.includes(task)) run.accepted.push(task);
    }
  };

  for (let i = 0; i < run.options.exports; i += 1) {
    const tenant = run.tenants[i % run.tenants.length]!;
    const task = billableTask(tenant, rng);
    run.asked.push(task);
    const twice = rng.chance(0.08);
    if (rng.chance(0.05)) later.push(task);
    await pool.add(async () => {
      await Promise.all(twice ? [send(task), send(task)] : [send(task)]);
    });
    await sleep(gap);
  }
  for (const task of later) await pool.add(() => send(task));
  await pool.drain();
}

/** Faults at seeded moments spread over the chaos window, one at a time. */
async function injectFaults(
  injector: FaultInjector,
  rng: Rng,
  plan: ReturnType<FaultInjector['plan']>,
  spreadMs: number,
  started: number,
) {
  const moments = plan
    .map(() => Math.floor(spreadMs * (0.05 + 0.9 * rng.next())))
    .sort((a, b) => a - b);
  for (const [index, kind] of plan.entries()) {
    await sleep(Math.max(0, started + moments[index]! - Date.now()));
    await injector
      .inject(kind, started)
      .catch((error: Error) =>
        say(`  fault ${kind} could not be injected: ${error.message}`),
      );
  }
}

async function progressLine(
  run: Run,
  started: number,
  eventLog: Map<string, number>,
): Promise<string> {
  const waiting = undelivered(run.asked).length;
  const backlog = await run.probe.backlog().catch(() => null);
  const exports = backlog
    ? Object.entries(backlog.exports)
        .map(([status, n]) => `${status} ${n}`)
        .join(', ')
    : 'database unreachable';
  const accepted =
    (eventLog.get('exportCreated') ?? 0) + (eventLog.get('exportExists') ?? 0);
  return `  ${seconds(Date.now() - started).padStart(8)}  asked ${run.asked.length}, events accepted ${accepted}, billed ${run.asked.length - waiting}; exports: ${exports}; sessions ${run.stats.sessions}`;
}

/** Waits until every asked task is billed and nothing is left in flight; the drain time or null. */
async function drain(
  run: Run,
  started: number,
  from: number,
  eventLog: Map<string, number>,
): Promise<number | null> {
  let lastPrint = 0;
  while (Date.now() - from < run.options.drainTimeoutS * 1000) {
    const backlog = await run.probe.backlog().catch(() => null);
    const quiet =
      backlog !== null && backlog.responsesRecorded === 0 && backlog.outboxPending === 0;
    if (quiet && undelivered(run.asked).length === 0) return Date.now() - from;
    if (Date.now() - lastPrint > 10_000) {
      lastPrint = Date.now();
      say(await progressLine(run, started, eventLog));
    }
    await sleep(1000);
  }
  return null;
}

/** Expected import schedules per company: customers, items, classes and sites (US files). */
const IMPORT_SCHEDULES_PER_COMPANY = 4;
const MAINTENANCE_SCHEDULERS = [
  'sweep-exports',
  'sweep-outbox',
  'sweep-responses',
  'sweep-tasks',
];

/**
 * What would lose work after the run even though this run ended well: periodic sweeps or
 * import schedules missing from Redis, document work still queued for a billed task.
 */
async function latentProblems(run: Run): Promise<string[]> {
  const problems: string[] = [];
  const schedulers = await run.probe.schedulers().catch(() => null);
  const missing = MAINTENANCE_SCHEDULERS.filter(
    (id) => !schedulers?.maintenance.includes(id),
  );
  if (missing.length > 0)
    problems.push(`latent: maintenance sweeps missing from Redis: ${missing.join(', ')}`);
  const expected = run.tenants.length * IMPORT_SCHEDULES_PER_COMPANY;
  if ((schedulers?.imports ?? 0) < expected)
    problems.push(
      `latent: ${schedulers?.imports ?? 0} of ${expected} import schedules in Redis`,
    );
  const queued = await run.probe
    .query<{ n: string }>(
      `SELECT count(*) AS n FROM work_item w JOIN export e ON e.id = w."exportId" WHERE w.status IN ('queued', 'sent') AND e.status = 'delivered'`,
    )
    .catch(() => [{ n: '0' }]);
  if (Number(queued[0]?.n ?? 0) > 0)
    problems.push(
      `latent: ${queued[0]!.n} document work items still queued for billed tasks`,
    );
  return problems;
}

type Recoveries = Awaited<ReturnType<Probe['recoveries']>>;

function printFigures(
  run: Run,
  figures: Figures,
  drainMs: number | null,
  totalMs: number,
  faults: FaultInjector,
  recoveries: Recoveries | null,
): void {
  say('\nResults');
  say(`  exports asked        ${figures.asked}`);
  say(`  documents created    ${figures.created}`);
  say(`  duplicates           ${figures.duplicates}`);
  say(`  lost                 ${figures.lost}`);
  say(`  stuck                ${figures.stuck}`);
  say(
    `  time to drain        ${drainMs === null ? `not drained after ${run.options.drainTimeoutS} s` : seconds(drainMs)} (after the last fault and event; whole run ${seconds(totalMs)})`,
  );
  const byKind = new Map<string, number>();
  for (const fault of faults.done)
    byKind.set(fault.kind, (byKind.get(fault.kind) ?? 0) + 1);
  say(
    `  faults injected      ${faults.done.length}: ${[...byKind].map(([kind, n]) => `${kind} ${n}`).join(', ')}`,
  );
  const lostAnswers = run.tenants.reduce((sum, tenant) => {
    const left = tenant.quickBooks.faults.loseResponseAfterSave;
    return sum + (typeof left === 'object' ? (left.times ?? 0) : 0);
  }, 0);
  const armed = faults.done.filter((f) => f.kind === 'lostAnswer').length;
  say(`  answers lost         ${armed - lostAnswers} of ${armed} armed fired`);
  if (recoveries) {
    say(
      `  recoveries           ${recoveries.lookups} lookups (${recoveries.createdViaLookup} documents found by them), ${recoveries.writeBacksRetried} write-backs retried`,
    );
  }
  say(
    `  sessions             ${run.stats.sessions} (${run.stats.summary()}), ${run.stats.requests} qbXML requests`,
  );
  const errors = [...run.stats.errors].sort((a, b) => b[1] - a[1]).slice(0, 4);
  for (const [error, count] of errors) say(`    ${String(count).padStart(5)} × ${error}`);
  say(
    `  task event calls     ${run.mainApp.counts.eventCalls} (${run.mainApp.counts.eventRetries} retried, ${run.mainApp.counts.eventsAbandoned} abandoned)`,
  );
  say(
    `  app errors logged    ${APPS.map((app) => `${app} ${run.appErrors.get(app) ?? 0}`).join(', ')}`,
  );
  say(
    `  crashes              ${run.crashes.length === 0 ? 'none' : run.crashes.join('; ')}`,
  );
  say(
    `  Postgres             ${run.infra.postgres.kind === 'private' ? 'private cluster' : 'FALLBACK: own database on the shared server'}; Redis private`,
  );
  say(`  app logs             ${run.logFile}`);
  if (figures.problems.length > 0) {
    say(
      `\nProblems (${figures.problems.length}${figures.problems.length > 30 ? ', first 30' : ''}):`,
    );
    for (const problem of figures.problems.slice(0, 30)) say(`  ${problem}`);
  }
}

async function teardown(run: Partial<Run> & { infra?: Infra }): Promise<void> {
  await Promise.race([
    Promise.all((run.loops ?? []).map((loop) => loop.stop())),
    sleep(60_000),
  ]);
  for (const tenant of run.tenants ?? []) tenant.webConnector.close();
  await run.stack?.stop().catch(() => undefined);
  await run.probe?.close().catch(() => undefined);
  for (const tenant of run.tenants ?? [])
    await tenant.fake.close().catch(() => undefined);
  await run.infra?.redis.stop().catch(() => undefined);
  await run.infra?.postgres.stop().catch(() => undefined);
}

async function main(): Promise<number> {
  if (process.argv.includes('--help')) {
    say(USAGE);
    return 0;
  }
  const options = parseOptions(process.argv.slice(2));
  const rng = new Rng(options.seed);
  const tag = randomBytes(3).toString('hex');
  const logFile = path.join(tmpdir(), `qbd-chaos-${tag}.log`);
  say(
    `chaos: seed ${options.seed} (same choices again: --seed ${options.seed}), ${options.exports} exports, ${options.companies} companies, ${options.faults} faults`,
  );

  const run: Partial<Run> = {
    options,
    tag,
    logFile,
    asked: [],
    accepted: [],
    restarting: new Set(),
    crashes: [],
    appErrors: new Map(),
    errorTail: [],
    stats: new SessionStats(),
    loops: [],
    tenants: [],
  };
  let stopWatchdog = () => undefined as void;
  const interrupted = async () => {
    say('\ninterrupted: stopping everything the suite started');
    stopWatchdog();
    await teardown(run);
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  try {
    const started = Date.now();
    say(
      '1. Private Redis and Postgres, then config-api, qbwc-gateway and sync-worker ...',
    );
    run.infra = await startInfra(tag, options.sharedPostgres);
    run.stack = await startStack(tag, run.infra, run as Run, logFile);
    run.probe = new Probe(
      run.infra.postgres.url,
      SCHEMA,
      run.infra.redis.url,
      `chaos-${tag}`,
    );
    run.mainApp = new MainApp(run.stack.urls.configApi, run.stack.apiKey);
    say(
      `   Redis :${run.infra.redis.port}, Postgres ${run.infra.postgres.kind} (${run.infra.postgres.url.replace(/^.*@/, '')}), apps ${run.stack.urls.configApi}, ${run.stack.urls.gateway}`,
    );

    say(
      `2. ${options.companies} companies through the config API, each with its QuickBooks file and ProgressionLIVE ...`,
    );
    for (let i = 0; i < options.companies; i += 1) {
      run.tenants!.push(await createTenant(i, tag, run.mainApp, run.stack.urls.gateway));
    }
    const full = run as Run;
    stopWatchdog = watchdog(full);
    run.loops = full.tenants.map((tenant) => new SessionLoop(tenant, full.stats).start());

    say(
      '3. First Web Connector sessions: QuickBooks lists imported into ProgressionLIVE ...',
    );
    await waitForImports(full);
    say(
      `   imported in ${seconds(Date.now() - started)}: ${full.tenants.map((t) => `${importedRecords(t).clients.length}/${importedRecords(t).products.length}`).join(' ')} (clients/priced products)`,
    );

    const spreadMs = Math.max(60_000, options.faults * 7000, options.exports * 100);
    say(
      `4. Chaos: ${options.exports} task events over ${seconds(spreadMs)}, ${options.faults} faults, sessions running throughout ...`,
    );
    const chaosStart = Date.now();
    const eventLog = new Map<string, number>();
    const context: FaultContext = {
      stack: full.stack,
      redis: full.infra.redis,
      postgres: full.infra.postgres,
      tenants: full.tenants,
      loops: full.loops,
      stats: full.stats,
      probe: full.probe,
      mainApp: full.mainApp,
      asked: full.asked,
      accepted: full.accepted,
      restarting: full.restarting,
      log: say,
    };
    const injector = new FaultInjector(context, rng.fork('faults'));
    const plan = injector.plan(options.faults);
    const ticker = setInterval(
      () => void progressLine(full, chaosStart, eventLog).then(say),
      15_000,
    );
    await Promise.all([
      sendEvents(full, rng.fork('tasks'), spreadMs, eventLog),
      injectFaults(injector, rng.fork('timing'), plan, spreadMs, chaosStart),
    ]).finally(() => clearInterval(ticker));
    const calm = Date.now();
    say(`   events: ${[...eventLog].map(([reason, n]) => `${reason} ${n}`).join(', ')}`);

    say(
      `5. Draining: sessions go on until every task is billed (at most ${options.drainTimeoutS} s) ...`,
    );
    const drainMs = await drain(full, chaosStart, calm, eventLog);
    // A moment more of sessions: a late duplicate would show now.
    await sleep(SETTLE_MS);
    await Promise.race([
      Promise.all(full.loops.map((loop) => loop.stop())),
      sleep(60_000),
    ]);
    stopWatchdog();

    const figures = compare(full.tenants, full.asked, await full.probe.exports());
    const recoveries = await full.probe.recoveries().catch(() => null);
    figures.problems.push(...full.stats.overlaps());
    figures.problems.push(...(await latentProblems(full)));
    printFigures(full, figures, drainMs, Date.now() - started, injector, recoveries);
    if (full.crashes.length > 0 || figures.problems.length > 0) {
      say('\nLast errors logged by the apps:');
      for (const line of full.errorTail.slice(-15)) say(`  ${line}`);
    }
    // Last: it damages the files on purpose to prove the comparison would have seen it.
    const blind = selfCheck(full.tenants, full.asked, await full.probe.exports());
    say(
      blind ??
        '\nself-check: an injected duplicate, loss and stuck task are each seen by the comparison',
    );
    say(
      `\nchaos: ${figures.asked} asked, ${figures.created} created, ${figures.duplicates} duplicates, ${figures.lost} lost, ${figures.stuck} stuck`,
    );
    const clean =
      figures.problems.length === 0 &&
      full.crashes.length === 0 &&
      drainMs !== null &&
      !blind?.includes('FAILED');
    return clean ? 0 : 1;
  } finally {
    stopWatchdog();
    await teardown(run);
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`\nchaos failed: ${error.stack ?? error.message}`);
    process.exit(2);
  },
);
