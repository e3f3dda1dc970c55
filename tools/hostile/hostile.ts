// `npm run hostile`: throws hostile input at a config API and a gateway started for the
// run (own schema, own Redis prefix, free loopback ports) and checks, attempt by attempt,
// that each was refused as expected, that nothing crashed, that the gateway's memory did
// not blow up and that no stored data changed. Exits 1 on anything unexpected.
import { CONFIG_API_ATTACKS } from './config-api-attacks';
import { CONTROL_ATTEMPTS, GATEWAY_ATTACKS, LOGIN_ATTACKS } from './gateway-attacks';
import type { Attempt, Verdict } from './attempt';
import { RssSampler, dataChanges, isReady, mb, rssOf } from './probes';
import { buildStage, type Stage } from './stage';

const RSS_LIMIT_BYTES = Number(process.env.HOSTILE_RSS_LIMIT_MB ?? 768) * 1024 * 1024;
const ATTEMPT_TIMEOUT_MS = 90_000;

interface Row {
  attempt: Attempt;
  verdict: Verdict;
  peak: number;
  problems: string[];
}

async function runOne(stage: Stage, attempt: Attempt): Promise<Row> {
  const before = await stage.watch.snapshot();
  const pid = attempt.target === 'gateway' ? stage.gatewayPid : stage.configApiPid;
  const sampler = new RssSampler(pid).start();
  let verdict: Verdict;
  try {
    verdict = await withTimeout(attempt.run(stage), ATTEMPT_TIMEOUT_MS);
  } catch (error) {
    verdict = {
      ok: false,
      got: `attempt failed: ${(error as Error).message.slice(0, 60)}`,
    };
  }
  // Side effects a refused call must not have had would show within a moment.
  await new Promise((resolve) => setTimeout(resolve, 150));
  const peak = sampler.stop();

  const problems: string[] = [];
  if (!verdict.ok) problems.push('unexpected answer');
  if (rssOf(stage.gatewayPid) === 0 || rssOf(stage.configApiPid) === 0)
    problems.push('process died');
  if (!(await isReady(stage.gatewayBase))) problems.push('gateway not ready');
  if (!(await isReady(stage.configApiUrl))) problems.push('config API not ready');
  if (peak > RSS_LIMIT_BYTES)
    problems.push(`RSS ${mb(peak)} over ${mb(RSS_LIMIT_BYTES)}`);
  const changed = dataChanges(
    before,
    await stage.watch.snapshot(),
    attempt.mayChange?.(stage),
  );
  if (changed.length > 0) problems.push(`data changed: ${changed.join(', ')}`);
  return { attempt, verdict, peak, problems };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`no end after ${ms} ms`)), ms).unref(),
    ),
  ]);
}

function printTable(rows: Row[]): void {
  const pad = (text: string, width: number) =>
    text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
  console.log(
    `\n${pad('#', 4)}${pad('target', 11)}${pad('attempt', 58)}${pad('answer', 52)}${pad('peak RSS', 10)}verdict`,
  );
  rows.forEach((row, index) => {
    const verdict =
      row.problems.length === 0
        ? 'refused as expected'
        : `UNEXPECTED: ${row.problems.join('; ')}`;
    console.log(
      `${pad(String(index + 1), 4)}${pad(row.attempt.target, 11)}${pad(row.attempt.name, 58)}${pad(row.verdict.got, 52)}${pad(mb(row.peak), 10)}${verdict}`,
    );
  });
}

async function main(): Promise<number> {
  const started = Date.now();
  const stage = await buildStage((line) => console.log(line));
  try {
    const baseline = rssOf(stage.gatewayPid);
    const attempts = [
      ...GATEWAY_ATTACKS,
      ...CONFIG_API_ATTACKS,
      ...CONTROL_ATTEMPTS,
      ...LOGIN_ATTACKS,
    ];
    const rows: Row[] = [];
    for (const attempt of attempts) rows.push(await runOne(stage, attempt));
    printTable(rows);

    const unexpected = rows.filter((row) => row.problems.length > 0).length;
    const gatewayPeak = Math.max(
      ...rows.filter((row) => row.attempt.target === 'gateway').map((row) => row.peak),
    );
    console.log(
      `\ngateway RSS: ${mb(baseline)} at rest, peak ${mb(gatewayPeak)} (limit ${mb(RSS_LIMIT_BYTES)})`,
    );
    console.log(`ran in ${Math.round((Date.now() - started) / 1000)} s`);
    console.log(
      `hostile: ${rows.length} tried, ${rows.length - unexpected} refused as expected, ${unexpected} unexpected`,
    );
    if (unexpected > 0) {
      console.log('\nlast log lines:');
      console.log(stage.stack.logs.slice(-30).join('\n'));
    }
    return unexpected === 0 ? 0 : 1;
  } finally {
    await stage.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`hostile: could not run: ${error.stack ?? error.message}`);
    process.exit(2);
  },
);
