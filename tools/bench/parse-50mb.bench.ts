/**
 * One 50 MB response (issue "Performance", part 3), not a test: the qbXML codec's own
 * benchmark (libs/qbxml/bench/parse.bench.ts), run as it is, each parser in a fresh process,
 * its CustomerQueryRs figures read back into the suite's table: parse time and peak RSS of
 * `parseResponseXml` (every record kept) and of the streaming reader, against the bare
 * saxes parser (the limit).
 *
 * Usage: node tools/dev/run-ts.js tools/bench/parse-50mb.bench.ts [--parse-runs 1]
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BenchRow } from './bench-rows';

const ROOT = path.resolve(__dirname, '../..');
const CODEC_BENCH = 'libs/qbxml/bench/parse.bench.ts';

interface ParserFigures {
  records: number;
  megabytesPerSecond: number;
  peakRssMb: number;
}

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

/** The rows of the "CustomerQueryRs, 50 MB" block of the codec benchmark's output. */
export function readCustomerBlock(output: string): {
  megabytes: number;
  parsers: Record<string, ParserFigures>;
} {
  const block = /CustomerQueryRs, 50 MB \(([\d.]+) MB\)\n[^\n]*\n((?:.+\n){3})/.exec(
    output,
  );
  if (!block)
    throw new Error(
      `no CustomerQueryRs block in the codec benchmark's output:\n${output.slice(0, 500)}`,
    );
  const parsers: Record<string, ParserFigures> = {};
  for (const line of block[2].trim().split('\n')) {
    const match = /^(bare saxes|parseResponse|stream)\s+(\d+)\s+([\d.]+)\s+([\d.]+)/.exec(
      line.trim(),
    );
    if (match)
      parsers[match[1]] = {
        records: Number(match[2]),
        megabytesPerSecond: Number(match[3]),
        peakRssMb: Number(match[4]),
      };
  }
  if (!parsers['bare saxes'] || !parsers.parseResponse || !parsers.stream)
    throw new Error(`unexpected rows:\n${block[0]}`);
  return { megabytes: Number(block[1]), parsers };
}

export async function parse50MbBench(): Promise<BenchRow[]> {
  const runs = option('parse-runs', 1);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-r', '@swc-node/register', CODEC_BENCH, '--runs', String(runs)],
    {
      cwd: ROOT,
      env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' },
      maxBuffer: 1 << 20,
    },
  );
  const { megabytes, parsers } = readCustomerBlock(stdout);
  const bare = parsers['bare saxes'];
  const seconds = (figures: ParserFigures) => megabytes / figures.megabytesPerSecond;
  const row = (name: string, figures: ParserFigures, goal: string): BenchRow[] => [
    {
      name: `${name}: parse time`,
      ours: `${seconds(figures).toFixed(2)} s (${figures.megabytesPerSecond.toFixed(0)} MB/s, ${figures.records.toLocaleString('en-US')} records)`,
      baseline: `${seconds(bare).toFixed(2)} s (bare saxes, no records built)`,
      ratio: `${(seconds(figures) / seconds(bare)).toFixed(2)}× slower`,
      goal,
    },
    {
      name: `${name}: peak RSS`,
      ours: `${figures.peakRssMb.toFixed(0)} MB`,
      baseline: `${bare.peakRssMb.toFixed(0)} MB`,
      ratio: `${(figures.peakRssMb / bare.peakRssMb).toFixed(2)}×`,
      goal: '—',
    },
  ];
  return [
    ...row(
      `parseResponseXml, one ${megabytes.toFixed(0)} MB CustomerQueryRs`,
      parsers.parseResponse,
      'no goal set; every record kept',
    ),
    ...row(
      'streaming reader, same answer',
      parsers.stream,
      'what the worker uses for large pages',
    ),
  ];
}

if (process.argv[1] === __filename) {
  void import('./bench-rows').then(async ({ printTable }) =>
    printTable(await parse50MbBench()),
  );
}
