import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as soap from 'soap';
import { sharedFixturesDir } from '../shared/fixtures-dir';
import { rq } from '../testing/qbxml-test-kit';
import { smallCompany } from '../testing/companies';
import { QWC } from '../testing/scripted-gateway';
import { WebConnector } from './web-connector';

type Args = Record<string, unknown>;

describe('WebConnector envelopes against a SOAP server built from the real QBWC WSDL', () => {
  const received: { op: string; args: Args }[] = [];
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    const wsdl = readFileSync(
      join(sharedFixturesDir(), 'qbwc', 'QBWebConnectorSvc.wsdl'),
      'utf8',
    );
    const record = (op: string, result: (args: Args) => unknown) => (args: Args) => {
      received.push({ op, args });
      return result(args);
    };
    const sends = () => received.filter((r) => r.op === 'sendRequestXML').length;
    const service = {
      QBWebConnectorSvc: {
        QBWebConnectorSvcSoap: {
          serverVersion: record('serverVersion', () => ({
            serverVersionResult: 'wsdl-server 1.0',
          })),
          clientVersion: record('clientVersion', () => ({ clientVersionResult: '' })),
          authenticate: record('authenticate', () => ({
            authenticateResult: { string: ['wsdl-ticket', '', '', ''] },
          })),
          sendRequestXML: record('sendRequestXML', () => ({
            sendRequestXMLResult:
              sends() === 1 ? rq('<ClassQueryRq requestID="1"/>') : '',
          })),
          receiveResponseXML: record('receiveResponseXML', () => ({
            receiveResponseXMLResult: 50,
          })),
          getLastError: record('getLastError', () => ({
            getLastErrorResult: 'All done',
          })),
          connectionError: record('connectionError', () => ({
            connectionErrorResult: 'done',
          })),
          closeConnection: record('closeConnection', () => ({
            closeConnectionResult: 'Bye',
          })),
        },
      },
    };
    server = http.createServer((_req, res) => {
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    soap.listen(server, '/qbwc', service, wsdl);
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/qbwc`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('has every call accepted and every parameter read by name', async () => {
    const company = smallCompany();
    const connector = new WebConnector({
      qwc: QWC,
      password: 'pw',
      company,
      gatewayUrl: url,
    });

    const report = await connector.runSession();
    connector.close();
    const args = (op: string) => received.filter((r) => r.op === op).map((r) => r.args);

    expect(received.map((r) => r.op)).toEqual([
      'serverVersion',
      'clientVersion',
      'authenticate',
      'sendRequestXML',
      'receiveResponseXML',
      'sendRequestXML',
      'getLastError',
      'closeConnection',
    ]);
    expect(args('clientVersion')[0]).toEqual({ strVersion: '2.3.0.215' });
    expect(args('authenticate')[0]).toEqual({
      strUserName: 'harbor-sync',
      strPassword: 'pw',
    });
    expect(args('sendRequestXML')[0]).toMatchObject({
      ticket: 'wsdl-ticket',
      strCompanyFileName: company.settings.filePath,
      qbXMLCountry: 'US',
      qbXMLMajorVers: 13,
      qbXMLMinorVers: 0,
    });
    expect(String(args('sendRequestXML')[0]['strHCPResponse'])).toContain(
      '<HostQueryRs requestID="0"',
    );
    expect(String(args('receiveResponseXML')[0]['response'])).toContain(
      '<ClassQueryRs requestID="1" statusCode="0"',
    );
    expect(args('closeConnection')[0]).toEqual({ ticket: 'wsdl-ticket' });
    expect(report.serverVersion).toBe('wsdl-server 1.0');
    expect(report.percents).toEqual([50]);
    expect(report.lastError).toBe('All done');
    expect(report.closeMessage).toBe('Bye');
  });
});
