import { rq, single } from '../testing/qbxml-test-kit';
import { smallCompany } from '../testing/companies';
import {
  defaults,
  QWC,
  ScriptedGateway,
  type GatewayScript,
  type ReceivedCall,
} from '../testing/scripted-gateway';
import { parseXml } from '../xml/xml-tree';
import { callSequence } from './session-report';
import { WebConnector, type WebConnectorOptions } from './web-connector';

const customerPage = (iterator: string, extra = '') =>
  rq(
    `<CustomerQueryRq requestID="c" iterator="${iterator}"${extra}><MaxReturned>2</MaxReturned><ActiveStatus>All</ActiveStatus></CustomerQueryRq>`,
  );
const invoice = (ref: string) =>
  rq(
    `<InvoiceAddRq requestID="i"><InvoiceAdd><CustomerRef><FullName>Harbor Line Electric</FullName></CustomerRef><RefNumber>${ref}</RefNumber><InvoiceLineAdd><ItemRef><FullName>Panel inspection</FullName></ItemRef><Quantity>2</Quantity></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>`,
  );

describe('WebConnector against a scripted gateway', () => {
  let gateway: ScriptedGateway | undefined;
  let connector: WebConnector | undefined;

  afterEach(async () => {
    connector?.close();
    await gateway?.stop();
  });

  async function play(script: GatewayScript, options: Partial<WebConnectorOptions> = {}) {
    gateway = new ScriptedGateway(script);
    const url = await gateway.start();
    const company = options.company ?? smallCompany();
    connector = new WebConnector({
      qwc: QWC,
      password: 'secret-1',
      company,
      gatewayUrl: url,
      noOpPauseMs: 10,
      ...options,
    });
    const report = await connector.runSession();
    return { report, gateway, company };
  }

  it.each([
    ['none', 'nothing-to-do'],
    ['NONE', 'nothing-to-do'],
    ['nvu', 'invalid-user'],
    ['busy', 'busy'],
  ])(
    'authenticate answering "%s" ends the update (%s) with closeConnection',
    async (code, outcome) => {
      const { report, gateway } = await play((call) =>
        call.op === 'authenticate' ? ['t-1', code, '900', '1800'] : defaults(call),
      );

      expect(gateway.ops()).toEqual([
        'serverVersion',
        'clientVersion',
        'authenticate',
        'closeConnection',
      ]);
      expect(report.outcome).toBe(outcome);
      expect(report.postponeSeconds).toBe(900);
      expect(report.minRunEverySeconds).toBe(1800);
      expect(gateway.calls[2].params).toEqual({
        strUserName: 'harbor-sync',
        strPassword: 'secret-1',
      });
      expect(gateway.calls[3].params).toEqual({ ticket: 't-1' });
    },
  );

  it('sends the headers and envelopes of the .NET client', async () => {
    const { gateway } = await play(defaults);
    const auth = gateway.calls.find((c) => c.op === 'authenticate')!;

    for (const call of gateway.calls) {
      expect(call.headers['content-type']).toBe('text/xml; charset=utf-8');
      expect(call.headers['soapaction']).toBe(`"http://developer.intuit.com/${call.op}"`);
      expect(call.headers['user-agent']).toContain('MS Web Services Client Protocol');
      expect(call.headers['expect']).toBe('100-continue');
      expect(
        call.body.startsWith(
          '<?xml version="1.0" encoding="utf-8"?>\n<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"',
        ),
      ).toBe(true);
    }
    const op = parseXml(auth.body, { namespaces: true }).root.children[0].children[0];
    expect(op.uri).toBe('http://developer.intuit.com/');
    expect(op.children.map((c) => [c.name, c.uri])).toEqual([
      ['strUserName', 'http://developer.intuit.com/'],
      ['strPassword', 'http://developer.intuit.com/'],
    ]);
    expect(gateway.calls[1].params).toEqual({ strVersion: '2.3.0.215' });
  });

  it('plays a whole update: HCP first, iterator pages and an invoice, then closeConnection', async () => {
    const requests = [customerPage('Start'), '', invoice('FS-10231')];
    const { report, gateway, company } = await play((call, calls) => {
      if (call.op === 'sendRequestXML') {
        const n = calls.filter((c) => c.op === 'sendRequestXML').length;
        if (n === 2) {
          const first = calls.filter((c) => c.op === 'receiveResponseXML')[0].params[
            'response'
          ];
          return customerPage(
            'Continue',
            ` iteratorID="${single(first).attrs['iteratorID']}"`,
          );
        }
        return requests[n - 1];
      }
      if (call.op === 'receiveResponseXML')
        return [33, 66, 100][
          calls.filter((c) => c.op === 'receiveResponseXML').length - 1
        ];
      return defaults(call);
    });
    const sends = gateway.calls.filter((c) => c.op === 'sendRequestXML');
    const receives = gateway.calls.filter((c) => c.op === 'receiveResponseXML');

    expect(gateway.ops()).toEqual([
      'serverVersion',
      'clientVersion',
      'authenticate',
      'sendRequestXML',
      'receiveResponseXML',
      'sendRequestXML',
      'receiveResponseXML',
      'sendRequestXML',
      'receiveResponseXML',
      'closeConnection',
    ]);
    expect(report.outcome).toBe('completed');
    expect(report.percents).toEqual([33, 66, 100]);
    expect(sends[0].params['strHCPResponse']).toContain('<HostQueryRs requestID="0"');
    expect(sends.slice(1).map((s) => s.params['strHCPResponse'])).toEqual(['', '']);
    expect(sends[0].params).toMatchObject({
      qbXMLCountry: 'US',
      qbXMLMajorVers: '13',
      qbXMLMinorVers: '0',
      ticket: 'ticket-1',
    });
    expect(sends[0].params['strCompanyFileName']).toBe(company.settings.filePath);
    expect(single(receives[0].params['response']).attrs['iteratorRemainingCount']).toBe(
      '3',
    );
    expect(single(receives[1].params['response']).attrs['iteratorRemainingCount']).toBe(
      '1',
    );
    expect(receives.map((r) => r.params['hresult'])).toEqual(['', '', '']);
    expect(company.data.findTxnByRefNumber('Invoice', 'FS-10231')).toHaveLength(1);
    expect(report.closeMessage).toBe('OK');
  });

  it('hands QuickBooks’ parse error to the gateway as an empty response with hresult and message', async () => {
    const { report, gateway } = await play((call) =>
      call.op === 'sendRequestXML'
        ? rq(
            '<CustomerQueryRq><ActiveStatus>All</ActiveStatus><MaxReturned>1</MaxReturned></CustomerQueryRq>',
          )
        : defaults(call),
    );
    const receive = gateway.calls.find((c) => c.op === 'receiveResponseXML')!;

    expect(receive.params).toEqual({
      ticket: 'ticket-1',
      response: '',
      hresult: '0x80040400',
      message: 'QuickBooks found an error when parsing the provided XML text stream.',
    });
    expect(report.exchanges[0].hresult).toBe('0x80040400');
  });

  it('calls getLastError after a negative percentage, then closeConnection', async () => {
    const { report, gateway } = await play((call) => {
      if (call.op === 'sendRequestXML') return rq('<ClassQueryRq/>');
      if (call.op === 'receiveResponseXML') return -101;
      if (call.op === 'getLastError') return 'Tenant disabled';
      return defaults(call);
    });

    expect(gateway.ops().slice(3)).toEqual([
      'sendRequestXML',
      'receiveResponseXML',
      'getLastError',
      'closeConnection',
    ]);
    expect(report.outcome).toBe('error-reported');
    expect(report.lastError).toBe('Tenant disabled');
  });

  it('calls getLastError when sendRequestXML is empty, and waits and asks again on NoOp', async () => {
    const { report, gateway } = await play((call, calls) => {
      if (call.op === 'getLastError')
        return calls.filter((c) => c.op === 'getLastError').length === 1
          ? 'NoOp'
          : 'Nothing left';
      return defaults(call);
    });

    expect(gateway.ops().slice(3)).toEqual([
      'sendRequestXML',
      'getLastError',
      'sendRequestXML',
      'getLastError',
      'closeConnection',
    ]);
    expect(report.outcome).toBe('ended-by-server');
    expect(report.lastError).toBe('Nothing left');
  });

  it('reports "could not start QuickBooks" through connectionError and stops on "done"', async () => {
    const company = smallCompany();
    company.faults.couldNotStart = 1;
    const { report, gateway } = await play(defaults, { company });

    expect(gateway.ops()).toEqual([
      'serverVersion',
      'clientVersion',
      'authenticate',
      'connectionError',
      'closeConnection',
    ]);
    expect(gateway.calls[3].params).toEqual({
      ticket: 'ticket-1',
      hresult: '0x80040408',
      message: 'Could not start QuickBooks.',
    });
    expect(report.outcome).toBe('connection-error');
    expect(company.faults.couldNotStart).toBe(0);
  });

  it('retries with the path connectionError names, a couple of times at most', async () => {
    const company = smallCompany();
    company.faults.couldNotStart = true;
    const { gateway } = await play(
      (call) => (call.op === 'connectionError' ? 'C:\\other.qbw' : defaults(call)),
      { company },
    );

    expect(gateway.ops().filter((op) => op === 'connectionError')).toHaveLength(3);
    expect(gateway.ops().at(-1)).toBe('closeConnection');
  });

  it('cannot open a company file other than the one on this PC', async () => {
    const { report, gateway } = await play((call) =>
      call.op === 'authenticate'
        ? ['t', 'C:\\Company Files\\someone-else.qbw']
        : defaults(call),
    );

    expect(gateway.ops()).toContain('connectionError');
    expect(report.warnings.join(' ')).toContain('someone-else.qbw');
  });

  it.each([
    ['E:Please upgrade', 'client-version-refused', ['serverVersion', 'clientVersion']],
    ['O:2.1.0.30', 'client-version-refused', ['serverVersion', 'clientVersion']],
    ['W:Old version', 'completed', ['serverVersion', 'clientVersion', 'authenticate']],
  ])('handles clientVersion "%s"', async (reply, outcome, first) => {
    const { report, gateway } = await play((call) =>
      call.op === 'clientVersion' ? reply : defaults(call),
    );

    expect(report.outcome).toBe(outcome === 'completed' ? 'ended-by-server' : outcome);
    expect(gateway.ops().slice(0, first.length)).toEqual(first);
  });

  it('fails like .NET on an HTML page (QBWC1012 on authenticate)', async () => {
    const { report } = await play((call) =>
      call.op === 'authenticate'
        ? {
            raw: {
              status: 404,
              contentType: 'text/html',
              body: '<html>Not found</html>',
            },
          }
        : defaults(call),
    );

    expect(report.outcome).toBe('call-failed');
    expect(report.error).toBe(
      "QBWC1012: authenticate() failed: Client found response content type of 'text/html', but expected 'text/xml'.",
    );
  });

  it('reads an unqualified result as missing, like the .NET client', async () => {
    const { report, gateway } = await play((call) =>
      call.op === 'sendRequestXML'
        ? {
            raw: {
              status: 200,
              contentType: 'text/xml',
              body: '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ns1:sendRequestXMLResponse xmlns:ns1="http://developer.intuit.com/"><sendRequestXMLResult>x</sendRequestXMLResult></ns1:sendRequestXMLResponse></soap:Body></soap:Envelope>',
            },
          }
        : defaults(call),
    );

    expect(gateway.ops().slice(3, 5)).toEqual(['sendRequestXML', 'getLastError']);
    expect(report.warnings.join(' ')).toContain(
      'sendRequestXMLResult is not in http://developer.intuit.com/',
    );
    expect(report.calls.find((c) => c.operation === 'sendRequestXML')?.result).toBeNull();
  });

  it('gives up on a call after the timeout', async () => {
    const { report } = await play(
      (call) =>
        call.op === 'authenticate'
          ? { delayMs: 400, then: ['t', 'none'] }
          : defaults(call),
      {
        timeoutMs: 150,
      },
    );

    expect(report.outcome).toBe('call-failed');
    expect(report.error).toContain('The operation has timed out');
  });

  it('loses the answer of a saved invoice; the next session finds the invoice by RefNumber', async () => {
    const company = smallCompany();
    company.faults.loseResponseAfterSave = {
      match: { request: 'InvoiceAddRq' },
      times: 1,
    };
    const lookups: string[] = [];
    const script: GatewayScript = (call: ReceivedCall, calls) => {
      if (call.op !== 'sendRequestXML' && call.op !== 'receiveResponseXML')
        return defaults(call);
      if (call.op === 'receiveResponseXML') {
        lookups.push(call.params['response']);
        return 100;
      }
      const sessionIndex = calls.filter((c) => c.op === 'authenticate').length;
      return sessionIndex === 1
        ? invoice('FS-10442')
        : rq('<InvoiceQueryRq><RefNumber>FS-10442</RefNumber></InvoiceQueryRq>');
    };
    const first = await play(script, { company });
    const second = await connector!.runSession();

    expect(first.report.outcome).toBe('network-error');
    expect(callSequence(first.report).slice(3)).toEqual(['sendRequestXML']);
    expect(second.outcome).toBe('completed');
    expect(single(lookups[0]).children).toHaveLength(1);
    expect(company.data.findTxnByRefNumber('Invoice', 'FS-10442')).toHaveLength(1);
  });

  it('stops mid-iterator; continuing that iterator in the next session gets 3391', async () => {
    const company = smallCompany();
    company.faults.closeSessionMidIterator = { afterPages: 1, times: 1 };
    let iteratorId = '';
    const answers: string[] = [];
    const script: GatewayScript = (call) => {
      if (call.op === 'sendRequestXML') {
        return iteratorId
          ? customerPage('Continue', ` iteratorID="${iteratorId}"`)
          : customerPage('Start');
      }
      if (call.op === 'receiveResponseXML') {
        answers.push(call.params['response']);
        iteratorId ||= single(call.params['response']).attrs['iteratorID'];
        return 50;
      }
      return defaults(call);
    };
    const first = await play(script, { company, maxRequests: 1 });
    const second = await connector!.runSession();

    expect(first.report.outcome).toBe('aborted');
    expect(callSequence(first.report).at(-1)).toBe('receiveResponseXML');
    expect(single(answers[1]).attrs['statusCode']).toBe('3391');
    expect(second.exchanges[0].response).toContain(
      `The iteratorID &quot;${iteratorId}&quot; is not valid.`,
    );
  });

  it('reopens QuickBooks mid-iterator in the same update; the next Continue gets 3391', async () => {
    const company = smallCompany();
    company.faults.closeSessionMidIterator = { afterPages: 1, mode: 'reopen', times: 1 };
    let iteratorId = '';
    const answers: string[] = [];
    const { report } = await play(
      (call) => {
        if (call.op === 'sendRequestXML') {
          return iteratorId
            ? customerPage('Continue', ` iteratorID="${iteratorId}"`)
            : customerPage('Start');
        }
        if (call.op === 'receiveResponseXML') {
          answers.push(call.params['response']);
          iteratorId ||= single(call.params['response']).attrs['iteratorID'];
          return answers.length < 2 ? 50 : 100;
        }
        return defaults(call);
      },
      { company },
    );

    expect(report.outcome).toBe('completed');
    expect(single(answers[1]).attrs['statusCode']).toBe('3391');
    expect(report.warnings.join(' ')).toContain('new one was opened');
  });

  it('never calls hosts other than this machine unless allowed', async () => {
    connector = new WebConnector({ qwc: QWC, password: 'p', company: smallCompany() });

    const report = await connector.runSession();

    expect(report.outcome).toBe('call-failed');
    expect(report.error).toContain('only this machine is allowed');
  });
});
