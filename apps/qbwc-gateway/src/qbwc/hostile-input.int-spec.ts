import IORedis from 'ioredis';
import { QbResponseEntity } from '@qbd/domain';
import { TEST_REDIS_URL } from '@qbd/testing';
import { LoginThrottle } from '../session/login-throttle';
import { GatewayHarness } from '../testing/gateway.harness';

const invoice = (ref: string) => ({
  type: 'InvoiceAdd',
  CustomerRef: { ListID: '80000031-1716300000' },
  TxnDate: '2024-05-22',
  RefNumber: ref,
  InvoiceLineAdd: [
    {
      ItemRef: { ListID: '80000041-1716300100' },
      Desc: 'Panel inspection',
      Quantity: '2',
      Rate: '150.00',
    },
  ],
});

const invoiceAnswer = (requestId: string, ref: string) =>
  `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><InvoiceAddRs requestID="${requestId}" statusCode="0" statusSeverity="Info" statusMessage="Status OK">` +
  `<InvoiceRet><TxnID>T-${ref}</TxnID><RefNumber>${ref}</RefNumber></InvoiceRet></InvoiceAddRs></QBXMLMsgsRs></QBXML>`;

describe('gateway under hostile input (real Postgres and Redis)', () => {
  let harness: GatewayHarness;

  beforeAll(async () => {
    harness = await GatewayHarness.create();
  });

  afterAll(async () => {
    await harness.close();
  });

  async function openSession(userName: string, refs: string[]) {
    const company = await harness.seedCompany({
      userName,
      password: `${userName}-password`,
    });
    for (const ref of refs)
      await harness.seedWork(company.id, {
        kind: 'document',
        priority: 30,
        params: { requests: [invoice(ref)] },
      });
    const ticket = (
      (
        await harness.call('authenticate', {
          strUserName: userName,
          strPassword: `${userName}-password`,
        })
      ).result as string[]
    )[0];
    const first = String(
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
    return { company, ticket, requestId: /requestID="([^"]+)"/.exec(first)?.[1] ?? '' };
  }

  const responses = (companyId: string) =>
    harness.db.dataSource.getRepository(QbResponseEntity).countBy({ companyId });

  describe("one company's ticket carrying another's answer", () => {
    it('records nothing, keeps the request pending, and still takes the real answer', async () => {
      const alpha = await openSession('alpha-sync', ['AL-1', 'AL-2']);
      const bravo = await openSession('bravo-sync', ['BR-1']);
      expect(alpha.requestId).not.toBe('');
      expect(bravo.requestId).not.toBe('');

      const stolen = await harness.call('receiveResponseXML', {
        ticket: alpha.ticket,
        response: invoiceAnswer(bravo.requestId, 'BR-1'),
        hresult: '',
        message: '',
      });
      expect(Number(stolen.result)).toBe(0);
      const nameless = await harness.call('receiveResponseXML', {
        ticket: alpha.ticket,
        response: invoiceAnswer(alpha.requestId, 'AL-1').replace(
          / requestID="[^"]+"/,
          '',
        ),
        hresult: '',
        message: '',
      });
      expect(Number(nameless.result)).toBe(0);
      expect(await responses(alpha.company.id)).toBe(0);
      expect(await responses(bravo.company.id)).toBe(0);

      const real = await harness.call('receiveResponseXML', {
        ticket: alpha.ticket,
        response: invoiceAnswer(alpha.requestId, 'AL-1'),
        hresult: '',
        message: '',
      });
      expect(Number(real.result)).toBeGreaterThan(0);
      expect(Number(real.result)).toBeLessThan(100);
      expect(await responses(alpha.company.id)).toBe(1);
      await harness.call('closeConnection', { ticket: alpha.ticket });
      await harness.call('closeConnection', { ticket: bravo.ticket });
    });

    it('still records an hresult reported with an empty body', async () => {
      const charlie = await openSession('charlie-sync', ['CH-1']);
      await harness.call('receiveResponseXML', {
        ticket: charlie.ticket,
        response: '',
        hresult: '0x80040400',
        message: 'QuickBooks found an error when parsing the provided XML text stream.',
      });
      const recorded = await harness.db.dataSource
        .getRepository(QbResponseEntity)
        .findOneByOrFail({ companyId: charlie.company.id });
      expect(recorded.hresult).toBe('0x80040400');
      await harness.call('closeConnection', { ticket: charlie.ticket });
    });
  });

  describe('password guessing', () => {
    it('checks no more than five guesses sent at the same moment, the right one included', async () => {
      await harness.seedCompany({
        userName: 'delta-sync',
        password: 'delta-right-password',
      });
      const guesses = Array.from({ length: 30 }, (_, i) =>
        i === 20 ? 'delta-right-password' : `guess-${i}`,
      );
      const answers = await Promise.all(
        guesses.map((strPassword) =>
          harness.call('authenticate', { strUserName: 'delta-sync', strPassword }),
        ),
      );
      const refused = answers.filter(
        (answer) => (answer.result as string[])[1] === 'nvu',
      );
      expect(refused).toHaveLength(30);
    });
  });

  describe("a remembered login and someone else's guesses", () => {
    const login = (password: string, remoteAddress: string) =>
      harness.app.inject({
        method: 'POST',
        url: '/qbwc',
        remoteAddress,
        headers: { 'content-type': 'text/xml; charset=utf-8' },
        payload:
          '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><authenticate xmlns="http://developer.intuit.com/">' +
          `<strUserName>kilo-sync</strUserName><strPassword>${password}</strPassword></authenticate></soap:Body></soap:Envelope>`,
      });
    const answerOf = (body: string) =>
      [...body.matchAll(/<string>([^<]*)<\/string>|<string\/>/g)][1]?.[1];

    it('lets the Web Connector in from its own address, and not a guesser from another one', async () => {
      await harness.seedCompany({
        userName: 'kilo-sync',
        password: 'kilo-right-password',
      });
      expect(answerOf((await login('kilo-right-password', '10.9.0.1')).body)).toBe(
        'none',
      );

      for (let i = 0; i < 6; i += 1) await login(`kilo-guess-${i}`, '10.9.0.2');
      expect(answerOf((await login('kilo-right-password', '10.9.0.2')).body)).toBe('nvu');
      expect(answerOf((await login('kilo-right-password', '10.9.0.1')).body)).toBe(
        'none',
      );
    });
  });

  describe('LoginThrottle', () => {
    let redis: IORedis;
    let throttle: LoginThrottle;
    const limits = { perUser: 3, perAddress: 5, windowSeconds: 60 };

    beforeAll(() => {
      redis = new IORedis(TEST_REDIS_URL);
      throttle = new LoginThrottle(redis, `${harness.prefix}:unit`, limits);
    });

    afterAll(() => redis.disconnect());

    it('admits per user name up to the limit, counted before the password is checked', async () => {
      const admitted = await Promise.all(
        Array.from({ length: 10 }, () => throttle.admit('echo', '10.0.0.1')),
      );
      expect(admitted.filter(Boolean)).toHaveLength(3);
      expect(await redis.get(`${harness.prefix}:unit:login-fail:user:echo`)).toBe('3');
      expect(
        await redis.ttl(`${harness.prefix}:unit:login-fail:user:echo`),
      ).toBeGreaterThan(0);
    });

    it('lets many user names in at once from one address, and forgets a user name on success', async () => {
      const admitted = await Promise.all(
        Array.from({ length: 40 }, (_, i) => throttle.admit(`foxtrot-${i}`, '10.0.0.2')),
      );
      expect(admitted.every(Boolean)).toBe(true);
      await throttle.recordSuccess('foxtrot-0');
      expect(
        await redis.get(`${harness.prefix}:unit:login-fail:user:foxtrot-0`),
      ).toBeNull();
      expect(
        await redis.get(`${harness.prefix}:unit:login-fail:addr:10.0.0.2`),
      ).toBeNull();
    });

    it('blocks an address after its failures whatever the user name, and gives back unchecked attempts', async () => {
      for (let i = 0; i < 5; i += 1) {
        expect(await throttle.admit(`golf-${i}`, '10.0.0.3')).toBe(true);
        await throttle.recordFailure('10.0.0.3');
      }
      expect(await throttle.admit('golf-new', '10.0.0.3')).toBe(false);
      expect(await throttle.admit('hotel', '10.0.0.4')).toBe(true);
      await throttle.release('hotel');
      expect(await redis.get(`${harness.prefix}:unit:login-fail:user:hotel`)).toBeNull();
    });
  });

  describe('queue dashboard', () => {
    it('answers a missing or wrong password 401 without a stack trace, even in development', async () => {
      const previous = process.env.NODE_ENV;
      process.env.NODE_ENV = 'development';
      try {
        const missing = await harness.app.inject({ method: 'GET', url: '/admin/queues' });
        const wrong = await harness.app.inject({
          method: 'GET',
          url: '/admin/queues',
          headers: {
            authorization: `Basic ${Buffer.from('admin:guess').toString('base64')}`,
          },
        });
        for (const answer of [missing, wrong]) {
          expect(answer.statusCode).toBe(401);
          expect(answer.headers['www-authenticate']).toMatch(/^Basic/);
          expect(answer.body).not.toMatch(/ at |node_modules|\.ts:|details/);
        }
      } finally {
        process.env.NODE_ENV = previous;
      }
    });
  });

  describe('large bodies', () => {
    it('refuses NUL in the body and decodes a 20 MB entity-dense answer quickly', async () => {
      const nul = await harness.app.inject({
        method: 'POST',
        url: '/qbwc',
        headers: { 'content-type': 'text/xml' },
        payload:
          '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><authenticate xmlns="http://developer.intuit.com/"><strUserName>a\u0000</strUserName></authenticate></soap:Body></soap:Envelope>',
      });
      expect(nul.statusCode).toBe(500);
      expect(nul.body).toContain('NUL');

      const big = await harness.call('receiveResponseXML', {
        ticket: '00000000-0000-0000-0000-000000000000',
        response: '<x/>'.repeat(2 * 1024 * 1024),
        hresult: '',
        message: '',
      });
      expect(big.result).toBe('-1');
    });
  });
});
