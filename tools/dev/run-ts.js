#!/usr/bin/env node
// Runs a TypeScript entry point with SWC (decorator metadata and @qbd/* aliases included).
const path = require('node:path');
const root = path.resolve(__dirname, '../..');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || path.join(root, 'tsconfig.base.json');
const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: run-ts.js <file.ts> [args...]');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(entry), ...rest];
require('@swc-node/register');
require(path.resolve(entry));
