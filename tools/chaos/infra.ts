// Private Redis and Postgres for the chaos suite: other people's tests use the machine's
// shared instances, so the suite restarts only servers it started itself, on loopback
// ports of its own, with their data in a temporary folder removed at the end.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../stack/app-stack';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `probe` resolves true, at most `timeoutMs`. */
async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await probe().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what} did not come up within ${timeoutMs} ms`);
}

/** A redis-server child on a loopback port, without persistence: a restart loses everything. */
export class PrivateRedis {
  private child?: ChildProcess;

  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.up();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  private async up(): Promise<void> {
    const args = [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ];
    const child = spawn('redis-server', [...args, '--protected-mode', 'yes'], {
      stdio: 'ignore',
    });
    this.child = child;
    await until('redis-server', async () => this.ping(), 10_000);
  }

  private async ping(): Promise<boolean> {
    const run = spawnSync(
      'redis-cli',
      ['-h', '127.0.0.1', '-p', String(this.port), 'PING'],
      { encoding: 'utf8', timeout: 2000 },
    );
    return run.stdout.trim() === 'PONG';
  }

  /** Kills the server (as a crash would) and starts an empty one on the same port after `downMs`. */
  async restart(downMs: number): Promise<void> {
    await this.kill();
    await sleep(downMs);
    await this.up();
  }

  private async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await this.kill();
  }
}

const PG_BIN = [
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/15/bin',
  '/usr/lib/postgresql/14/bin',
].find((dir) => existsSync(path.join(dir, 'pg_ctl')));

/** A Postgres cluster of its own (initdb into a temporary folder, run as the postgres user). */
export class PrivatePostgres implements SuitePostgres {
  readonly kind = 'private' as const;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    if (!PG_BIN) throw new Error('no Postgres server binaries under /usr/lib/postgresql');
    const dir = mkdtempSync(path.join(tmpdir(), 'qbd-chaos-pg-'));
    const pg = new PrivatePostgres(await freePort(), dir);
    try {
      chownSync(dir, ...pgOwner());
      pg.asPostgres('initdb', [
        '-D',
        pg.dataDir,
        '-A',
        'trust',
        '-U',
        'postgres',
        '--no-sync',
        '-E',
        'UTF8',
      ]);
      await pg.up();
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    return pg;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/qbd_chaos`;
  }

  private get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  private asPostgres(tool: string, args: string[]): string {
    const run = spawnSync(
      'runuser',
      ['-u', 'postgres', '--', path.join(PG_BIN!, tool), ...args],
      { encoding: 'utf8', timeout: 120_000 },
    );
    if (run.status !== 0)
      throw new Error(
        `${tool} failed: ${run.stderr || run.stdout || run.error?.message}`,
      );
    return run.stdout;
  }

  private async up(): Promise<void> {
    // fsync off: the data lives for one run; restarts still go through crash recovery.
    const options = `-p ${this.port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    this.asPostgres('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      path.join(this.dir, 'server.log'),
      '-o',
      options,
      '-w',
      '-t',
      '60',
      'start',
    ]);
    await until('postgres', async () => this.ping(), 30_000);
  }

  private async ping(): Promise<boolean> {
    const client = new Client({
      connectionString: this.url.replace(/\/[^/]*$/, '/postgres'),
      connectionTimeoutMillis: 2000,
    });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** Stops the server as a crash would (immediate: no checkpoint) and starts it after `downMs`. */
  async restart(downMs: number): Promise<void> {
    this.asPostgres('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
    await sleep(downMs);
    await this.up();
  }

  async stop(): Promise<void> {
    try {
      this.asPostgres('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function pgOwner(): [number, number] {
  const run = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error('no postgres user on this machine');
  return [Number(run.stdout.trim()), Number(gid.stdout.trim())];
}

/** What the suite needs of its Postgres: a URL, a restart, a stop. */
export interface SuitePostgres {
  readonly url: string;
  readonly kind: 'private' | 'shared';
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

const SHARED_URL =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Fallback when no private cluster can be made: a database of its own on the shared
 * server, never restarted. "Postgres restarted" becomes: the suite's database refuses
 * connections for a while and every connection to it is cut (pg_terminate_backend on
 * that database only).
 */
export class SharedPostgresDatabase implements SuitePostgres {
  readonly kind = 'shared' as const;

  constructor(private readonly database: string) {}

  get url(): string {
    return SHARED_URL.replace(/\/[^/]*$/, `/${this.database}`);
  }

  private async admin<T>(run: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({
      connectionString: SHARED_URL.replace(/\/[^/]*$/, '/postgres'),
    });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  }

  async restart(downMs: number): Promise<void> {
    await this.admin(async (client) => {
      await client.query(`ALTER DATABASE "${this.database}" ALLOW_CONNECTIONS false`);
      await client.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [this.database],
      );
    });
    await sleep(downMs);
    await this.admin((client) =>
      client.query(`ALTER DATABASE "${this.database}" ALLOW_CONNECTIONS true`),
    );
  }

  async stop(): Promise<void> {
    await this.admin(async (client) => {
      await client.query(`ALTER DATABASE "${this.database}" ALLOW_CONNECTIONS false`);
      await client.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [this.database],
      );
      await client.query(`DROP DATABASE IF EXISTS "${this.database}"`);
    }).catch(() => undefined);
  }
}
