import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { CompanyFile } from './company/company-file';
import { caPremierSettings } from './company/company-settings';
import { loadCompany, saveCompany } from './company/company-state';
import type { Faults } from './company/faults';
import { QbRequestProcessorError } from './company/request-errors';
import { demoCompany } from './data/demo-company';
import { generateCompany } from './data/generator';
import { callSequence, type SessionReport } from './web-connector/session-report';
import { WebConnector } from './web-connector/web-connector';

const USAGE = `qbd-simulator — QuickBooks Desktop and Web Connector, simulated

Usage (from the repository root):
  SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register apps/qbd-simulator/src/cli.ts <command> [options]

Commands:
  session    play one Web Connector update against a gateway
  schedule   play updates on the QWC's schedule (postpone and minimum interval honoured)
  company    create a company file and save its state
  request    answer one qbXML request file with the company file
  hcp        print the HostQuery/CompanyQuery/PreferencesQuery answer

Options:
  --qwc FILE           the .qwc file (session, schedule)
  --password P         the Web Connector password (session, schedule)
  --url URL            gateway URL (default: AppURL of the QWC; loopback only)
  --company KIND       demo | demo-ca | generated:N (default demo)
  --seed S             seed for generated companies (default 1)
  --state FILE         load the company from FILE if it exists, save it back afterwards
  --fault F            could-not-start | lose-response | mid-iterator | delay:MS
                       | refuse:RequestName:Field=Value:StatusCode   (repeatable)
  --runs N             sessions to play (schedule, default 3)
  --time-scale X       real ms slept per scheduled ms (schedule, default 0.001)
  --file FILE          qbXML request document (request)
  --json               print the full report as JSON
`;

interface Options {
  qwc?: string;
  password?: string;
  url?: string;
  company: string;
  seed: string;
  state?: string;
  fault: string[];
  runs: string;
  'time-scale': string;
  file?: string;
  json: boolean;
  help: boolean;
}

function readOptions(argv: string[]): { command: string; options: Options } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      qwc: { type: 'string' },
      password: { type: 'string' },
      url: { type: 'string' },
      company: { type: 'string', default: 'demo' },
      seed: { type: 'string', default: '1' },
      state: { type: 'string' },
      fault: { type: 'string', multiple: true, default: [] },
      runs: { type: 'string', default: '3' },
      'time-scale': { type: 'string', default: '0.001' },
      file: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  return { command: positionals[0] ?? 'help', options: values as Options };
}

function openCompany(options: Options): CompanyFile {
  if (options.state && existsSync(options.state)) return loadCompany(options.state);
  const kind = options.company;
  if (kind === 'demo') return demoCompany();
  if (kind === 'demo-ca')
    return demoCompany(caPremierSettings({ companyName: 'Services Exemple inc.' }));
  const generated = /^generated:(\d+)$/.exec(kind);
  if (generated) {
    const n = Number(generated[1]);
    return generateCompany({
      customers: n,
      jobsPerCustomer: 2,
      items: n,
      classes: 10,
      sites: 5,
      seed: options.seed,
    });
  }
  throw new Error(`unknown --company ${kind} (demo, demo-ca or generated:N)`);
}

function faultsFrom(specs: string[]): Faults {
  const faults: Faults = {};
  for (const spec of specs) {
    const [name, ...rest] = spec.split(':');
    if (name === 'could-not-start') faults.couldNotStart = 1;
    else if (name === 'lose-response') faults.loseResponseAfterSave = 1;
    else if (name === 'mid-iterator') faults.closeSessionMidIterator = 1;
    else if (name === 'delay') faults.delayMs = Number(rest[0]);
    else if (name === 'refuse') {
      const [request, field, code] = rest;
      const [fieldName, fieldValue] = (field ?? '').split('=');
      faults.refuse = [
        ...(faults.refuse ?? []),
        {
          request,
          fields: fieldName ? { [fieldName]: fieldValue ?? '' } : undefined,
          statusCode: Number(code),
        },
      ];
    } else throw new Error(`unknown --fault ${spec}`);
  }
  return faults;
}

function connector(options: Options, company: CompanyFile): WebConnector {
  if (!options.qwc || !options.password)
    throw new Error('--qwc and --password are required');
  return new WebConnector({
    qwc: readFileSync(options.qwc, 'utf8'),
    password: options.password,
    company,
    gatewayUrl: options.url,
  });
}

function describe(report: SessionReport): string {
  const lines = [
    `outcome: ${report.outcome}`,
    `calls: ${callSequence(report).join(' → ')}`,
    `requests answered by QuickBooks: ${report.exchanges.length}`,
  ];
  if (report.percents.length > 0) lines.push(`progress: ${report.percents.join(', ')}`);
  if (report.postponeSeconds !== undefined)
    lines.push(`postponed by the server: ${report.postponeSeconds} s`);
  if (report.lastError) lines.push(`getLastError: ${report.lastError}`);
  if (report.closeMessage) lines.push(`closeConnection: ${report.closeMessage}`);
  if (report.error) lines.push(`error: ${report.error}`);
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  return lines.join('\n');
}

async function session(options: Options): Promise<number> {
  const company = openCompany(options);
  const wc = connector(options, company);
  try {
    const report = await wc.runSession(faultsFrom(options.fault));
    console.log(options.json ? JSON.stringify(report, null, 2) : describe(report));
    if (options.state) saveCompany(company, options.state);
    return ['completed', 'nothing-to-do', 'ended-by-server'].includes(report.outcome)
      ? 0
      : 2;
  } finally {
    wc.close();
  }
}

async function schedule(options: Options): Promise<number> {
  const company = openCompany(options);
  const wc = connector(options, company);
  try {
    const runs = await wc.runSchedule({
      runs: Number(options.runs),
      timeScale: Number(options['time-scale']),
      faults: (i) => (i === 0 ? faultsFrom(options.fault) : undefined),
    });
    for (const run of runs) {
      console.log(
        options.json
          ? JSON.stringify(run)
          : `--- t+${run.at}s (${run.reason})\n${describe(run.report)}`,
      );
    }
    if (options.state) saveCompany(company, options.state);
    return 0;
  } finally {
    wc.close();
  }
}

async function request(options: Options): Promise<number> {
  if (!options.file) throw new Error('--file is required');
  const company = openCompany(options);
  const qbSession = company.beginSession();
  try {
    console.log(
      await company.handleRequest(readFileSync(options.file, 'utf8'), qbSession),
    );
  } catch (err) {
    if (!(err instanceof QbRequestProcessorError)) throw err;
    console.log(`${err.hresult} ${err.message}\n${err.details.join('\n')}`);
    return 2;
  } finally {
    qbSession.end();
  }
  if (options.state) saveCompany(company, options.state);
  return 0;
}

function company(options: Options): number {
  const file = openCompany(options);
  const counts = ['Customer', 'Item', 'Class', 'InventorySite', 'SalesTaxCode'] as const;
  for (const category of counts)
    console.log(`${category}: ${file.data.list(category).length}`);
  console.log(`Invoice: ${file.data.transactions('Invoice').length}`);
  if (options.state) {
    saveCompany(file, options.state);
    console.log(`saved to ${options.state}`);
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const { command, options } = readOptions(argv);
  if (options.help || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  switch (command) {
    case 'session':
      return session(options);
    case 'schedule':
      return schedule(options);
    case 'request':
      return request(options);
    case 'company':
      return company(options);
    case 'hcp':
      console.log(openCompany(options).hcpResponse());
      return 0;
    default:
      console.error(`unknown command ${command}\n\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    console.error(`qbd-simulator: ${err.message}`);
    process.exitCode = 1;
  },
);
