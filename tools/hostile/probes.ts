// What the hostile suite watches around every attempt: the gateway's memory, the apps'
// health, and whether any stored data changed.
import { readFileSync } from 'node:fs';
import IORedis from 'ioredis';
import { Client } from 'pg';

/** Resident memory of a process in bytes (Linux), or 0 when it is gone. */
export function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples a process's RSS every few milliseconds and keeps the peak. */
export class RssSampler {
  private timer?: NodeJS.Timeout;
  peak = 0;

  constructor(
    private readonly pid: number,
    private readonly everyMs = 20,
  ) {}

  start(): this {
    this.peak = rssOf(this.pid);
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, rssOf(this.pid));
    }, this.everyMs);
    return this;
  }

  stop(): number {
    clearInterval(this.timer);
    this.peak = Math.max(this.peak, rssOf(this.pid));
    return this.peak;
  }
}

export const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Whether an app still answers `/health/ready` with 200 (Postgres and Redis reachable). */
export async function isReady(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/health/ready`, {
      signal: AbortSignal.timeout(5000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * A fingerprint of everything stored: per table and per company (tables with a companyId
 * column, and the company table by id) a row count and an md5 over the rows' text, plus the
 * names of the Redis keys under the prefix. Failed-login counters are left out: counting
 * them is the throttle's job.
 */
export type DataSnapshot = Map<string, string>;

export class DataWatch {
  private constructor(
    private readonly pg: Client,
    private readonly redis: IORedis,
    private readonly schema: string,
    private readonly prefix: string,
    private readonly tables: { name: string; companyColumn: string | null }[],
  ) {}

  static async open(
    databaseUrl: string,
    schema: string,
    prefix: string,
  ): Promise<DataWatch> {
    const pg = new Client({
      connectionString: databaseUrl,
      options: `-c search_path=${schema}`,
    });
    await pg.connect();
    const rows = await pg.query<{
      table_name: string;
      has_company: boolean;
      is_company: boolean;
    }>(
      `SELECT t.table_name,
              EXISTS (SELECT 1 FROM information_schema.columns c
                       WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name
                         AND c.column_name = 'companyId') AS has_company,
              t.table_name = 'company' AS is_company
         FROM information_schema.tables t
        WHERE t.table_schema = $1 AND t.table_type = 'BASE TABLE'
        ORDER BY t.table_name`,
      [schema],
    );
    const tables = rows.rows.map((row) => ({
      name: row.table_name,
      companyColumn: row.is_company ? 'id' : row.has_company ? 'companyId' : null,
    }));
    return new DataWatch(
      pg,
      new IORedis('redis://127.0.0.1:6379'),
      schema,
      prefix,
      tables,
    );
  }

  async snapshot(): Promise<DataSnapshot> {
    const snapshot: DataSnapshot = new Map();
    for (const table of this.tables) {
      const from = `"${this.schema}"."${table.name}" t`;
      const group = table.companyColumn ? `t."${table.companyColumn}"::text` : `'*'`;
      const result = await this.pg.query<{ owner: string; n: string; sum: string }>(
        `SELECT ${group} AS owner, count(*) AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS sum
           FROM ${from} GROUP BY 1`,
      );
      for (const row of result.rows)
        snapshot.set(`${table.name}|${row.owner}`, `${row.n}:${row.sum}`);
    }
    const keys = await this.redisKeys();
    snapshot.set('redis|keys', `${keys.length}:${keys.join(',')}`);
    return snapshot;
  }

  private async redisKeys(): Promise<string[]> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await this.redis.scan(
        cursor,
        'MATCH',
        `${this.prefix}:*`,
        'COUNT',
        1000,
      );
      cursor = next;
      keys.push(...batch.filter((key) => !key.includes(':login-fail:')));
    } while (cursor !== '0');
    return keys.sort();
  }

  /** Redis keys of the failed-login counters (read by the brute-force attempts). */
  async loginFailures(): Promise<Record<string, number>> {
    const found: Record<string, number> = {};
    let cursor = '0';
    do {
      const [next, batch] = await this.redis.scan(
        cursor,
        'MATCH',
        `${this.prefix}:login-fail:*`,
        'COUNT',
        1000,
      );
      cursor = next;
      for (const key of batch)
        found[key.slice(this.prefix.length + 1)] = Number(await this.redis.get(key));
    } while (cursor !== '0');
    return found;
  }

  /** Deletes every key of the run's prefix (its tickets, queues and counters). */
  async dropRedisPrefix(): Promise<void> {
    let cursor = '0';
    do {
      const [next, batch] = await this.redis.scan(
        cursor,
        'MATCH',
        `${this.prefix}:*`,
        'COUNT',
        1000,
      );
      cursor = next;
      if (batch.length > 0) await this.redis.del(...batch);
    } while (cursor !== '0');
  }

  query<T extends Record<string, unknown>>(
    sql: string,
    params: unknown[] = [],
  ): Promise<T[]> {
    return this.pg.query<T>(sql, params).then((result) => result.rows);
  }

  async close(): Promise<void> {
    await this.pg.end();
    this.redis.disconnect();
  }
}

/**
 * What differs between two snapshots, leaving out the rows of the companies an attempt was
 * allowed to change (its own legitimate session).
 */
export function dataChanges(
  before: DataSnapshot,
  after: DataSnapshot,
  mayChange: string[] = [],
): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  const changed: string[] = [];
  for (const key of keys) {
    if (before.get(key) === after.get(key)) continue;
    const [table, owner] = key.split('|');
    if (mayChange.includes(owner)) continue;
    if (table === 'redis' && mayChange.length > 0) continue;
    changed.push(
      table === 'redis'
        ? 'redis keys'
        : `${table}${owner === '*' ? '' : ` (company ${owner.slice(0, 8)})`}`,
    );
  }
  return changed;
}
