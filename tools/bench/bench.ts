/**
 * `npm run bench`: the performance figures of the connector, each against its limit on
 * this machine and, where there is one, a peer, printed as one table (not part of
 * `npm test`). One file per benchmark in this folder, each exporting a function that runs
 * on servers of its own and returns rows; the list below says which run, in order.
 *
 * Usage: npm run bench [-- --only gateway,parse] (plus each benchmark's own options)
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { printTable, type BenchRow, type Benchmark } from './bench-rows';

interface Entry {
  key: string;
  title: string;
  file: string;
  /** The exported function; any export ending in "Bench" when not named. */
  exportName?: string;
}

const BENCHMARKS: Entry[] = [
  {
    key: 'gateway',
    title: '1. gateway cost per SOAP call',
    file: 'soap-calls.bench.ts',
    exportName: 'soapCallsBench',
  },
  {
    key: 'import',
    title: '2. full import through the product',
    file: 'full-import.bench.ts',
    exportName: 'fullImportBench',
  },
  {
    key: 'parse',
    title: '3. one 50 MB response',
    file: 'parse-50mb.bench.ts',
    exportName: 'parse50MbBench',
  },
  {
    key: 'polling',
    title: '4. 1,000 companies polling',
    file: 'polling.bench.ts',
    exportName: 'pollingBench',
  },
];

function load(entry: Entry): Benchmark | undefined {
  const file = path.join(__dirname, entry.file);
  if (!existsSync(file)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- benchmarks are optional files
  const exports = require(file) as Record<string, unknown>;
  const name =
    entry.exportName ?? Object.keys(exports).find((key) => key.endsWith('Bench'));
  const run = name ? exports[name] : undefined;
  return typeof run === 'function' ? (run as Benchmark) : undefined;
}

async function main(): Promise<number> {
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt >= 0 ? process.argv[onlyAt + 1].split(',') : undefined;
  const started = Date.now();
  const rows: BenchRow[] = [];
  let failed = 0;
  for (const entry of BENCHMARKS.filter(
    (candidate) => !only || only.includes(candidate.key),
  )) {
    const run = load(entry);
    const section = (name: string, rest: Partial<BenchRow> = {}) => ({
      name,
      ours: '',
      baseline: '',
      ratio: '',
      goal: '',
      ...rest,
    });
    if (!run) {
      rows.push(section(entry.title, { ours: 'not available yet' }));
      continue;
    }
    const sectionStarted = Date.now();
    process.stderr.write(`${entry.title} ...\n`);
    try {
      const result = await run();
      rows.push(
        section(`${entry.title} (${Math.round((Date.now() - sectionStarted) / 1000)} s)`),
        ...result,
      );
    } catch (error) {
      failed += 1;
      rows.push(
        section(entry.title, {
          ours: `FAILED: ${(error as Error).message.split('\n')[0].slice(0, 120)}`,
        }),
      );
    }
  }
  console.log('');
  printTable(rows);
  console.log(
    `\nnode ${process.version}, ${cpus().length} cores; bench ran in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error);
    process.exit(2);
  },
);
