// The suite's own read-only view of the connector's database and queues, tolerant of the
// outages it causes: a query that fails while Postgres restarts is simply tried later.
import { Queue } from 'bullmq';
import IORedis, { type Redis } from 'ioredis';
import { Pool } from 'pg';
import { ALL_QUEUES } from '@qbd/queues';

export interface ExportRow {
  id: string;
  companyId: string;
  taskId: string;
  status: string;
  externalGuid: string;
  qbTxnId: string | null;
  qbRefNumber: string | null;
  lastError: { code?: string } | null;
}

export interface Backlog {
  exports: Record<string, number>;
  workItems: Record<string, number>;
  responsesRecorded: number;
  outboxPending: number;
  outboxDead: number;
}

export class Probe {
  private readonly pool: Pool;
  private readonly redis: Redis;
  private readonly queues: Queue[];

  constructor(
    databaseUrl: string,
    private readonly schema: string,
    redisUrl: string,
    prefix: string,
  ) {
    this.pool = new Pool({
      connectionString: databaseUrl,
      max: 3,
      connectionTimeoutMillis: 3000,
      query_timeout: 15_000,
    });
    // An idle connection cut by a Postgres restart must not end the suite.
    this.pool.on('error', () => undefined);
    this.redis = new IORedis(redisUrl, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      lazyConnect: false,
    });
    this.redis.on('error', () => undefined);
    this.queues = ALL_QUEUES.map(
      (name) => new Queue(name, { connection: this.redis, prefix }),
    );
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = await this.pool.connect();
    try {
      await client.query(`SET search_path TO "${this.schema}"`);
      return (await client.query(sql, params)).rows as T[];
    } finally {
      client.release();
    }
  }

  /** Jobs running right now in the worker, over every queue (0 when Redis does not answer). */
  async activeJobs(): Promise<number> {
    try {
      const counts = await Promise.all(
        this.queues.map((queue) => queue.getActiveCount()),
      );
      return counts.reduce((a, b) => a + b, 0);
    } catch {
      return 0;
    }
  }

  async outboxPending(): Promise<number> {
    const [row] = await this.query<{ n: string }>(
      `SELECT count(*) AS n FROM outbox WHERE status = 'pending'`,
    );
    return Number(row?.n ?? 0);
  }

  async exports(): Promise<ExportRow[]> {
    return this.query<ExportRow>(
      `SELECT id, "companyId", "taskId", status, "externalGuid", "qbTxnId", "qbRefNumber", "lastError" FROM export`,
    );
  }

  async backlog(): Promise<Backlog> {
    const group = async (table: string) => {
      const rows = await this.query<{ status: string; n: string }>(
        `SELECT status, count(*) AS n FROM ${table} GROUP BY status`,
      );
      return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
    };
    const responses = await group('qb_response');
    const outbox = await group('outbox');
    return {
      exports: await group('export'),
      workItems: await group('work_item'),
      responsesRecorded: responses.recorded ?? 0,
      outboxPending: outbox.pending ?? 0,
      outboxDead: outbox.dead ?? 0,
    };
  }

  /** The periodic jobs kept in Redis: maintenance sweeps and per-company import schedules. */
  async schedulers(): Promise<{ maintenance: string[]; imports: number }> {
    const of = (name: string) => this.queues.find((queue) => queue.name === name)!;
    const maintenance = await of('maintenance').getJobSchedulers(0, -1);
    return {
      maintenance: maintenance.map((scheduler) => scheduler.key).sort(),
      imports: await of('imports').getJobSchedulersCount(),
    };
  }

  /** How the connector recovered: lookups after lost answers, write-backs tried again. */
  async recoveries(): Promise<{
    lookups: number;
    createdViaLookup: number;
    writeBacksRetried: number;
  }> {
    const count = async (sql: string) =>
      Number((await this.query<{ n: string }>(sql))[0]?.n ?? 0);
    return {
      lookups: await count(`SELECT count(*) AS n FROM work_item WHERE kind = 'lookup'`),
      createdViaLookup: await count(
        `SELECT count(*) AS n FROM export_event WHERE state = 'created' AND detail->>'via' = 'lookup'`,
      ),
      writeBacksRetried: await count(
        `SELECT count(*) AS n FROM outbox WHERE attempts > 1`,
      ),
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close().catch(() => undefined)));
    this.redis.disconnect();
    await this.pool.end().catch(() => undefined);
  }
}
