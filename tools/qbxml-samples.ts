/**
 * Writes one qbXML request document per request kind the codec can build, in its richest
 * form (every optional element the connector uses filled in), so that anyone can validate
 * them, e.g. `xmllint --noout --schema ../shared/fixtures/xsd/qbxmlops130.xsd DIR/*.xml`.
 *
 * Usage: SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register \
 *          tools/qbxml-samples.ts DIR [--version 13.0] [--country US]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  buildRequestXml,
  richestSampleRequests,
  toQbCountry,
  type QbxmlTarget,
} from '@qbd/qbxml';

function option(args: string[], name: string, fallback: string): string {
  const index = args.indexOf(name);
  return index >= 0 && args[index + 1] ? args[index + 1] : fallback;
}

function main(args: string[]): void {
  const dir = args.find(
    (arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'),
  );
  if (!dir) {
    process.stderr.write('usage: qbxml-samples DIR [--version 13.0] [--country US]\n');
    process.exitCode = 2;
    return;
  }
  const target: QbxmlTarget = {
    version: option(args, '--version', '13.0'),
    country: toQbCountry(option(args, '--country', 'US')),
  };
  mkdirSync(dir, { recursive: true });
  for (const [kind, request] of Object.entries(richestSampleRequests())) {
    const file = path.join(dir, `${kind}Rq.xml`);
    writeFileSync(file, buildRequestXml([request], { target }));
    process.stdout.write(`${file}\n`);
  }
}

main(process.argv.slice(2));
