import { GatewayHarness } from '../testing/gateway.harness';

const customers = (requestId: string, count: number) =>
  `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><CustomerQueryRs requestID="${requestId}" statusCode="0" statusSeverity="Info" statusMessage="Status OK" iteratorRemainingCount="0" iteratorID="{x}">` +
  Array.from(
    { length: count },
    (_, i) =>
      `<CustomerRet><ListID>8000${i}-1</ListID><Name>Client ${i}</Name><FullName>Client ${i}</FullName><IsActive>true</IsActive></CustomerRet>`,
  ).join('') +
  '</CustomerQueryRs></QBXMLMsgsRs></QBXML>';

describe('how answers are stored (real Postgres and Redis)', () => {
  let harness: GatewayHarness;

  beforeAll(async () => {
    harness = await GatewayHarness.create();
  });

  afterAll(async () => {
    await harness.close();
  });

  it('records a large answer lz4-compressed when the server has lz4, and in full', async () => {
    const company = await harness.seedCompany({
      userName: 'storage-user',
      password: 'storage-password',
    });
    const work = await harness.seedWork(company.id, {
      kind: 'import',
      entity: 'customers',
      mode: 'full',
      priority: 50,
    });
    const ticket = (
      (
        await harness.call('authenticate', {
          strUserName: 'storage-user',
          strPassword: 'storage-password',
        })
      ).result as string[]
    )[0];
    const request = String(
      (
        await harness.call('sendRequestXML', {
          ticket,
          strHCPResponse: '',
          strCompanyFileName: '',
          qbXMLCountry: 'US',
          qbXMLMajorVers: 13,
          qbXMLMinorVers: 0,
        })
      ).result,
    );
    const requestId = /requestID="([^"]+)"/.exec(request)?.[1] ?? '';
    const answer = customers(requestId, 3000);
    expect(answer.length).toBeGreaterThan(300_000);

    const received = await harness.call('receiveResponseXML', {
      ticket,
      response: answer,
      hresult: '',
      message: '',
    });
    expect(received.result).toBe('100');

    const [lz4] = await harness.db.dataSource.query(
      `SELECT 'lz4' = ANY(enumvals) AS available FROM pg_settings WHERE name = 'default_toast_compression'`,
    );
    const [stored] = await harness.db.dataSource.query(
      `SELECT pg_column_compression(body) AS compression, length(body) AS length, body = $2 AS same FROM qb_response WHERE "workItemId" = $1`,
      [work.id, answer],
    );
    expect(stored).toEqual({
      compression: lz4?.available ? 'lz4' : 'pglz',
      length: answer.length,
      same: true,
    });
    await harness.call('closeConnection', { ticket });
  });
});
