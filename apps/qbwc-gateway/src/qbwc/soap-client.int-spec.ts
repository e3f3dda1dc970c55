import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createClientAsync } from 'soap';
import { GatewayHarness, SHARED } from '../testing/gateway.harness';

// A third-party SOAP client built from our WSDL, as a .NET proxy generated from it would be.
describe('a SOAP client generated from the WSDL drives a whole session', () => {
  let harness: GatewayHarness;
  let url: string;

  beforeAll(async () => {
    harness = await GatewayHarness.create();
    await harness.app.listen(0, '127.0.0.1');
    const address = harness.app.getHttpServer().address() as { port: number };
    url = `http://127.0.0.1:${address.port}/qbwc`;
  });

  afterAll(async () => {
    await harness.close();
  });

  it('runs serverVersion → authenticate → sendRequestXML → receiveResponseXML → closeConnection', async () => {
    const company = await harness.seedCompany({
      userName: 'soap-client',
      password: 'soap-client-pass',
    });
    await harness.seedWork(company.id, {
      kind: 'import',
      entity: 'classes',
      mode: 'full',
      priority: 50,
    });
    const client = await createClientAsync(`${url}?wsdl`, { endpoint: url });

    const [version] = await client.serverVersionAsync({});
    expect(version.serverVersionResult).toMatch(/connector/);
    const [auth] = await client.authenticateAsync({
      strUserName: 'soap-client',
      strPassword: 'soap-client-pass',
    });
    const [ticket, path1] = auth.authenticateResult.string as string[];
    expect(ticket).toMatch(/^[0-9a-f-]{36}$/);
    expect(path1 ?? '').toBe('');

    const hcp = readFileSync(
      path.join(SHARED, 'fixtures/qbxml/hcp-response_qb-pro-2014_us_corrected.xml'),
      'utf8',
    );
    const [send] = await client.sendRequestXMLAsync({
      ticket,
      strHCPResponse: hcp,
      strCompanyFileName: '',
      qbXMLCountry: 'US',
      qbXMLMajorVers: 13,
      qbXMLMinorVers: 0,
    });
    const request = send.sendRequestXMLResult as string;
    expect(request).toContain('<ClassQueryRq');
    const requestId = /requestID="([^"]+)"/.exec(request)?.[1];

    const response = `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><ClassQueryRs requestID="${requestId}" statusCode="1" statusSeverity="Info" statusMessage="A query request did not find a matching object in QuickBooks" /></QBXMLMsgsRs></QBXML>`;
    const [received] = await client.receiveResponseXMLAsync({
      ticket,
      response,
      hresult: '',
      message: '',
    });
    expect(received.receiveResponseXMLResult).toBe(100);
    const [closed] = await client.closeConnectionAsync({ ticket });
    expect(closed.closeConnectionResult).toMatch(/complete|terminée/);
  });
});
