import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { InvoiceAddRequest, InvoiceQueryRequest } from '@qbd/qbxml';
import {
  CompanyEntity,
  ExportEntity,
  QbResponseEntity,
  RecordErrorEntity,
  WcSessionEntity,
  WorkItemEntity,
} from '@qbd/domain';
import { GatewayHarness, SHARED } from '../testing/gateway.harness';

const CASES = path.join(SHARED, 'cases');
const caseFile = (name: string, file: string) => path.join(CASES, name, file);

const invoice = (
  ref: string,
  customer = '80000031-1716300000',
): Omit<InvoiceAddRequest, 'requestID'> => ({
  type: 'InvoiceAdd',
  CustomerRef: { ListID: customer },
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

const lookupFor = (ref: string): Omit<InvoiceQueryRequest, 'requestID'> =>
  ({
    type: 'InvoiceQuery',
    RefNumber: ref,
    IncludeLineItems: false,
  }) as Omit<InvoiceQueryRequest, 'requestID'>;

const okInvoiceResponse = (requestId: string, ref: string, txnId: string) =>
  `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><InvoiceAddRs requestID="${requestId}" statusCode="0" statusSeverity="Info" statusMessage="Status OK">` +
  `<InvoiceRet><TxnID>${txnId}</TxnID><EditSequence>1</EditSequence><RefNumber>${ref}</RefNumber></InvoiceRet></InvoiceAddRs></QBXMLMsgsRs></QBXML>`;

describe('QBWC gateway against real Postgres and Redis', () => {
  let harness: GatewayHarness;

  beforeAll(async () => {
    harness = await GatewayHarness.create();
  });

  afterAll(async () => {
    await harness.close();
  });

  async function login(userName: string, password: string): Promise<string> {
    const answer = await harness.call('authenticate', {
      strUserName: userName,
      strPassword: password,
    });
    const result = answer.result as string[];
    expect(result).toHaveLength(4);
    expect(['nvu', 'none', 'busy']).not.toContain(result[1]);
    return result[0];
  }

  const firstCall = (ticket: string) =>
    harness.call('sendRequestXML', {
      ticket,
      strHCPResponse: readFileSync(
        path.join(SHARED, 'fixtures/qbxml/hcp-response_qb-pro-2014_us_corrected.xml'),
        'utf8',
      ),
      strCompanyFileName: 'C:\\Company.qbw',
      qbXMLCountry: 'US',
      qbXMLMajorVers: 13,
      qbXMLMinorVers: 0,
    });

  const nextCall = (ticket: string) =>
    harness.call('sendRequestXML', {
      ticket,
      strHCPResponse: '',
      strCompanyFileName: '',
      qbXMLCountry: 'US',
      qbXMLMajorVers: 13,
      qbXMLMinorVers: 0,
    });

  describe('case 007: dispatch by the body, whatever SOAPAction says', () => {
    it('answers every operation file with a SOAP 1.1 response of the right wrapper', async () => {
      const company = await harness.seedCompany({
        userName: 'dispatch-user',
        password: 'example-pass-dispatch',
      });
      await harness.seedWork(company.id, {
        kind: 'document',
        priority: 30,
        params: { requests: [invoice('D-1')] },
      });
      const dir = path.join(CASES, '007-soapaction-dispatch');
      const files = readdirSync(dir)
        .filter((file) => file.endsWith('.http'))
        .sort();
      expect(files.length).toBeGreaterThanOrEqual(12);

      let ticket = '';
      for (const file of files) {
        const raw = readFileSync(path.join(dir, file), 'utf8');
        const op = /<soap:Body><(\w+)/.exec(raw)?.[1] ?? '';
        const userName = /<strUserName>([^<]*)</.exec(raw)?.[1];
        if (userName) {
          const updated = await harness.seedCompanyPassword(
            company.id,
            userName,
            /<strPassword>([^<]*)</.exec(raw)?.[1] ?? '',
          );
          expect(updated).toBe(true);
        }
        const response = await harness.replay(path.join(dir, file), { TICKET: ticket });
        expect(response.headers['content-type']).toMatch(/^text\/xml/);
        expect(response.body.startsWith('<?xml')).toBe(true);
        if (file.startsWith('13')) {
          expect(response.status).toBe(500);
          expect(response.body).toContain('<faultcode>soap:Client</faultcode>');
          continue;
        }
        expect(response.status).toBe(200);
        expect(response.body).toContain(
          `<${op}Response xmlns="http://developer.intuit.com/">`,
        );
        if (op === 'authenticate' && !ticket) {
          const result = /<string>([^<]*)<\/string>/.exec(response.body)?.[1] ?? '';
          expect(result).toMatch(/^[0-9a-f-]{36}$/);
          ticket = result;
        }
        if (op === 'authenticate') {
          // 10-12 (unquoted, trailing slash, no SOAPAction) authenticate like 03: valid credentials.
          const strings = [...response.body.matchAll(/<string>([^<]*)<\/string>/g)].map(
            (m) => m[1],
          );
          expect(strings).toHaveLength(4);
          expect(strings[1]).not.toBe('nvu');
        }
      }
    });
  });

  describe('case 008: response hygiene', () => {
    it('starts every answer with <?xml at byte 0, no BOM, text/xml, never empty', async () => {
      const dir = path.join(CASES, '008-soap11-response-hygiene');
      for (const file of readdirSync(dir).filter((name) => name.endsWith('.http'))) {
        const response = await harness.replay(path.join(dir, file));
        expect(response.rawPayload.length).toBeGreaterThan(0);
        expect(response.rawPayload.subarray(0, 5).toString()).toBe('<?xml');
        expect(response.headers['content-type']).toMatch(/^text\/xml/);
        expect(response.body).not.toContain(
          'http://www.w3.org/2003/05/soap-envelope"><soap:Body',
        );
      }
      const old = await harness.call('clientVersion', { strVersion: '1.0.0.1' });
      expect(String(old.result)).toMatch(/^W:.{20,}/);
      const current = await harness.call('clientVersion', { strVersion: '2.3.0.215' });
      expect(current.result).toBe('');
    });

    it('refuses a DTD, entity tricks, deep nesting and SOAP 1.2 with a fault', async () => {
      const bodies = [
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><serverVersion xmlns="http://developer.intuit.com/"/></soap:Body></soap:Envelope>',
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><authenticate xmlns="http://developer.intuit.com/"><strUserName>&a;</strUserName></authenticate></soap:Body></soap:Envelope>',
        `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${'<a>'.repeat(100)}${'</a>'.repeat(100)}</soap:Body></soap:Envelope>`,
        '<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><serverVersion xmlns="http://developer.intuit.com/"/></soap:Body></soap:Envelope>',
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><serverVersion xmlns="http://developer.intuit.com/">',
      ];
      for (const payload of bodies) {
        const response = await harness.app.inject({
          method: 'POST',
          url: '/qbwc',
          headers: { 'content-type': 'text/xml' },
          payload,
        });
        expect(response.statusCode).toBe(500);
        expect(response.body).toContain('<soap:Fault>');
        expect(response.body).not.toMatch(/at \w+ \(/);
      }
      const invalidUtf8 = await harness.app.inject({
        method: 'POST',
        url: '/qbwc',
        headers: { 'content-type': 'text/xml; charset=utf-8' },
        payload: Buffer.from([0x3c, 0x61, 0xff, 0xfe, 0x3e]),
      });
      expect(invalidUtf8.statusCode).toBe(500);
      expect(invalidUtf8.body).toContain('not valid utf-8');
    });
  });

  describe('authentication', () => {
    it('answers nvu the same way for an unknown user and a wrong password, then throttles', async () => {
      await harness.seedCompany({
        userName: 'throttle-user',
        password: 'right-password-123',
      });
      const unknown = await harness.call('authenticate', {
        strUserName: 'nobody-here',
        strPassword: 'x',
      });
      const wrong = await harness.call('authenticate', {
        strUserName: 'throttle-user',
        strPassword: 'wrong',
      });
      expect(unknown.result).toEqual(['', 'nvu', '', '']);
      expect(wrong.result).toEqual(['', 'nvu', '', '']);
      for (let i = 0; i < 5; i += 1)
        await harness.call('authenticate', {
          strUserName: 'throttle-user',
          strPassword: 'wrong',
        });
      const blocked = await harness.call('authenticate', {
        strUserName: 'throttle-user',
        strPassword: 'right-password-123',
      });
      expect(blocked.result).toEqual(['', 'nvu', '', '']);
    });

    it("keeps letting the company's own Web Connector in while someone guesses at its user name", async () => {
      await harness.seedCompany({
        userName: 'guarded-user',
        password: 'guarded-password-1',
      });
      const before = await harness.call('authenticate', {
        strUserName: 'guarded-user',
        strPassword: 'guarded-password-1',
      });
      expect((before.result as string[])[1]).toBe('none');
      for (let i = 0; i < 8; i += 1)
        await harness.call('authenticate', {
          strUserName: 'guarded-user',
          strPassword: `guess-${i}`,
        });
      const guess = await harness.call('authenticate', {
        strUserName: 'guarded-user',
        strPassword: 'guess-9',
      });
      expect(guess.result).toEqual(['', 'nvu', '', '']);
      const owner = await harness.call('authenticate', {
        strUserName: 'guarded-user',
        strPassword: 'guarded-password-1',
      });
      expect((owner.result as string[])[1]).toBe('none');
    });

    it('answers none with the postpone from the maximum interval when there is nothing to do', async () => {
      await harness.seedCompany({
        userName: 'idle-user',
        password: 'idle-password-123',
        settings: { maxIntervalMinutes: 45, minIntervalMinutes: 10 },
      });
      const answer = await harness.call('authenticate', {
        strUserName: 'idle-user',
        strPassword: 'idle-password-123',
      });
      expect((answer.result as string[]).slice(1)).toEqual(['none', '2700', '600']);
    });

    it('refuses the ticket after the password was rotated', async () => {
      const company = await harness.seedCompany({
        userName: 'rotate-user',
        password: 'rotate-password-1',
      });
      await harness.seedWork(company.id, {
        kind: 'document',
        priority: 30,
        params: { requests: [invoice('R-1')] },
      });
      const ticket = await login('rotate-user', 'rotate-password-1');
      await harness.db.dataSource
        .getRepository(CompanyEntity)
        .increment({ id: company.id }, 'credentialGeneration', 1);
      const request = await firstCall(ticket);
      expect(request.result).toBe('');
      expect(String((await harness.call('getLastError', { ticket })).result)).toMatch(
        /expired|replaced/,
      );
    });
  });

  describe('a new company whose exports wait to learn its QuickBooks', () => {
    it('opens a session for them, wakes their preparation and asks Web Connector to wait (NoOp)', async () => {
      const company = await harness.seedCompany({
        userName: 'fresh-user',
        password: 'fresh-password-1',
      });
      await harness.db.dataSource.getRepository(ExportEntity).save({
        companyId: company.id,
        taskId: 'T-fresh',
        taskNumber: 'N-1',
        documentKind: 'invoice',
        snapshot: {
          taskId: 'T-fresh',
          taskNumber: 'N-1',
          stage: 700,
          clientId: 'c',
          items: [],
        },
        externalGuid: '3f2504e0-4f89-11d3-9a0c-0305e82c3309',
        status: 'pending',
      });
      const ticket = await login('fresh-user', 'fresh-password-1');
      const first = await firstCall(ticket);
      expect(first.result).toBe('');
      expect((await harness.call('getLastError', { ticket })).result).toBe('NoOp');
      const stored = await harness.db.dataSource
        .getRepository(CompanyEntity)
        .findOneByOrFail({ id: company.id });
      expect(stored.fileInfo?.qbxmlVersion).toBe('13.0');
      const jobs = await harness.queueJobs('exports');
      expect(
        jobs.some(
          (job) => job.name === 'prepareExport' && job.data.exportId !== undefined,
        ),
      ).toBe(true);
      await harness.call('closeConnection', { ticket });
    });
  });

  describe('case 001: a refused request is never handed out again', () => {
    it('records the hresult, goes on with the next item, and never resends the refused one', async () => {
      const company = await harness.seedCompany({
        userName: 'northgate-sync',
        password: 'example-pass-northgate',
      });
      const refused = await harness.seedWork(company.id, {
        kind: 'document',
        priority: 30,
        params: { requests: [invoice('NG-5521')] },
      });
      const items = await harness.seedWork(company.id, {
        kind: 'import',
        entity: 'items',
        mode: 'full',
        priority: 50,
      });

      const ticket = await login('northgate-sync', 'example-pass-northgate');
      const first = await firstCall(ticket);
      expect(String(first.result)).toContain('<InvoiceAddRq');
      expect(String(first.result).startsWith('<?xml version="1.0"?>')).toBe(true);

      const step3 = await harness.replay(
        caseFile(
          '001-error-response-does-not-advance',
          '03-receiveResponseXML-parse-error.http',
        ),
        { TICKET: ticket },
      );
      const percent = Number(/<receiveResponseXMLResult>(-?\d+)</.exec(step3.body)?.[1]);
      expect(percent).toBeGreaterThanOrEqual(0);
      expect(percent).toBeLessThan(100);

      const second = await nextCall(ticket);
      expect(String(second.result)).toContain('<ItemQueryRq');
      expect(String(second.result)).not.toContain('<InvoiceAddRq');
      const reqId =
        /ItemQueryRq requestID="([^"]+)"/.exec(String(second.result))?.[1] ?? '';
      const step5 = await harness.replay(
        caseFile(
          '001-error-response-does-not-advance',
          '05-receiveResponseXML-items-ok.http',
        ),
        { TICKET: ticket, REQID_B: reqId },
      );
      expect(step5.body).toContain(
        '<receiveResponseXMLResult>100</receiveResponseXMLResult>',
      );

      const recorded = await harness.db.dataSource
        .getRepository(QbResponseEntity)
        .findOneByOrFail({ workItemId: refused.id });
      expect(recorded.hresult).toBe('0x80040400');
      expect((await harness.workItem(refused.id)).status).toBe('received');
      expect((await harness.workItem(refused.id)).params.lastRequest).toContain(
        'NG-5521',
      );
      expect((await harness.workItem(items.id)).status).toBe('received');
      await harness.call('closeConnection', { ticket });

      // Next session: nothing is handed out again (the worker decides what the refusal means).
      const again = await harness.call('authenticate', {
        strUserName: 'northgate-sync',
        strPassword: 'example-pass-northgate',
      });
      expect((again.result as string[])[1]).toBe('none');
    });
  });

  describe('case 002: the same answer delivered twice changes nothing', () => {
    it('ignores a replayed receiveResponseXML and never sends the invoice again', async () => {
      const company = await harness.seedCompany({
        userName: 'harborline-sync',
        password: 'example-pass-harborline',
      });
      const work = await harness.seedWork(company.id, {
        kind: 'document',
        priority: 30,
        params: { requests: [invoice('FS-10231')] },
      });
      const ticket = await login('harborline-sync', 'example-pass-harborline');
      const sent = await firstCall(ticket);
      const reqId =
        /InvoiceAddRq requestID="([^"]+)"/.exec(String(sent.result))?.[1] ?? '';
      expect(reqId).not.toBe('');

      const body = okInvoiceResponse(reqId, 'FS-10231', '2B7-1716402200');
      const first = await harness.call('receiveResponseXML', {
        ticket,
        response: body,
        hresult: '',
        message: '',
      });
      const replay = await harness.call('receiveResponseXML', {
        ticket,
        response: body,
        hresult: '',
        message: '',
      });
      expect(first.result).toBe('100');
      expect(replay.result).toBe('100');
      expect(
        await harness.db.dataSource
          .getRepository(QbResponseEntity)
          .countBy({ workItemId: work.id }),
      ).toBe(1);
      expect((await harness.workItem(work.id)).sendCount).toBe(1);
      await harness.call('closeConnection', { ticket });
    });

    it('parks a document sent three times without an answer (safety valve)', async () => {
      const company = await harness.seedCompany({
        userName: 'valve-user',
        password: 'valve-password-1',
      });
      const exportRow = await harness.db.dataSource.getRepository(ExportEntity).save({
        companyId: company.id,
        taskId: 'T-valve',
        taskNumber: 'V-1',
        documentKind: 'invoice',
        snapshot: {
          taskId: 'T-valve',
          taskNumber: 'V-1',
          stage: 700,
          clientId: 'c',
          items: [],
        },
        externalGuid: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
        status: 'ready',
      });
      const work = await harness.seedWork(company.id, {
        kind: 'document',
        priority: 30,
        exportId: exportRow.id,
        sendCount: 3,
        params: { requests: [invoice('V-1')] },
      });
      const answer = await harness.call('authenticate', {
        strUserName: 'valve-user',
        strPassword: 'valve-password-1',
      });
      const ticket = (answer.result as string[])[0];
      const request = await firstCall(ticket);
      expect(request.result).toBe('');
      expect((await harness.workItem(work.id)).status).toBe('failed');
      const parked = await harness.db.dataSource
        .getRepository(ExportEntity)
        .findOneByOrFail({ id: exportRow.id });
      expect(parked.status).toBe('needsAttention');
      // The company's error list shows it too, with a bookkeeper's message.
      const listed = await harness.db.dataSource
        .getRepository(RecordErrorEntity)
        .findBy({ companyId: company.id, entity: 'export' });
      expect(listed.map((row) => row.error.code)).toEqual(['EXPORT_SENT_WITHOUT_ANSWER']);
      expect(listed[0].error.message.fr).toContain('QuickBooks');
      await harness.call('closeConnection', { ticket });
    });
  });

  describe('case 010: companies interleaving on two gateway instances', () => {
    it('gives each company only its own work, whichever instance answers', async () => {
      const second = await harness.startInstance();
      const cedar = await harness.seedCompany({
        userName: 'cedar-sync',
        password: 'example-pass-cedar',
      });
      const dune = await harness.seedCompany({
        userName: 'dune-sync',
        password: 'example-pass-dune',
        settings: { documentKind: 'salesOrder' },
      });
      for (const ref of ['CD-1', 'CD-2', 'CD-3'])
        await harness.seedWork(cedar.id, {
          kind: 'document',
          priority: 30,
          params: { requests: [invoice(ref)] },
        });
      for (const ref of ['DN-1', 'DN-2'])
        await harness.seedWork(dune.id, {
          kind: 'document',
          priority: 30,
          params: { requests: [invoice(ref, '80000099-1')] },
        });

      const cedarTicket = (
        (
          await harness.call('authenticate', {
            strUserName: 'cedar-sync',
            strPassword: 'example-pass-cedar',
          })
        ).result as string[]
      )[0];
      const cedarFirst = String(
        (
          await harness.call(
            'sendRequestXML',
            {
              ticket: cedarTicket,
              strHCPResponse: '',
              strCompanyFileName: '',
              qbXMLCountry: 'US',
              qbXMLMajorVers: 13,
              qbXMLMinorVers: 0,
            },
            second,
          )
        ).result,
      );
      const duneTicket = (
        (
          await harness.call(
            'authenticate',
            { strUserName: 'dune-sync', strPassword: 'example-pass-dune' },
            second,
          )
        ).result as string[]
      )[0];
      const duneFirst = String(
        (
          await harness.call('sendRequestXML', {
            ticket: duneTicket,
            strHCPResponse: '',
            strCompanyFileName: '',
            qbXMLCountry: 'US',
            qbXMLMajorVers: 13,
            qbXMLMinorVers: 0,
          })
        ).result,
      );
      expect(cedarFirst).toContain('CD-1');
      expect(duneFirst).toContain('DN-1');
      expect(cedarTicket).not.toBe(duneTicket);

      const cedarReq = /requestID="([^"]+)"/.exec(cedarFirst)?.[1] ?? '';
      const duneReq = /requestID="([^"]+)"/.exec(duneFirst)?.[1] ?? '';
      // Dune's ticket cannot deliver an answer for Cedar's request.
      const forged = await harness.call('receiveResponseXML', {
        ticket: duneTicket,
        response: okInvoiceResponse(cedarReq, 'CD-1', 'C1-X'),
        hresult: '',
        message: '',
      });
      expect(Number(forged.result)).toBeGreaterThanOrEqual(0);
      const cedarItems = await harness.db.dataSource
        .getRepository(WorkItemEntity)
        .findBy({ companyId: cedar.id, status: 'received' });
      expect(cedarItems).toHaveLength(0);

      const cedarAnswer = await harness.call(
        'receiveResponseXML',
        {
          ticket: cedarTicket,
          response: okInvoiceResponse(cedarReq, 'CD-1', 'C1-1716600001'),
          hresult: '',
          message: '',
        },
        second,
      );
      expect(Number(cedarAnswer.result)).toBeGreaterThan(0);
      expect(Number(cedarAnswer.result)).toBeLessThan(100);
      await harness.call(
        'receiveResponseXML',
        {
          ticket: duneTicket,
          response: okInvoiceResponse(duneReq, 'DN-1', 'D1-1'),
          hresult: '',
          message: '',
        },
        second,
      );

      const cedarNext = String(
        (
          await harness.call('sendRequestXML', {
            ticket: cedarTicket,
            strHCPResponse: '',
            strCompanyFileName: '',
            qbXMLCountry: 'US',
            qbXMLMajorVers: 13,
            qbXMLMinorVers: 0,
          })
        ).result,
      );
      expect(cedarNext).toContain('CD-2');
      expect(cedarNext).not.toContain('DN-');

      const secondMachine = await harness.call(
        'authenticate',
        { strUserName: 'cedar-sync', strPassword: 'example-pass-cedar' },
        second,
      );
      expect((secondMachine.result as string[])[1]).toBe('busy');
      await harness.call('closeConnection', { ticket: cedarTicket });
      await harness.call('closeConnection', { ticket: duneTicket }, second);
    });
  });

  describe('case 011: QuickBooks could not start', () => {
    it('answers done, records a visible connection problem and leaves the work queued', async () => {
      const company = await harness.seedCompany({
        userName: 'orchard-sync',
        password: 'example-pass-orchard',
      });
      const work = await harness.seedWork(company.id, {
        kind: 'document',
        priority: 30,
        params: { requests: [invoice('OR-1')] },
      });
      const ticket = await login('orchard-sync', 'example-pass-orchard');
      const answer = await harness.call('connectionError', {
        ticket,
        hresult: '0x80040408',
        message: 'Could not start QuickBooks.',
      });
      expect(String(answer.result).toLowerCase()).toBe('done');
      const lastError = await harness.call('getLastError', { ticket });
      expect(String(lastError.result)).toContain('Could not start QuickBooks.');
      const again = await harness.call('connectionError', {
        ticket,
        hresult: '0x80040408',
        message: 'Could not start QuickBooks.',
      });
      expect(String(again.result).toLowerCase()).toBe('done');
      const closed = await harness.call('closeConnection', { ticket });
      expect(closed.status).toBe(200);
      expect(String(closed.result)).toContain('Could not start QuickBooks.');
      expect(String(closed.result)).not.toMatch(/complete/i);

      const stored = await harness.db.dataSource
        .getRepository(CompanyEntity)
        .findOneByOrFail({ id: company.id });
      expect(stored.connectionStatus).toBe('quickBooksUnavailable');
      expect(stored.lastConnectionError?.quickBooksStatus).toBe('0x80040408');
      // Two reports in one run are one failed session.
      expect(stored.consecutiveConnectionFailures).toBe(1);
      const item = await harness.workItem(work.id);
      expect(item.status).toBe('queued');
      expect(item.sendCount).toBe(0);
      expect(
        (
          await harness.db.dataSource
            .getRepository(WcSessionEntity)
            .findOneByOrFail({ companyId: company.id })
        ).status,
      ).toBe('connectionError');

      const next = await login('orchard-sync', 'example-pass-orchard');
      expect(String((await firstCall(next)).result)).toContain('OR-1');
      await harness.call('closeConnection', { ticket: next });
    });
  });

  describe('case 020: iterators', () => {
    it('continues with the same filters, stays below 100 while pages remain, accepts a 10 MB page', async () => {
      const company = await harness.seedCompany({
        userName: 'iter-user',
        password: 'iter-password-1',
      });
      const work = await harness.seedWork(company.id, {
        kind: 'import',
        entity: 'customers',
        mode: 'full',
        priority: 50,
      });
      const ticket = await login('iter-user', 'iter-password-1');
      const start = String((await firstCall(ticket)).result);
      expect(start).toMatch(/<CustomerQueryRq requestID="[^"]+" iterator="Start">/);
      expect(start).toContain('<MaxReturned>500</MaxReturned>');
      expect(start).toContain('<ActiveStatus>All</ActiveStatus>');

      const page = (requestId: string, remaining: number, rows: string) =>
        `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><CustomerQueryRs requestID="${requestId}" statusCode="0" statusSeverity="Info" statusMessage="Status OK" iteratorRemainingCount="${remaining}" iteratorID="{ITER-1}">${rows}</CustomerQueryRs></QBXMLMsgsRs></QBXML>`;
      const row = (n: number) =>
        `<CustomerRet><ListID>8000${n}-1</ListID><Name>Test Customer ${n}</Name><FullName>Test Customer ${n}</FullName><IsActive>true</IsActive><Sublevel>0</Sublevel></CustomerRet>`;
      const big = Array.from({ length: 30000 }, (_, i) => row(i)).join('');
      expect(big.length).toBeGreaterThan(4_000_000);

      const first = /requestID="([^"]+)"/.exec(start)?.[1] ?? '';
      const p1 = await harness.call('receiveResponseXML', {
        ticket,
        response: page(first, 600, big),
        hresult: '',
        message: '',
      });
      expect(p1.status).toBe(200);
      expect(Number(p1.result)).toBeGreaterThan(0);
      expect(Number(p1.result)).toBeLessThan(100);

      const cont = String((await nextCall(ticket)).result);
      expect(cont).toMatch(
        /<CustomerQueryRq requestID="[^"]+" iterator="Continue" iteratorID="\{ITER-1\}">/,
      );
      expect(cont).toContain('<ActiveStatus>All</ActiveStatus>');
      const second = /requestID="([^"]+)"/.exec(cont)?.[1] ?? '';
      const p2 = await harness.call('receiveResponseXML', {
        ticket,
        response: page(second, 0, row(1)),
        hresult: '',
        message: '',
      });
      expect(Number(p2.result)).toBe(100);
      expect(Number(p2.result)).toBeGreaterThanOrEqual(Number(p1.result));
      const item = await harness.workItem(work.id);
      expect(item.pages).toBe(2);
      expect(item.status).toBe('received');
      await harness.call('closeConnection', { ticket });
    });

    it('starts the iterator again in the next session when the session died mid-way', async () => {
      const company = await harness.seedCompany({
        userName: 'iter-dead',
        password: 'iter-password-2',
      });
      await harness.seedWork(company.id, {
        kind: 'import',
        entity: 'customers',
        mode: 'full',
        priority: 50,
      });
      const ticket = await login('iter-dead', 'iter-password-2');
      const start = String((await firstCall(ticket)).result);
      const requestId = /requestID="([^"]+)"/.exec(start)?.[1] ?? '';
      await harness.call('receiveResponseXML', {
        ticket,
        response: `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><CustomerQueryRs requestID="${requestId}" statusCode="0" statusSeverity="Info" statusMessage="Status OK" iteratorRemainingCount="4" iteratorID="{OLD}"></CustomerQueryRs></QBXMLMsgsRs></QBXML>`,
        hresult: '',
        message: '',
      });
      // Web Connector dies here; its lock expires; a new session starts.
      await harness.expireSession(company.id);
      const next = await login('iter-dead', 'iter-password-2');
      const again = String((await firstCall(next)).result);
      expect(again).toContain('iterator="Start"');
      expect(again).not.toContain('{OLD}');
      await harness.call('closeConnection', { ticket: next });
    });
  });

  describe('case 022: an answer lost after QuickBooks saved the invoice', () => {
    it('asks QuickBooks first in the next session instead of adding it again', async () => {
      const company = await harness.seedCompany({
        userName: 'teapot-sync',
        password: 'example-pass-teapot',
      });
      const exportRow = await harness.db.dataSource.getRepository(ExportEntity).save({
        companyId: company.id,
        taskId: 'T-22',
        taskNumber: 'FS-10442',
        documentKind: 'invoice',
        snapshot: {
          taskId: 'T-22',
          taskNumber: 'FS-10442',
          stage: 700,
          clientId: 'c',
          items: [],
        },
        externalGuid: '3f2504e0-4f89-11d3-9a0c-0305e82c3302',
        status: 'ready',
      });
      await harness.seedWork(company.id, {
        kind: 'document',
        priority: 30,
        exportId: exportRow.id,
        params: { requests: [invoice('FS-10442')], lookup: lookupFor('FS-10442') },
      });
      const ticket = await login('teapot-sync', 'example-pass-teapot');
      expect(String((await firstCall(ticket)).result)).toContain('<InvoiceAddRq');
      expect(
        (
          await harness.db.dataSource
            .getRepository(ExportEntity)
            .findOneByOrFail({ id: exportRow.id })
        ).status,
      ).toBe('sent');

      await harness.expireSession(company.id);
      const next = await login('teapot-sync', 'example-pass-teapot');
      const request = String((await firstCall(next)).result);
      expect(request).toContain('<InvoiceQueryRq');
      expect(request).toContain('<RefNumber>FS-10442</RefNumber>');
      expect(request).not.toContain('<InvoiceAddRq');
      expect(
        (
          await harness.db.dataSource
            .getRepository(ExportEntity)
            .findOneByOrFail({ id: exportRow.id })
        ).status,
      ).toBe('unknown');
      await harness.call('closeConnection', { ticket: next });
    });
  });
});
