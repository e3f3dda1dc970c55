// The limits for the gateway benchmarks, in one process:
// - POST /qbwc: a Fastify route that only reads the body (any content type, up to 64 MB, as
//   the gateway accepts) and answers a fixed SOAP envelope;
// - POST /qbwc-durable: the same plus one Postgres statement in its own transaction, the
//   least a call must do to record something before it answers (a large body is stored as
//   text, lz4-compressed like the gateway's answers; a small call updates one row).
// Usage: node tools/dev/run-ts.js tools/bench/servers/bare-fastify.ts <port> [<database url> <schema>]
import Fastify from 'fastify';
import { Pool } from 'pg';

const ANSWER =
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
  '<soap:Body><serverVersionResponse xmlns="http://developer.intuit.com/"><serverVersionResult>bare</serverVersionResult>' +
  '</serverVersionResponse></soap:Body></soap:Envelope>';
const LARGE = 100_000;
const ROWS = 100;

async function openDatabase(url: string, schema: string): Promise<Pool> {
  const pool = new Pool({
    connectionString: url,
    options: `-c search_path=${schema}`,
    max: 8,
  });
  await pool.query(
    'CREATE TABLE IF NOT EXISTS bench_limit_body (id bigserial PRIMARY KEY, body text)',
  );
  await pool.query(
    'CREATE TABLE IF NOT EXISTS bench_limit_row (id int PRIMARY KEY, n bigint NOT NULL)',
  );
  await pool.query(
    `INSERT INTO bench_limit_row SELECT g, 0 FROM generate_series(1, ${ROWS}) g ON CONFLICT DO NOTHING`,
  );
  const [lz4] = (
    await pool.query(
      `SELECT 'lz4' = ANY(enumvals) AS available FROM pg_settings WHERE name = 'default_toast_compression'`,
    )
  ).rows;
  if (lz4?.available)
    await pool.query(
      'ALTER TABLE bench_limit_body ALTER COLUMN body SET COMPRESSION lz4',
    );
  return pool;
}

async function main(): Promise<void> {
  const [port, databaseUrl, schema] = process.argv.slice(2);
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 * 1024 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );
  const answer = (reply: {
    header(name: string, value: string): { send(body: string): unknown };
  }) => reply.header('content-type', 'text/xml; charset=utf-8').send(ANSWER);

  app.post('/qbwc', async (_request, reply) => answer(reply));
  if (databaseUrl && schema) {
    const pool = await openDatabase(databaseUrl, schema);
    let next = 0;
    app.post('/qbwc-durable', async (request, reply) => {
      const body = request.body as Buffer;
      if (body.length > LARGE)
        await pool.query('INSERT INTO bench_limit_body (body) VALUES ($1)', [
          body.toString('utf8'),
        ]);
      else
        await pool.query('UPDATE bench_limit_row SET n = n + 1 WHERE id = $1', [
          1 + (next++ % ROWS),
        ]);
      return answer(reply);
    });
  }
  await app.listen({ port: Number(port), host: '127.0.0.1' });
  process.stdout.write('ready\n');
}

void main();
