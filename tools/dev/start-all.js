#!/usr/bin/env node
// `npm start`: the three apps in one terminal, each line prefixed by its app's name.
// Migrations run once first, so the apps do not race to apply them.
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');
const readline = require('node:readline');

const root = path.resolve(__dirname, '../..');
const runTs = path.join(__dirname, 'run-ts.js');
const apps = [
  ['config-api', 'apps/config-api/src/main.ts'],
  ['qbwc-gateway', 'apps/qbwc-gateway/src/main.ts'],
  ['sync-worker', 'apps/sync-worker/src/main.ts'],
];

const migrated = spawnSync(process.execPath, [runTs, 'tools/db/migrate.ts'], { cwd: root, stdio: 'inherit' });
if (migrated.status !== 0) process.exit(migrated.status ?? 1);

const children = apps.map(([name, entry]) => {
  const child = spawn(process.execPath, [runTs, entry], {
    cwd: root,
    env: { ...process.env, MIGRATE_ON_START: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => console.log(`[${name}] ${line}`));
  }
  child.on('exit', (code, signal) => {
    console.log(`[${name}] exited (${signal ?? code})`);
    if (!stopping) stop(code ?? 1);
  });
  return child;
});

let stopping = false;
function stop(code) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 5000).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
