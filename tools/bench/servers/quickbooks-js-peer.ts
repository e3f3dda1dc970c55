// The peer for the gateway benchmarks: the quickbooks-js package (a node-soap Web
// Connector server) with a trivial qbXML handler, on a loopback port. Its own run() listens
// on every interface, so its web service is mounted here on 127.0.0.1 with the node-soap
// it ships with.
// Usage: node tools/dev/run-ts.js tools/bench/servers/quickbooks-js-peer.ts <port> <user> <password>
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

const [port, user, password] = process.argv.slice(2);
// quickbooks-js reads its credentials from the environment when its web service loads.
process.env.QB_USERNAME = user;
process.env.QB_PASSWORD = password;
process.env.QB_COMPANY_FILE = 'C:\\Company.qbw';

const packageDir = path.dirname(require.resolve('quickbooks-js/package.json'));
const load = createRequire(path.join(packageDir, 'index.js'));
const webService = load('./lib/web-service') as {
  service: unknown;
  setQBXMLHandler(handler: unknown): void;
};
const soap = load('soap') as {
  listen(server: unknown, path: string, services: unknown, wsdl: string): unknown;
};

const INVOICE_REQUEST =
  '<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">' +
  '<InvoiceAddRq requestID="1"><InvoiceAdd><CustomerRef><ListID>80000031-1716300000</ListID></CustomerRef>' +
  '<TxnDate>2024-05-22</TxnDate><RefNumber>B-1</RefNumber><InvoiceLineAdd><ItemRef><ListID>80000041-1716300100</ListID></ItemRef>' +
  '<Desc>Panel inspection</Desc><Quantity>2</Quantity><Rate>150.00</Rate></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>' +
  '</QBXMLMsgsRq></QBXML>';

// Enough requests that sendRequestXML never runs out during a run.
const queue = Array.from({ length: 1_000_000 }, () => INVOICE_REQUEST);
webService.setQBXMLHandler({
  fetchRequests: (callback: (error: null, requests: string[]) => void) =>
    callback(null, queue),
  handleResponse: () => undefined,
  didReceiveError: () => undefined,
});

const server = createServer((_request, response) => response.end('404'));
soap.listen(
  server,
  '/wsdl',
  webService.service,
  readFileSync(path.join(packageDir, 'lib/qbws.wsdl'), 'utf8'),
);
server.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
