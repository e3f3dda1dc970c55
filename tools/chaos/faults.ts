// The faults the suite injects, each at a moment where it hurts: a gateway killed while a
// session is under way, the worker killed while it runs jobs, ProgressionLIVE down while
// write-backs are pending, and so on. Which fault, when and where come from the seed.
import type { WebConnector } from '../../apps/qbd-simulator/src';
import type { AppName, AppStack } from '../stack/app-stack';
import type { PrivateRedis, SuitePostgres } from './infra';
import type { MainApp } from './main-app';
import type { Probe } from './probe';
import type { Rng } from './rng';
import { SessionLoop, type SessionStats } from './sessions';
import { billableTask, newWebConnector, type AskedTask, type Tenant } from './tenants';

export type FaultKind =
  | 'lostAnswer'
  | 'gatewayKill'
  | 'workerKill'
  | 'redisRestart'
  | 'postgresRestart'
  | 'progressionLiveDown'
  | 'secondWebConnector'
  | 'duplicateEvent'
  | 'lostWriteAnswer'
  | 'progressionLiveLogout'
  | 'progressionLiveHang'
  | 'couldNotStart'
  | 'slowQuickBooks';

/** The faults the suite must inject at least once per run. */
export const REQUIRED_FAULTS: FaultKind[] = [
  'lostAnswer',
  'gatewayKill',
  'workerKill',
  'redisRestart',
  'postgresRestart',
  'progressionLiveDown',
  'secondWebConnector',
  'duplicateEvent',
];

/** Others the simulators offer, mixed in at random. */
export const EXTRA_FAULTS: FaultKind[] = [
  'lostWriteAnswer',
  'progressionLiveLogout',
  'progressionLiveHang',
  'couldNotStart',
  'slowQuickBooks',
];

export interface FaultContext {
  stack: AppStack;
  redis: PrivateRedis;
  postgres: SuitePostgres;
  tenants: Tenant[];
  loops: SessionLoop[];
  stats: SessionStats;
  probe: Probe;
  mainApp: MainApp;
  /** Tasks asked so far, and those whose event was accepted (for repeated events). */
  asked: AskedTask[];
  accepted: AskedTask[];
  /** Apps being restarted on purpose (the watchdog leaves them alone). */
  restarting: Set<AppName>;
  log(line: string): void;
}

export interface FaultRecord {
  kind: FaultKind;
  at: number;
  detail: string;
  ms: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  everyMs = 100,
): Promise<boolean> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await Promise.resolve(check()).catch(() => false)) return true;
    await sleep(everyMs);
  }
  return false;
}

export class FaultInjector {
  readonly done: FaultRecord[] = [];
  private readonly extraConnectors = new Map<string, WebConnector>();

  constructor(
    private readonly ctx: FaultContext,
    private readonly rng: Rng,
  ) {}

  /** The order of the run's faults: each required one, then extras and repeats, shuffled. */
  plan(count: number): FaultKind[] {
    const all = [...REQUIRED_FAULTS, ...EXTRA_FAULTS];
    const extra = Array.from(
      { length: Math.max(0, count - REQUIRED_FAULTS.length) },
      () => this.rng.pick(all),
    );
    return this.rng.shuffle([...REQUIRED_FAULTS, ...extra]);
  }

  async inject(kind: FaultKind, started: number): Promise<FaultRecord> {
    const begin = Date.now();
    const detail = await this[kind]();
    const record = { kind, at: begin - started, detail, ms: Date.now() - begin };
    this.done.push(record);
    this.ctx.log(
      `  fault ${kind.padEnd(20)} at ${(record.at / 1000).toFixed(1).padStart(6)} s  ${detail}`,
    );
    return record;
  }

  private tenant(): Tenant {
    return this.rng.pick(this.ctx.tenants);
  }

  /** QuickBooks saves the next invoice of a company, then its answer never reaches the gateway. */
  private async lostAnswer(): Promise<string> {
    const tenant = this.tenant();
    const faults = tenant.quickBooks.faults;
    const current = faults.loseResponseAfterSave;
    const times = (typeof current === 'object' ? (current.times ?? 0) : 0) + 1;
    faults.loseResponseAfterSave = { match: { request: 'InvoiceAddRq' }, times };
    return `${tenant.key}: the next saved invoice loses its answer`;
  }

  /** SIGKILL on the gateway while a session is under way, then a restart. */
  private async gatewayKill(): Promise<string> {
    const busy = await waitFor(() => this.ctx.loops.some((loop) => loop.active), 10_000);
    return this.killAndRestart(
      'qbwc-gateway',
      busy ? 'mid-session' : 'no session under way',
    );
  }

  /** SIGKILL on the worker while it runs jobs, then a restart. */
  private async workerKill(): Promise<string> {
    const busy = await waitFor(
      async () => (await this.ctx.probe.activeJobs()) > 0,
      15_000,
      20,
    );
    return this.killAndRestart('sync-worker', busy ? 'mid-job' : 'no job running');
  }

  private async killAndRestart(app: AppName, when: string): Promise<string> {
    const down = this.rng.int(200, 3000);
    this.ctx.restarting.add(app);
    try {
      this.ctx.stack.kill(app);
      await sleep(down);
      this.ctx.stack.spawn(app);
      await this.ctx.stack.waitReady(app, 120_000);
    } finally {
      this.ctx.restarting.delete(app);
    }
    return `killed ${when}, down ${down} ms`;
  }

  /** Redis killed and started again empty (no persistence): every queued job and ticket is gone. */
  private async redisRestart(): Promise<string> {
    const down = this.rng.int(300, 4000);
    await this.ctx.redis.restart(down);
    return `down ${down} ms, restarted empty`;
  }

  /** Postgres stopped as a crash would, then started (crash recovery). */
  private async postgresRestart(): Promise<string> {
    const down = this.rng.int(300, 4000);
    await this.ctx.postgres.restart(down);
    return `${this.ctx.postgres.kind === 'shared' ? 'database connections cut and refused' : 'immediate stop'}, down ${down} ms`;
  }

  /** Every company's ProgressionLIVE answers 503 while write-backs are pending. */
  private async progressionLiveDown(): Promise<string> {
    const down = this.rng.int(2000, 8000);
    for (const tenant of this.ctx.tenants) tenant.fake.store.setDown(true);
    let pending = 0;
    const started = Date.now();
    while (Date.now() - started < down) {
      pending = Math.max(pending, await this.ctx.probe.outboxPending().catch(() => 0));
      await sleep(250);
    }
    for (const tenant of this.ctx.tenants) tenant.fake.store.setDown(false);
    return `down ${down} ms, up to ${pending} write-backs waiting meanwhile`;
  }

  /** ProgressionLIVE applies a write-back, then the answer is lost (the retry must not repeat it). */
  private async lostWriteAnswer(): Promise<string> {
    const tenant = this.tenant();
    const operation = this.rng.pick([
      'UpdateRecordField',
      'ProgressTaskToLogicId',
    ] as const);
    tenant.fake.store.injectFault({
      operation,
      kind: 'reset',
      afterProcessing: true,
      times: this.rng.int(1, 3),
    });
    return `${tenant.key}: ${operation} answers lost after processing`;
  }

  /** ProgressionLIVE forgets every API session (the connector must log in again). */
  private async progressionLiveLogout(): Promise<string> {
    const ended = this.ctx.tenants.reduce(
      (sum, tenant) => sum + tenant.fake.store.expireSessions(),
      0,
    );
    return `${ended} ProgressionLIVE sessions ended`;
  }

  /** ProgressionLIVE applies a write-back, holds the answer, then drops the connection. */
  private async progressionLiveHang(): Promise<string> {
    const tenant = this.tenant();
    const operation = this.rng.pick([
      'UpdateRecordField',
      'ProgressTaskToLogicId',
    ] as const);
    const holdMs = this.rng.int(2000, 8000);
    tenant.fake.store.injectFault({
      operation,
      kind: 'timeout',
      afterProcessing: true,
      holdMs,
    });
    return `${tenant.key}: the next ${operation} is applied, held ${holdMs} ms, then cut`;
  }

  /**
   * Other Web Connectors with the same company file: one connects while the first is in
   * session; then, with a document waiting, two connect at the very same moment.
   */
  private async secondWebConnector(): Promise<string> {
    const tenant = this.tenant();
    const loop = this.ctx.loops.find((l) => l.tenant === tenant)!;
    const during = await waitFor(() => loop.active, 10_000);
    const [second, third] = [
      this.extraConnector(tenant, 2),
      this.extraConnector(tenant, 3),
    ];
    const alone = (await second.runOnce()).outcome;

    await loop.pause();
    try {
      const waiting = await this.documentWaiting(tenant);
      const together = await Promise.all([second.runOnce(), third.runOnce()]);
      const outcomes = together.map(
        (r) => `${r.outcome} (${r.exchanges.length} requests)`,
      );
      const when = during
        ? 'while its first Web Connector was in session'
        : 'between sessions';
      return `${tenant.key}: ${when}, a second got ${alone}; two at once${waiting ? ' with a document waiting' : ''} got ${outcomes.join(' + ')}`;
    } finally {
      loop.resume();
    }
  }

  /** A new task of the company billed, until its document waits for the next session. */
  private async documentWaiting(tenant: Tenant): Promise<boolean> {
    const task = billableTask(tenant, this.rng);
    this.ctx.asked.push(task);
    const answer = await this.ctx.mainApp
      .sendTaskEvent(
        tenant.companyId,
        { task: task.snapshot, eventId: `evt-${task.taskId}` },
        60_000,
      )
      .catch(() => null);
    if (!answer?.exportId) return false;
    this.ctx.accepted.push(task);
    return waitFor(
      async () => {
        const [row] = await this.ctx.probe.query<{ status: string }>(
          `SELECT status FROM export WHERE id = $1`,
          [answer.exportId],
        );
        return row?.status === 'ready';
      },
      20_000,
      200,
    );
  }

  private extraConnector(tenant: Tenant, number: number): SessionLoop {
    const key = `${tenant.key}#${number}`;
    let connector = this.extraConnectors.get(key);
    if (!connector) {
      connector = newWebConnector(tenant, this.ctx.stack.urls.gateway);
      this.extraConnectors.set(key, connector);
    }
    return new SessionLoop(tenant, this.ctx.stats, connector);
  }

  /** An event already accepted is sent again, twice at once (the main app's retries). */
  private async duplicateEvent(): Promise<string> {
    const picks =
      this.ctx.accepted.length === 0
        ? []
        : Array.from({ length: 5 }, () => this.rng.pick(this.ctx.accepted));
    const answers = await Promise.all(
      picks.flatMap((task) =>
        [0, 1].map(() =>
          this.ctx.mainApp
            .sendTaskEvent(
              task.tenant.companyId,
              { task: task.snapshot, eventId: `evt-${task.taskId}` },
              60_000,
            )
            .then((answer) => answer.reason)
            .catch((error: Error) => `error ${error.message.slice(0, 40)}`),
        ),
      ),
    );
    const reasons = new Map<string, number>();
    for (const reason of answers) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    return `${picks.length} accepted events sent twice more at once: ${[...reasons].map(([r, n]) => `${r} ${n}`).join(', ') || 'none yet'}`;
  }

  /** Web Connector cannot open the company file for the next session(s). */
  private async couldNotStart(): Promise<string> {
    const tenant = this.tenant();
    const times = this.rng.int(1, 2);
    tenant.quickBooks.faults.couldNotStart = times;
    return `${tenant.key}: QuickBooks cannot start for ${times} session(s)`;
  }

  /** QuickBooks answers slowly for a while. */
  private async slowQuickBooks(): Promise<string> {
    const tenant = this.tenant();
    const delay = this.rng.int(300, 1500);
    const during = this.rng.int(3000, 10_000);
    tenant.quickBooks.faults.delayMs = delay;
    setTimeout(() => {
      tenant.quickBooks.faults.delayMs = 0;
    }, during).unref();
    return `${tenant.key}: ${delay} ms per request for ${during} ms`;
  }
}
