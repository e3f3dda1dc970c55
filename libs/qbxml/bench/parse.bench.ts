/**
 * Response-parsing benchmark (not a test).
 *
 * Generates a 50 MB CustomerQueryRs and a 50,000-item ItemQueryRs, then parses each, in a
 * fresh process per run, with: the bare saxes parser and no-op handlers (the limit), this
 * library's `parseResponseXml` (all records kept) and its streaming reader (records handed
 * over one by one). Prints MB/s and peak RSS, and the ratio to the bare parser.
 *
 * Usage: SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register \
 *          libs/qbxml/bench/parse.bench.ts [--runs 3]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SaxesParser } from 'saxes';
import { createResponseStream, parseResponseXml } from '../src';

type Mode = 'saxes' | 'parse' | 'stream';

interface RunResult {
  mode: Mode;
  seconds: number;
  megabytes: number;
  peakRssMb: number;
  baseRssMb: number;
  records: number;
}

const MB = 1024 * 1024;

function customerRet(i: number): string {
  const n = String(i).padStart(6, '0');
  return (
    `<CustomerRet><ListID>8${i.toString(16).toUpperCase().padStart(7, '0')}-1716305000</ListID>` +
    `<TimeCreated>2020-01-01T08:00:00-05:00</TimeCreated><TimeModified>2024-06-01T08:00:00-05:00</TimeModified>` +
    `<EditSequence>1717243200</EditSequence><Name>Client ${n} C&#244;t&#233;</Name>` +
    `<FullName>Client ${n} C&#244;t&#233;</FullName><IsActive>true</IsActive><Sublevel>0</Sublevel>` +
    `<CompanyName>Plomberie ${n} &amp; Fils</CompanyName><FirstName>Zo&#235;</FirstName><LastName>Bront&#235;</LastName>` +
    `<BillAddress><Addr1>${i} rue de l&#146;&#201;glise</Addr1><City>Saint-J&#233;r&#244;me</City><State>QC</State>` +
    `<PostalCode>J7Z 5T3</PostalCode><Country>Canada</Country></BillAddress>` +
    `<BillAddressBlock><Addr1>${i} rue de l&#146;&#201;glise</Addr1><Addr2>Saint-J&#233;r&#244;me QC J7Z 5T3</Addr2></BillAddressBlock>` +
    `<Phone>450-555-0100</Phone><Email>client${n}@example.com</Email><Balance>1234.56</Balance>` +
    `<TotalBalance>1234.56</TotalBalance><SalesTaxCodeRef><ListID>10000-1009221895</ListID><FullName>Tax</FullName></SalesTaxCodeRef>` +
    `<JobStatus>None</JobStatus><DataExtRet><OwnerID>0</OwnerID><DataExtName>Code</DataExtName>` +
    `<DataExtType>STR255TYPE</DataExtType><DataExtValue>C-${n}</DataExtValue></DataExtRet></CustomerRet>\n`
  );
}

const ITEM_KINDS = [
  'ItemService',
  'ItemInventory',
  'ItemNonInventory',
  'ItemOtherCharge',
  'ItemDiscount',
];

function itemRet(i: number): string {
  const kind = ITEM_KINDS[i % ITEM_KINDS.length];
  const head =
    `<${kind}Ret><ListID>8${i.toString(16).toUpperCase().padStart(7, '0')}-1468535148</ListID>` +
    `<TimeCreated>2016-07-14T15:25:48-05:00</TimeCreated><TimeModified>2024-03-01T10:00:00-05:00</TimeModified>` +
    `<EditSequence>1468535148</EditSequence><Name>Article ${i}</Name><FullName>Pi&#232;ces:Article ${i}</FullName>` +
    `<IsActive>${i % 7 !== 0}</IsActive><ParentRef><ListID>80000001-1468535100</ListID><FullName>Pi&#232;ces</FullName></ParentRef>` +
    `<Sublevel>1</Sublevel><SalesTaxCodeRef><FullName>Tax</FullName></SalesTaxCodeRef>`;
  const body =
    kind === 'ItemInventory'
      ? `<SalesDesc>Raccord &#189;&quot; laiton</SalesDesc><SalesPrice>12.3456</SalesPrice><PurchaseCost>4.20</PurchaseCost>` +
        `<QuantityOnHand>-3</QuantityOnHand><AverageCost>4.195</AverageCost><QuantityOnOrder>0</QuantityOnOrder><QuantityOnSalesOrder>2</QuantityOnSalesOrder>`
      : kind === 'ItemDiscount'
        ? `<ItemDesc>Rabais</ItemDesc><DiscountRatePercent>10.0%</DiscountRatePercent>`
        : `<SalesOrPurchase><Desc>Main-d&#146;&#339;uvre &#150; heure</Desc><Price>110.00</Price>` +
          `<AccountRef><ListID>80000015-1457547358</ListID><FullName>Revenus</FullName></AccountRef></SalesOrPurchase>`;
  return `${head}${body}</${kind}Ret>\n`;
}

function document(type: string, rets: string[]): string {
  return (
    `<?xml version="1.0" ?>\n<QBXML><QBXMLMsgsRs><${type} requestID="bench" statusCode="0" statusSeverity="Info" ` +
    `statusMessage="Status OK" iteratorRemainingCount="0" iteratorID="{0eb40039-d60d-4dcb-81ac-3b181ca2f326}">\n` +
    `${rets.join('')}</${type}></QBXMLMsgsRs></QBXML>\n`
  );
}

function customersOfSize(bytes: number): string {
  const rets: string[] = [];
  let size = 0;
  for (let i = 1; size < bytes; i++) {
    const ret = customerRet(i);
    rets.push(ret);
    size += ret.length;
  }
  return document('CustomerQueryRs', rets);
}

function items(count: number): string {
  return document(
    'ItemQueryRs',
    Array.from({ length: count }, (_, i) => itemRet(i + 1)),
  );
}

/** One measured run, in this (fresh) process. */
function runOnce(file: string, mode: Mode): RunResult {
  const xml = readFileSync(file, 'utf8');
  (globalThis as { gc?: () => void }).gc?.();
  const baseRssMb = process.memoryUsage().rss / MB;
  const started = process.hrtime.bigint();
  const records = parseWith(mode, xml);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  return {
    mode,
    seconds,
    megabytes: Buffer.byteLength(xml) / MB,
    peakRssMb,
    baseRssMb,
    records,
  };
}

function parseWith(mode: Mode, xml: string): number {
  if (mode === 'parse') return parseResponseXml(xml)[0].records.length;
  if (mode === 'stream') {
    let count = 0;
    const stream = createResponseStream({ onRecord: () => count++ });
    for (let i = 0; i < xml.length; i += 1 << 20)
      stream.write(xml.slice(i, i + (1 << 20)));
    stream.close();
    return count;
  }
  return bareSaxes(xml);
}

/** The parser underneath with no work attached beyond counting elements: the limit. */
function bareSaxes(xml: string): number {
  const parser = new SaxesParser({ xmlns: false, position: true });
  let elements = 0;
  parser.on('opentag', () => elements++);
  parser.on('text', () => undefined);
  parser.on('closetag', () => undefined);
  parser.write(xml).close();
  return elements;
}

function spawnRun(file: string, mode: Mode): RunResult {
  const output = execFileSync(
    process.execPath,
    ['--expose-gc', '-r', '@swc-node/register', __filename, '--child', file, mode],
    {
      env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' },
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(output.toString()) as RunResult;
}

function best(file: string, mode: Mode, runs: number): RunResult {
  const results = Array.from({ length: runs }, () => spawnRun(file, mode));
  return results.reduce((a, b) => (b.seconds < a.seconds ? b : a));
}

function report(label: string, file: string, runs: number): void {
  const bare = best(file, 'saxes', runs);
  const rows = [bare, best(file, 'parse', runs), best(file, 'stream', runs)];
  const bareRate = bare.megabytes / bare.seconds;
  process.stdout.write(`\n${label} (${bare.megabytes.toFixed(1)} MB)\n`);
  process.stdout.write(
    'parser          records     MB/s  peak RSS MB  added by parse MB  speed vs saxes  peak RSS vs saxes\n',
  );
  for (const row of rows) process.stdout.write(`${formatRow(row, bare, bareRate)}\n`);
}

function formatRow(row: RunResult, bare: RunResult, bareRate: number): string {
  const rate = row.megabytes / row.seconds;
  const name = { saxes: 'bare saxes', parse: 'parseResponse', stream: 'stream' }[
    row.mode
  ];
  return [
    name.padEnd(14),
    String(row.records).padStart(8),
    rate.toFixed(1).padStart(8),
    row.peakRssMb.toFixed(0).padStart(12),
    (row.peakRssMb - row.baseRssMb).toFixed(0).padStart(18),
    (rate / bareRate).toFixed(2).padStart(15),
    (row.peakRssMb / bare.peakRssMb).toFixed(2).padStart(18),
  ].join(' ');
}

function main(args: string[]): void {
  if (args[0] === '--child') {
    process.stdout.write(JSON.stringify(runOnce(args[1], args[2] as Mode)));
    return;
  }
  const runs = Number(args[args.indexOf('--runs') + 1] ?? 3) || 3;
  const dir = mkdtempSync(path.join(tmpdir(), 'qbxml-bench-'));
  try {
    const customers = path.join(dir, 'customers.xml');
    const itemsFile = path.join(dir, 'items.xml');
    writeFileSync(customers, customersOfSize(50 * MB));
    writeFileSync(itemsFile, items(50_000));
    process.stdout.write(
      `node ${process.version}, best of ${runs} runs, one process per run\n`,
    );
    report('CustomerQueryRs, 50 MB', customers, runs);
    report('ItemQueryRs, 50,000 items', itemsFile, runs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2));
