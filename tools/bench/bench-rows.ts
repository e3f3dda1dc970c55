// The one table every benchmark fills: our figure, the baseline's, the ratio, the goal.

export interface BenchRow {
  name: string;
  ours: string;
  baseline: string;
  ratio: string;
  goal: string;
}

/** A benchmark of the suite: runs on its own servers and returns its rows. */
export type Benchmark = () => Promise<BenchRow[]>;

export const formatRate = (perSecond: number) =>
  perSecond >= 100 ? Math.round(perSecond).toLocaleString('en-US') : perSecond.toFixed(1);

/** "1.32× slower" when `ours` is the smaller of two rates, "0.40× (faster)" otherwise. */
export function rateRatio(
  ours: number,
  baseline: number,
): { text: string; slower: number } {
  const slower = baseline / ours;
  return {
    slower,
    text: slower >= 1 ? `${slower.toFixed(2)}× slower` : `${slower.toFixed(2)}× (faster)`,
  };
}

export function printTable(rows: BenchRow[]): void {
  const headers: BenchRow = {
    name: 'benchmark',
    ours: 'ours',
    baseline: 'baseline',
    ratio: 'ratio',
    goal: 'goal',
  };
  const keys = Object.keys(headers) as (keyof BenchRow)[];
  const widths = keys.map((key) =>
    Math.max(...[headers, ...rows].map((row) => row[key].length)),
  );
  const line = (row: BenchRow) =>
    keys.map((key, index) => row[key].padEnd(widths[index])).join(' │ ');
  console.log(line(headers));
  console.log(widths.map((width) => '─'.repeat(width)).join('─┼─'));
  for (const row of rows) console.log(line(row));
}
