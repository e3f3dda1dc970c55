// Starts the connector's three apps as real processes (as a user runs them), on a database
// schema and Redis prefix of their own, and stops them. Used by the demo, the end-to-end
// tests, the chaos suite and the benchmarks.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { migrate } from '@qbd/platform';

const ROOT = path.resolve(__dirname, '../..');
const RUN_TS = path.join(ROOT, 'tools/dev/run-ts.js');

export type AppName = 'config-api' | 'qbwc-gateway' | 'sync-worker';

const ENTRY: Record<AppName, string> = {
  'config-api': 'apps/config-api/src/main.ts',
  'qbwc-gateway': 'apps/qbwc-gateway/src/main.ts',
  'sync-worker': 'apps/sync-worker/src/main.ts',
};

export interface StackOptions {
  databaseUrl?: string;
  schema: string;
  queuePrefix: string;
  ports: { configApi: number; gateway: number; worker: number };
  apiKey?: string;
  logLevel?: string;
  /** Where each app's log lines go (default: kept in memory for failure reports). */
  onLog?: (app: AppName, line: string) => void;
  extraEnv?: Record<string, string>;
}

export class AppStack {
  private readonly processes = new Map<AppName, ChildProcess>();
  readonly logs: string[] = [];

  constructor(readonly options: StackOptions) {}

  get apiKey(): string {
    return this.options.apiKey ?? 'demo-api-key-0123456789';
  }

  get urls() {
    const { ports } = this.options;
    return {
      configApi: `http://127.0.0.1:${ports.configApi}`,
      gateway: `http://127.0.0.1:${ports.gateway}/qbwc`,
      gatewayBase: `http://127.0.0.1:${ports.gateway}`,
      worker: `http://127.0.0.1:${ports.worker}`,
    };
  }

  private env(): NodeJS.ProcessEnv {
    const { ports } = this.options;
    return {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: this.options.logLevel ?? 'info',
      DATABASE_URL: this.options.databaseUrl ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qbd_connector',
      DATABASE_SCHEMA: this.options.schema,
      QUEUE_PREFIX: this.options.queuePrefix,
      CONFIG_API_PORT: String(ports.configApi),
      GATEWAY_PORT: String(ports.gateway),
      WORKER_PORT: String(ports.worker),
      GATEWAY_PUBLIC_URL: `http://localhost:${ports.gateway}/qbwc`,
      API_KEY: this.apiKey,
      MIGRATE_ON_START: 'false',
      ...this.options.extraEnv,
    };
  }

  async migrate(): Promise<string[]> {
    const env = this.env();
    return migrate({ url: env.DATABASE_URL!, schema: this.options.schema });
  }

  /** Starts the apps and waits until each says it is ready. */
  async start(apps: AppName[] = ['config-api', 'qbwc-gateway', 'sync-worker']): Promise<void> {
    for (const app of apps) this.spawn(app);
    await Promise.all(apps.map((app) => this.waitReady(app)));
  }

  spawn(app: AppName): ChildProcess {
    const child = spawn(process.execPath, [RUN_TS, ENTRY[app]], { cwd: ROOT, env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        this.logs.push(`[${app}] ${line}`);
        if (this.logs.length > 5000) this.logs.shift();
        this.options.onLog?.(app, line);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    this.processes.set(app, child);
    return child;
  }

  private readyUrl(app: AppName): string {
    const base = { 'config-api': this.urls.configApi, 'qbwc-gateway': this.urls.gatewayBase, 'sync-worker': this.urls.worker }[app];
    return `${base}/health/ready`;
  }

  async waitReady(app: AppName, timeoutMs = 60_000): Promise<void> {
    const started = Date.now();
    const child = this.processes.get(app);
    while (Date.now() - started < timeoutMs) {
      if (child && child.exitCode !== null) {
        throw new Error(`${app} exited with ${child.exitCode}:\n${this.logs.filter((l) => l.startsWith(`[${app}]`)).slice(-20).join('\n')}`);
      }
      try {
        const response = await fetch(this.readyUrl(app));
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`${app} was not ready after ${timeoutMs} ms`);
  }

  /** Kills one app at once (SIGKILL), as a crash would. */
  kill(app: AppName): void {
    this.processes.get(app)?.kill('SIGKILL');
    this.processes.delete(app);
  }

  async stop(): Promise<void> {
    const exits = [...this.processes.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 8000).unref();
        }),
    );
    await Promise.all(exits);
    this.processes.clear();
  }

  pid(app: AppName): number | undefined {
    return this.processes.get(app)?.pid;
  }
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
