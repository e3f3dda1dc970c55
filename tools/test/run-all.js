#!/usr/bin/env node
// `npm test`: every tier of every project (unit, then integration on the real Postgres and
// Redis, then end to end through the simulator), then one closing line with the counts.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const tiers = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['test', 'integration', 'e2e'];
const summaryDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbd-tests-'));
const env = { ...process.env, TEST_SUMMARY_DIR: summaryDir, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };

let exitCode = 0;
for (const tier of tiers) {
  console.log(`\n=== ${tier} ===`);
  const run = spawnSync(
    'npx',
    ['nx', 'run-many', '-t', tier, '--parallel=1', '--outputStyle=stream', '--skipNxCache'],
    { stdio: 'inherit', env },
  );
  if (run.status !== 0) exitCode = 1;
}

let passed = 0;
let failed = 0;
let skipped = 0;
const broken = [];
for (const file of fs.readdirSync(summaryDir)) {
  const result = JSON.parse(fs.readFileSync(path.join(summaryDir, file), 'utf8'));
  passed += result.passed;
  failed += result.failed;
  skipped += result.skipped;
  broken.push(...result.suitesFailedToRun);
}
fs.rmSync(summaryDir, { recursive: true, force: true });

if (broken.length > 0) {
  console.log(`\nSuites that failed to run:\n  ${broken.join('\n  ')}`);
  exitCode = 1;
}
if (passed + failed === 0) exitCode = 1;
console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : exitCode);
