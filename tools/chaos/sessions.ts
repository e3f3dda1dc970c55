// Each company's Web Connector runs update sessions one after the other, as its scheduler
// would (its minute-long intervals shortened to a moment), until the suite stops it.
import type { SessionReport, WebConnector } from '../../apps/qbd-simulator/src';
import type { Tenant } from './tenants';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Pause before the next run, by how the last one ended. */
const PAUSE_MS: Partial<Record<SessionReport['outcome'], number>> = {
  completed: 150,
  'ended-by-server': 300,
  'nothing-to-do': 1500,
  busy: 2000,
  'connection-error': 1000,
  'call-failed': 1000,
  'network-error': 1000,
};

export class SessionStats {
  readonly outcomes = new Map<string, number>();
  readonly errors = new Map<string, number>();
  sessions = 0;
  requests = 0;
  /** Per company, when its sessions that exchanged requests ran. */
  private readonly working = new Map<string, [number, number][]>();

  record(report: SessionReport, companyKey?: string): void {
    this.sessions += 1;
    if (companyKey && report.exchanges.length > 0) {
      this.working.set(companyKey, [
        ...(this.working.get(companyKey) ?? []),
        [report.startedAt, report.finishedAt],
      ]);
    }
    this.requests += report.exchanges.length;
    this.outcomes.set(report.outcome, (this.outcomes.get(report.outcome) ?? 0) + 1);
    if (report.error) {
      const kind = report.error.replace(/\d+(\.\d+)*/g, '#').slice(0, 90);
      this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
    }
  }

  /** Pairs of sessions of one company that exchanged requests at the same time. */
  overlaps(): string[] {
    const found: string[] = [];
    for (const [key, spans] of this.working) {
      const sorted = [...spans].sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < sorted.length; i += 1) {
        const [start] = sorted[i]!;
        const [, previousEnd] = sorted[i - 1]!;
        if (start < previousEnd)
          found.push(
            `${key}: two sessions at once around ${new Date(start).toISOString()}`,
          );
      }
    }
    return found;
  }

  summary(): string {
    return [...this.outcomes.entries()]
      .map(([outcome, count]) => `${outcome} ${count}`)
      .join(', ');
  }
}

export class SessionLoop {
  private stopping = false;
  private running?: Promise<void>;
  /** Whether a session is under way right now. */
  active = false;
  sessions = 0;

  constructor(
    readonly tenant: Tenant,
    private readonly stats: SessionStats,
    private readonly webConnector: WebConnector = tenant.webConnector,
  ) {}

  start(): this {
    this.running = this.loop();
    return this;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      if (this.paused) {
        await sleep(100);
        continue;
      }
      const report = await this.runOnce();
      await sleep(PAUSE_MS[report.outcome] ?? 500);
    }
  }

  private paused = false;

  /** Stops starting sessions (the one under way ends first); `resume` starts again. */
  async pause(): Promise<void> {
    this.paused = true;
    while (this.active) await sleep(50);
  }

  resume(): void {
    this.paused = false;
  }

  /** One session, counted; never throws (a failure is a report like any other). */
  async runOnce(): Promise<SessionReport> {
    this.active = true;
    try {
      const report = await this.webConnector.runSession();
      this.stats.record(report, this.tenant.key);
      this.sessions += 1;
      return report;
    } catch (error) {
      const report = failedReport(error);
      this.stats.record(report);
      return report;
    } finally {
      this.active = false;
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
  }
}

function failedReport(error: unknown): SessionReport {
  return {
    outcome: 'call-failed',
    startedAt: Date.now(),
    finishedAt: Date.now(),
    calls: [],
    exchanges: [],
    percents: [],
    connectionErrorReplies: [],
    warnings: [],
    error: `simulator: ${(error as Error).message}`,
  };
}
