/**
 * Import-application benchmark (not a test).
 *
 * Generates a QuickBooks file of 10,000 customers (every fifth one a job of the customer
 * before it) and 10,000 items of four kinds, answers full imports of both in iterator
 * pages of 500 through the gateway's dispatcher, and applies every page with the worker's
 * ApplyResponseHandler on a scratch Postgres schema (real Redis for the queues). Then it
 * imports everything again (nothing changed: the path every quick import's overlap
 * takes). Prints records/s, milliseconds and SQL queries per page, each run's note, and
 * peak RSS.
 *
 * Usage: node tools/dev/run-ts.js tools/bench/import-apply.bench.ts [--records 10000] [--page 500]
 */
import { randomUUID } from 'node:crypto';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { ImportHarness } from '../../apps/sync-worker/src/imports/testing/import.harness';
import {
  customerRet,
  itemInventoryRet,
  itemNonInventoryRet,
  itemServiceRet,
  jobRet,
  qbxmlDocument,
  queryRs,
} from '../../apps/sync-worker/src/imports/testing/qbxml-builders';

const MB = 1024 * 1024;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const RECORDS = option('records', 10_000);
const PAGE = option('page', 500);

// Every SQL statement goes through PostgresQueryRunner.query: counting there gives the
// number of round trips per page.
let queries = 0;
const original = PostgresQueryRunner.prototype.query;
PostgresQueryRunner.prototype.query = function counted(
  this: PostgresQueryRunner,
  ...args: Parameters<typeof original>
) {
  queries += 1;
  return original.apply(this, args);
} as typeof original;

let peakRss = 0;
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

function customers(count: number): string[] {
  const rets: string[] = [];
  let parent = { ListID: '', FullName: '' };
  for (let i = 1; i <= count; i += 1) {
    const n = String(i).padStart(5, '0');
    const address = {
      Addr1: `${i} Test Street`,
      City: 'Sampletown',
      State: 'QC',
      PostalCode: 'J1H 1A1',
    };
    if (i % 5 === 0) {
      rets.push(
        jobRet(parent, {
          ListID: `C${n}-1716305000`,
          Name: `Job ${n}`,
          ShipAddress: address,
        }),
      );
      continue;
    }
    parent = { ListID: `C${n}-1716305000`, FullName: `Bulk Customer ${n}` };
    rets.push(
      customerRet({
        ...parent,
        Name: parent.FullName,
        BillAddress: address,
        Phone: '555-0100',
        Email: `c${n}@example.test`,
      }),
    );
  }
  return rets;
}

function items(count: number): string[] {
  const makers = [itemServiceRet, itemInventoryRet, itemNonInventoryRet, itemServiceRet];
  return Array.from({ length: count }, (_, index) => {
    const n = String(index + 1).padStart(5, '0');
    const make = makers[index % makers.length] as typeof itemServiceRet;
    return make({
      ListID: `I${n}-1716305000`,
      Name: `Item ${n}`,
      FullName: `Group ${index % 40}:Item ${n}`,
      Price: `${(index % 900) + 1}.25`,
      Desc: `Generated item ${n}`,
    });
  });
}

interface PhaseResult {
  name: string;
  records: number;
  seconds: number;
  pageMs: number[];
  pageQueries: number[];
  note: string | null;
}

async function importAll(
  h: ImportHarness,
  companyId: string,
  entity: 'customers' | 'items',
  rets: string[],
  name: string,
): Promise<PhaseResult> {
  const type = entity === 'customers' ? 'CustomerQueryRs' : 'ItemQueryRs';
  const item = await h.queueImport(companyId, entity, 'full');
  const session = randomUUID();
  const pageMs: number[] = [];
  const pageQueries: number[] = [];
  let applySeconds = 0;

  for (let start = 0; start < rets.length; start += PAGE) {
    const slice = rets.slice(start, start + PAGE);
    const remaining = Math.max(0, rets.length - start - slice.length);
    const leased = await h.lease(companyId, session);
    const body = qbxmlDocument(
      queryRs(type, leased.requestId, slice, {
        iteratorID: '{BENCH}',
        iteratorRemainingCount: remaining,
      }),
    );
    const responseId = await h.record(leased, session, body);

    const before = queries;
    const began = process.hrtime.bigint();
    await h.apply(companyId, responseId);
    const ms = Number(process.hrtime.bigint() - began) / 1e6;
    pageMs.push(ms);
    pageQueries.push(queries - before);
    applySeconds += ms / 1000;
    sampleRss();
  }
  const run = await h.runOf(item.id);
  return {
    name,
    records: rets.length,
    seconds: applySeconds,
    pageMs,
    pageQueries,
    note: run.note,
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function report(result: PhaseResult): void {
  const rate = result.records / result.seconds;
  console.log(
    `${result.name.padEnd(28)} ${String(result.records).padStart(6)} records  ${result.seconds.toFixed(2).padStart(6)} s  ` +
      `${rate.toFixed(0).padStart(6)} records/s  page p50 ${percentile(result.pageMs, 50).toFixed(0)} ms, max ${Math.max(...result.pageMs).toFixed(0)} ms  ` +
      `queries/page p50 ${percentile(result.pageQueries, 50)}, max ${Math.max(...result.pageQueries)}`,
  );
  console.log(`${''.padEnd(28)} note: ${result.note}`);
}

async function main(): Promise<void> {
  const h = await ImportHarness.start();
  try {
    const company = await h.createCompany();
    const customerRets = customers(RECORDS);
    const itemRets = items(RECORDS);
    sampleRss();

    console.log(
      `Applying ${RECORDS} customers and ${RECORDS} items in pages of ${PAGE} (schema ${h.db.schema})\n`,
    );
    const results = [
      await importAll(
        h,
        company.id,
        'customers',
        customerRets,
        'customers, first import',
      ),
      await importAll(h, company.id, 'items', itemRets, 'items, first import'),
      await importAll(
        h,
        company.id,
        'customers',
        customerRets,
        'customers, nothing changed',
      ),
      await importAll(h, company.id, 'items', itemRets, 'items, nothing changed'),
    ];
    results.forEach(report);

    const outbox = await h.outbox(company.id);
    const total = results.reduce((sum, r) => sum + r.records, 0);
    const seconds = results.reduce((sum, r) => sum + r.seconds, 0);
    console.log(
      `\nall phases: ${total} records in ${seconds.toFixed(2)} s = ${(total / seconds).toFixed(0)} records/s; ${outbox.length} outbox writes`,
    );
    const maxRssKb = process.resourceUsage().maxRSS;
    console.log(`peak RSS: ${(Math.max(peakRss, maxRssKb * 1024) / MB).toFixed(0)} MB`);
  } finally {
    await h.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
