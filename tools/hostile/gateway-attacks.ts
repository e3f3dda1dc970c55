// Hostile input against the Web Connector endpoint: XML tricks, broken transport, forged
// and borrowed tickets, calls out of order, password guessing.
import { randomUUID } from 'node:crypto';
import { send, sendTruncated, stallUpload } from './http';
import {
  isRefusedLogin,
  soapFault,
  soapResult,
  transportRefusal,
  type Attempt,
} from './attempt';
import {
  SOAP_HEADERS,
  call,
  envelope,
  firstCallParams,
  invoiceAddAnswer,
  post,
  requestIdOf,
  resultOf,
} from './soap';
import type { Stage } from './stage';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const wrap = (inner: string, prolog = '<?xml version="1.0" encoding="utf-8"?>') =>
  `${prolog}<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body>${inner}</soap:Body></soap:Envelope>`;

const MB = 1024 * 1024;

function billionLaughs(): string {
  const levels = ['<!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i += 1)
    levels.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?><!DOCTYPE lolz [${levels.join('')}]>`;
}

const isEmpty = (result: string | string[] | undefined) => result === '';
const isMinusOne = (result: string | string[] | undefined) => result === '-1';

/** An unknown or dead ticket on every ticketed operation gets the protocol's refusal. */
function deadTicketAttempts(name: string, ticketOf: (stage: Stage) => string): Attempt[] {
  return [
    {
      target: 'gateway',
      name: `${name}: sendRequestXML`,
      expected: '200, empty request',
      run: async (stage) =>
        soapResult(
          await call(
            stage.gatewayUrl,
            'sendRequestXML',
            firstCallParams(ticketOf(stage)),
          ),
          'sendRequestXML',
          isEmpty,
        ),
    },
    {
      target: 'gateway',
      name: `${name}: receiveResponseXML`,
      expected: '200, -1',
      run: async (stage) =>
        soapResult(
          await call(stage.gatewayUrl, 'receiveResponseXML', {
            ticket: ticketOf(stage),
            response: invoiceAddAnswer(
              stage.companies.bravo.pendingRequestId,
              'BR-1',
              'FORGED-1',
            ),
            hresult: '',
            message: '',
          }),
          'receiveResponseXML',
          isMinusOne,
        ),
    },
  ];
}

export const XML_ATTACKS: Attempt[] = [
  {
    target: 'gateway',
    name: 'DTD with an internal entity',
    expected: '500 Client fault',
    run: async (stage) =>
      soapFault(
        await post(
          stage.gatewayUrl,
          wrap(
            '<serverVersion xmlns="http://developer.intuit.com/"/>',
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>',
          ),
        ),
      ),
  },
  {
    target: 'gateway',
    name: 'external entity (file:///etc/passwd)',
    expected: '500 Client fault',
    run: async (stage) =>
      soapFault(
        await post(
          stage.gatewayUrl,
          wrap(
            '<authenticate xmlns="http://developer.intuit.com/"><strUserName>&xxe;</strUserName><strPassword>x</strPassword></authenticate>',
            '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
          ),
        ),
      ),
  },
  {
    target: 'gateway',
    name: 'external DTD (SYSTEM http://127.0.0.1:9/x.dtd)',
    expected: '500 Client fault',
    run: async (stage) =>
      soapFault(
        await post(
          stage.gatewayUrl,
          wrap(
            '<serverVersion xmlns="http://developer.intuit.com/"/>',
            '<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://127.0.0.1:9/x.dtd">',
          ),
        ),
      ),
  },
  {
    target: 'gateway',
    name: 'billion laughs',
    expected: '500 Client fault',
    run: async (stage) =>
      soapFault(
        await post(
          stage.gatewayUrl,
          wrap(
            '<authenticate xmlns="http://developer.intuit.com/"><strUserName>&lol9;</strUserName></authenticate>',
            billionLaughs(),
          ),
        ),
      ),
  },
  {
    target: 'gateway',
    name: 'undeclared entity reference',
    expected: '500 Client fault',
    run: async (stage) =>
      soapFault(
        await post(
          stage.gatewayUrl,
          wrap(
            '<authenticate xmlns="http://developer.intuit.com/"><strUserName>&xxe;</strUserName></authenticate>',
          ),
        ),
      ),
  },
  {
    target: 'gateway',
    name: 'XInclude of a local file in a parameter',
    expected: '200 nvu (nothing included)',
    run: async (stage) =>
      soapResult(
        await post(
          stage.gatewayUrl,
          wrap(
            '<authenticate xmlns="http://developer.intuit.com/"><strUserName><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/></strUserName><strPassword>x</strPassword></authenticate>',
          ),
        ),
        'authenticate',
        isRefusedLogin,
      ),
  },
  {
    target: 'gateway',
    name: 'nesting 10,000 deep',
    expected: '500 Client fault',
    run: async (stage) =>
      soapFault(
        await post(
          stage.gatewayUrl,
          wrap(`${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`),
        ),
      ),
  },
  {
    target: 'gateway',
    name: '200,000 sibling elements',
    expected: '500 Client fault',
    run: async (stage) =>
      soapFault(
        await post(
          stage.gatewayUrl,
          wrap(
            `<authenticate xmlns="http://developer.intuit.com/">${'<x/>'.repeat(200_000)}</authenticate>`,
          ),
        ),
      ),
  },
  {
    target: 'gateway',
    name: '1,000,000 attributes on one element',
    expected: '500 Client fault or nvu',
    run: async (stage) => {
      const attributes = Array.from({ length: 1_000_000 }, (_, i) => `a${i}="1"`).join(
        ' ',
      );
      const answer = await post(
        stage.gatewayUrl,
        wrap(
          `<authenticate xmlns="http://developer.intuit.com/" ${attributes}><strUserName>u</strUserName></authenticate>`,
        ),
      );
      return answer.status === 200
        ? soapResult(answer, 'authenticate', isRefusedLogin)
        : soapFault(answer);
    },
  },
  {
    target: 'gateway',
    name: 'character reference out of range (&#x110000;)',
    expected: '500 Client fault',
    run: async (stage) =>
      soapFault(
        await post(
          stage.gatewayUrl,
          wrap(
            '<authenticate xmlns="http://developer.intuit.com/"><strUserName>&#x110000;</strUserName></authenticate>',
          ),
        ),
      ),
  },
  {
    target: 'gateway',
    name: 'raw NUL in a user name ("ad\\0min")',
    expected: '500 Client fault',
    run: async (stage) =>
      soapFault(
        await post(
          stage.gatewayUrl,
          wrap(
            '<authenticate xmlns="http://developer.intuit.com/"><strUserName>ad\u0000min</strUserName><strPassword>x</strPassword></authenticate>',
          ),
        ),
        500,
        /NUL/,
      ),
  },
  {
    target: 'gateway',
    name: 'character reference to a surrogate half (&#xD800;)',
    expected: '500 Client fault',
    run: async (stage) =>
      soapFault(
        await post(
          stage.gatewayUrl,
          wrap(
            '<authenticate xmlns="http://developer.intuit.com/"><strUserName>&#xD800;</strUserName></authenticate>',
          ),
        ),
      ),
  },
  {
    target: 'gateway',
    name: 'control character reference (&#1;) in a user name',
    expected: '200 nvu (tolerated, then refused)',
    run: async (stage) =>
      soapResult(
        await post(
          stage.gatewayUrl,
          wrap(
            '<authenticate xmlns="http://developer.intuit.com/"><strUserName>a&#1;b</strUserName><strPassword>x</strPassword></authenticate>',
          ),
        ),
        'authenticate',
        isRefusedLogin,
      ),
  },
];

export const TRANSPORT_ATTACKS: Attempt[] = [
  {
    target: 'gateway',
    name: '100 MB body (Content-Length)',
    expected: '413 fault or closed',
    run: async (stage) => {
      const answer = await send({
        url: stage.gatewayUrl,
        headers: SOAP_HEADERS,
        stream: { bytes: 100 * MB, fill: Buffer.alloc(MB, 'a') },
      });
      return answer.status === 0 ? transportRefusal(answer, [0]) : soapFault(answer, 413);
    },
  },
  {
    target: 'gateway',
    name: '100 MB body (chunked, no length)',
    expected: '413 fault or closed',
    run: async (stage) => {
      const head = Buffer.from(
        envelope('receiveResponseXML', {}, '<ticket>x</ticket><response>'),
      );
      const answer = await send({
        url: stage.gatewayUrl,
        headers: SOAP_HEADERS,
        stream: { bytes: 100 * MB, fill: Buffer.alloc(MB, 'a'), chunked: true, head },
      });
      return answer.status === 0 ? transportRefusal(answer, [0]) : soapFault(answer, 413);
    },
  },
  {
    target: 'gateway',
    name: '60 MB response under a forged ticket',
    expected: '200, -1',
    run: async (stage) => {
      const body = envelope(
        'receiveResponseXML',
        {},
        `<ticket>${randomUUID()}</ticket><response>${'&lt;x/&gt;'.repeat(6 * MB)}</response><hresult/><message/>`,
      );
      return soapResult(
        await post(stage.gatewayUrl, body),
        'receiveResponseXML',
        isMinusOne,
      );
    },
  },
  {
    target: 'gateway',
    name: 'four 60 MB responses at once, forged tickets',
    expected: '200, -1 each',
    run: async (stage) => {
      const body = envelope(
        'receiveResponseXML',
        {},
        `<ticket>${randomUUID()}</ticket><response>${'&lt;x/&gt;'.repeat(6 * MB)}</response>`,
      );
      const answers = await Promise.all(
        [0, 1, 2, 3].map(() => post(stage.gatewayUrl, body)),
      );
      const verdicts = answers.map((answer) =>
        soapResult(answer, 'receiveResponseXML', isMinusOne),
      );
      return {
        ok: verdicts.every((verdict) => verdict.ok),
        got: verdicts
          .map((verdict) => verdict.got)
          .join('; ')
          .slice(0, 80),
      };
    },
  },
  {
    target: 'gateway',
    name: 'stalled 63 MB upload, then a 2.5 MB answer',
    expected: 'stalled one cut; answer -1 within 45 s',
    run: async (stage) => {
      const stalled = stallUpload(stage.gatewayUrl, 63 * MB, 1024);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const body = envelope(
        'receiveResponseXML',
        {},
        `<ticket>${randomUUID()}</ticket><response>${'&lt;x/&gt;'.repeat(250_000)}</response>`,
      );
      const answer = await send({
        url: stage.gatewayUrl,
        body,
        headers: SOAP_HEADERS,
        timeoutMs: 90_000,
      });
      const cut = await Promise.race([
        stalled.closedByServer,
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1000)),
      ]);
      stalled.close();
      const verdict = soapResult(answer, 'receiveResponseXML', isMinusOne);
      return {
        ok: verdict.ok && cut && answer.ms < 45_000,
        got: `${verdict.got} after ${(answer.ms / 1000).toFixed(0)} s; stalled ${cut ? 'cut' : 'NOT cut'}`,
      };
    },
  },
  {
    target: 'gateway',
    name: 'truncated XML',
    expected: '500 Client fault',
    run: async (stage) =>
      soapFault(await post(stage.gatewayUrl, envelope('serverVersion').slice(0, 150))),
  },
  {
    target: 'gateway',
    name: 'truncated body (connection dropped mid-upload)',
    expected: 'no crash; nothing answered or a fault',
    run: async (stage) => {
      const body = Buffer.from(
        envelope('authenticate', { strUserName: 'x', strPassword: 'y' }),
      );
      const answer = await sendTruncated(
        stage.gatewayUrl,
        SOAP_HEADERS,
        body.subarray(0, 80),
        body.length,
      );
      return answer.status === 0
        ? transportRefusal(answer, [0])
        : soapFault(answer, answer.status);
    },
  },
  {
    target: 'gateway',
    name: 'invalid UTF-8',
    expected: '500 Client fault',
    run: async (stage) => {
      const body = Buffer.concat([
        Buffer.from(envelope('authenticate', { strUserName: 'u' }).slice(0, 200)),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
      ]);
      return soapFault(await post(stage.gatewayUrl, body), 500, /not valid utf-8/);
    },
  },
  {
    target: 'gateway',
    name: 'overlong UTF-8 encoding of "<"',
    expected: '500 Client fault',
    run: async (stage) =>
      soapFault(
        await post(
          stage.gatewayUrl,
          Buffer.concat([
            Buffer.from([0xc0, 0xbc]),
            Buffer.from(envelope('serverVersion')),
          ]),
        ),
        500,
        /not valid utf-8/,
      ),
  },
  {
    target: 'gateway',
    name: 'unknown charset',
    expected: '500 Client fault',
    run: async (stage) =>
      soapFault(
        await post(stage.gatewayUrl, envelope('serverVersion'), {
          'content-type': 'text/xml; charset=x-klingon',
        }),
      ),
  },
  {
    target: 'gateway',
    name: 'not XML at all',
    expected: '500 Client fault',
    run: async (stage) =>
      soapFault(await post(stage.gatewayUrl, 'hello, is this QuickBooks?')),
  },
  {
    target: 'gateway',
    name: 'empty body',
    expected: '500 Client fault',
    run: async (stage) => soapFault(await post(stage.gatewayUrl, '')),
  },
  {
    target: 'gateway',
    name: 'JSON body',
    expected: '500 Client fault',
    run: async (stage) =>
      soapFault(
        await post(stage.gatewayUrl, '{"operation":"authenticate"}', {
          'content-type': 'application/json',
        }),
      ),
  },
  {
    target: 'gateway',
    name: 'two operations in one Body',
    expected: '500 Client fault',
    run: async (stage) =>
      soapFault(
        await post(
          stage.gatewayUrl,
          wrap(
            '<serverVersion xmlns="http://developer.intuit.com/"/><closeConnection xmlns="http://developer.intuit.com/"/>',
          ),
        ),
      ),
  },
  {
    target: 'gateway',
    name: 'mismatched closing tags',
    expected: '500 Client fault',
    run: async (stage) =>
      soapFault(
        await post(
          stage.gatewayUrl,
          wrap('<serverVersion xmlns="http://developer.intuit.com/"></clientVersion>'),
        ),
      ),
  },
  {
    target: 'gateway',
    name: 'text outside the envelope',
    expected: '500 Client fault',
    run: async (stage) =>
      soapFault(await post(stage.gatewayUrl, `${envelope('serverVersion')}trailing`)),
  },
  {
    target: 'gateway',
    name: 'unknown operation',
    expected: '500 Client fault',
    run: async (stage) =>
      soapFault(
        await post(
          stage.gatewayUrl,
          wrap('<dropAllCompanies xmlns="http://developer.intuit.com/"/>'),
        ),
        500,
        /Unknown operation/,
      ),
  },
  {
    target: 'gateway',
    name: 'known operation, foreign namespace',
    expected: '500 Client fault',
    run: async (stage) =>
      soapFault(
        await post(
          stage.gatewayUrl,
          wrap('<serverVersion xmlns="http://evil.example/"/>'),
        ),
        500,
        /Unknown operation/,
      ),
  },
  {
    target: 'gateway',
    name: 'Body without an operation',
    expected: '500 Client fault',
    run: async (stage) => soapFault(await post(stage.gatewayUrl, wrap(''))),
  },
  {
    target: 'gateway',
    name: 'SOAP 1.2 envelope as text/xml',
    expected: '500 VersionMismatch',
    run: async (stage) =>
      soapFault(
        await post(
          stage.gatewayUrl,
          '<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><serverVersion xmlns="http://developer.intuit.com/"/></soap:Body></soap:Envelope>',
        ),
        500,
        /SOAP 1\.1/,
      ),
  },
  {
    target: 'gateway',
    name: 'SOAP 1.2 (application/soap+xml)',
    expected: '500 VersionMismatch',
    run: async (stage) =>
      soapFault(
        await post(
          stage.gatewayUrl,
          '<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><serverVersion xmlns="http://developer.intuit.com/"/></soap:Body></soap:Envelope>',
          { 'content-type': 'application/soap+xml; charset=utf-8' },
        ),
        500,
        /SOAP 1\.1/,
      ),
  },
  {
    target: 'gateway',
    name: 'PUT on the SOAP endpoint',
    expected: '404/405, no trace',
    run: async (stage) =>
      transportRefusal(
        await send({
          url: stage.gatewayUrl,
          method: 'PUT',
          body: envelope('serverVersion'),
          headers: SOAP_HEADERS,
        }),
        [404, 405],
      ),
  },
  {
    target: 'gateway',
    name: 'Bull Board without credentials',
    expected: '401',
    run: async (stage) =>
      transportRefusal(
        await send({ url: `${stage.gatewayBase}/admin/queues`, method: 'GET' }),
        [401],
      ),
  },
  {
    target: 'gateway',
    name: 'Bull Board with wrong credentials',
    expected: '401',
    run: async (stage) =>
      transportRefusal(
        await send({
          url: `${stage.gatewayBase}/admin/queues/api/queues`,
          method: 'GET',
          headers: {
            authorization: `Basic ${Buffer.from('admin:guess').toString('base64')}`,
          },
        }),
        [401],
      ),
  },
];

export const TICKET_ATTACKS: Attempt[] = [
  ...deadTicketAttempts('unknown ticket', () => randomUUID()),
  ...deadTicketAttempts("forged ticket (bravo's, one digit changed)", (stage) => {
    const ticket = stage.companies.bravo.ticket;
    return ticket.slice(0, -1) + (ticket.endsWith('0') ? '1' : '0');
  }),
  ...deadTicketAttempts(
    'ticket of a closed session',
    (stage) => stage.companies.delta.ticket,
  ),
  ...deadTicketAttempts('SQL in the ticket', () => "' OR '1'='1' --"),
  ...deadTicketAttempts('1 MB ticket', () => 'f'.repeat(MB)),
  ...deadTicketAttempts("bravo's ticket upper-cased", (stage) =>
    stage.companies.bravo.ticket.toUpperCase(),
  ),
  {
    target: 'gateway',
    name: "alpha's ticket delivers an answer to bravo's request",
    expected: 'ignored: nothing recorded for anyone',
    run: async (stage) =>
      soapResult(
        await call(stage.gatewayUrl, 'receiveResponseXML', {
          ticket: stage.companies.alpha.ticket,
          response: invoiceAddAnswer(
            stage.companies.bravo.pendingRequestId,
            'BR-1',
            'STOLEN-1',
          ),
          hresult: '',
          message: '',
        }),
        'receiveResponseXML',
        (result) => result !== undefined && Number(result) < 100,
      ),
  },
  {
    target: 'gateway',
    name: "alpha's ticket delivers an answer naming no request",
    expected: 'ignored: nothing recorded',
    run: async (stage) =>
      soapResult(
        await call(stage.gatewayUrl, 'receiveResponseXML', {
          ticket: stage.companies.alpha.ticket,
          response:
            '<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><InvoiceAddRs statusCode="0" statusSeverity="Info" statusMessage="Status OK"><InvoiceRet><TxnID>NOID-1</TxnID><RefNumber>BR-2</RefNumber></InvoiceRet></InvoiceAddRs></QBXMLMsgsRs></QBXML>',
          hresult: '',
          message: '',
        }),
        'receiveResponseXML',
        (result) => result !== undefined && Number(result) < 100,
      ),
  },
  {
    target: 'gateway',
    name: "alpha's ticket asks for work naming bravo's file",
    expected: "200, nothing of bravo's",
    run: async (stage) =>
      soapResult(
        await call(stage.gatewayUrl, 'sendRequestXML', {
          ...firstCallParams(stage.companies.alpha.ticket),
          strCompanyFileName: 'C:\\Bravo.qbw',
        }),
        'sendRequestXML',
        (result) => typeof result === 'string' && !result.includes('BR-'),
      ),
    // Alpha's own session may take alpha's own next item; alpha has none left.
    mayChange: (stage) => [stage.companies.alpha.id],
  },
  {
    target: 'gateway',
    name: "alpha's getLastError says nothing of bravo",
    expected: '200, no bravo data',
    run: async (stage) =>
      soapResult(
        await call(stage.gatewayUrl, 'getLastError', {
          ticket: stage.companies.alpha.ticket,
        }),
        'getLastError',
        (result) => typeof result === 'string' && !result.includes('BR-'),
      ),
  },
  {
    target: 'gateway',
    name: "alpha's ticket answers with bravo's pending id (hresult set)",
    expected: 'ignored: nothing recorded',
    run: async (stage) =>
      soapResult(
        await call(stage.gatewayUrl, 'receiveResponseXML', {
          ticket: stage.companies.alpha.ticket,
          response: invoiceAddAnswer(
            stage.companies.bravo.pendingRequestId,
            'BR-1',
            'STOLEN-2',
          ),
          hresult: '0x80040400',
          message: 'QuickBooks found an error when parsing the provided XML text stream.',
        }),
        'receiveResponseXML',
        (result) => result !== undefined && Number(result) < 100,
      ),
  },
];

export const ORDER_ATTACKS: Attempt[] = [
  {
    target: 'gateway',
    name: 'receiveResponseXML before any sendRequestXML',
    expected: 'ignored, nothing recorded',
    run: async (stage) =>
      soapResult(
        await call(stage.gatewayUrl, 'receiveResponseXML', {
          ticket: stage.companies.charlie.ticket,
          response: invoiceAddAnswer('00000000-1', 'CH-1', 'EARLY-1'),
          hresult: '',
          message: '',
        }),
        'receiveResponseXML',
        (result) => result !== undefined && Number(result) >= -1 && Number(result) < 100,
      ),
  },
  {
    target: 'gateway',
    name: 'closeConnection of a closed session',
    expected: '200 OK, nothing changed',
    run: async (stage) =>
      soapResult(
        await call(stage.gatewayUrl, 'closeConnection', {
          ticket: stage.companies.delta.ticket,
        }),
        'closeConnection',
        (result) => result === 'OK',
      ),
  },
  {
    target: 'gateway',
    name: 'connectionError with an unknown ticket',
    expected: '200 done, nothing recorded',
    run: async (stage) =>
      soapResult(
        await call(stage.gatewayUrl, 'connectionError', {
          ticket: randomUUID(),
          hresult: '0x80040408',
          message: 'x',
        }),
        'connectionError',
        (result) => result === 'done',
      ),
  },
  {
    target: 'gateway',
    name: 'getLastError with a closed ticket',
    expected: '200, "session expired"',
    run: async (stage) =>
      soapResult(
        await call(stage.gatewayUrl, 'getLastError', {
          ticket: stage.companies.delta.ticket,
        }),
        'getLastError',
        (result) => typeof result === 'string' && /expired/.test(result),
      ),
  },
  {
    target: 'gateway',
    name: 'interactive operations',
    expected: '200, empty',
    run: async (stage) => {
      const answers = await Promise.all(
        (['getInteractiveURL', 'interactiveDone', 'interactiveRejected'] as const).map(
          async (operation) =>
            soapResult(
              await call(stage.gatewayUrl, operation, {
                wcTicket: stage.companies.charlie.ticket,
                sessionID: 'x',
                reason: 'x',
              }),
              operation,
              isEmpty,
            ),
        ),
      );
      return {
        ok: answers.every((answer) => answer.ok),
        got: answers.map((answer) => answer.got).join('; '),
      };
    },
  },
  {
    target: 'gateway',
    name: 'clientVersion with garbage',
    expected: '200, a string',
    run: async (stage) =>
      soapResult(
        await call(stage.gatewayUrl, 'clientVersion', {
          strVersion: 'x.y.<z>'.repeat(1000),
        }),
        'clientVersion',
        (result) => typeof result === 'string',
      ),
  },
  {
    target: 'gateway',
    name: 'first call carrying a billion-laughs HCP answer',
    expected: "echo's own request; host info refused",
    run: async (stage) => {
      const hcp = `${billionLaughs()}<QBXML><QBXMLMsgsRs><HostQueryRs requestID="0" statusCode="0"><HostRet><ProductName>&lol9;</ProductName></HostRet></HostQueryRs></QBXMLMsgsRs></QBXML>`;
      const answer = await call(stage.gatewayUrl, 'sendRequestXML', {
        ...firstCallParams(stage.companies.echo.ticket),
        strHCPResponse: hcp,
      });
      const info = await stage.watch.query<{ fileInfo: unknown }>(
        'SELECT "fileInfo" FROM company WHERE id = $1',
        [stage.companies.echo.id],
      );
      const verdict = soapResult(
        answer,
        'sendRequestXML',
        (result) =>
          typeof result === 'string' && result.includes('EC-1') && !!requestIdOf(result),
      );
      return {
        ok: verdict.ok && info[0]?.fileInfo === null,
        got: `${verdict.got}; fileInfo ${info[0]?.fileInfo === null ? 'untouched' : 'WRITTEN'}`,
      };
    },
    mayChange: (stage) => [stage.companies.echo.id],
  },
];

/**
 * Guessing passwords. Each attack comes from a loopback address of its own (127.0.0.x), so
 * the per-address limit of one does not hide what the per-user limit does in another.
 */
export const LOGIN_ATTACKS: Attempt[] = [
  {
    target: 'gateway',
    name: '1 MB user name and password',
    expected: '200 nvu',
    run: async (stage) =>
      soapResult(
        await call(
          stage.gatewayUrl,
          'authenticate',
          { strUserName: 'u'.repeat(MB), strPassword: 'p'.repeat(MB) },
          { from: '127.0.0.10' },
        ),
        'authenticate',
        isRefusedLogin,
      ),
  },
  {
    target: 'gateway',
    name: 'sequential guesses at charlie, then the right password',
    expected: 'right password refused after 5 failures',
    run: async (stage) => {
      const charlie = stage.companies.charlie;
      for (let i = 0; i < 5; i += 1) {
        await call(
          stage.gatewayUrl,
          'authenticate',
          { strUserName: charlie.userName, strPassword: `wrong-${i}` },
          { from: '127.0.0.11' },
        );
      }
      const right = await call(
        stage.gatewayUrl,
        'authenticate',
        { strUserName: charlie.userName, strPassword: charlie.password },
        { from: '127.0.0.11' },
      );
      const counters = await stage.watch.loginFailures();
      const verdict = soapResult(right, 'authenticate', isRefusedLogin);
      return {
        ok: verdict.ok,
        got: `${verdict.got}; ${counters[`login-fail:user:${charlie.userName.toLowerCase()}`] ?? 0} failures counted`,
      };
    },
  },
  {
    target: 'gateway',
    name: 'after the block: another address and X-Forwarded-For',
    expected: 'still nvu (the block is per user name too)',
    run: async (stage) => {
      const charlie = stage.companies.charlie;
      const answer = await call(
        stage.gatewayUrl,
        'authenticate',
        { strUserName: charlie.userName, strPassword: charlie.password },
        { from: '127.0.0.12', headers: { 'x-forwarded-for': '203.0.113.77' } },
      );
      return soapResult(answer, 'authenticate', isRefusedLogin);
    },
  },
  {
    target: 'gateway',
    name: 'after the block: user name in capitals',
    expected: 'still nvu',
    run: async (stage) => {
      const charlie = stage.companies.charlie;
      return soapResult(
        await call(
          stage.gatewayUrl,
          'authenticate',
          { strUserName: charlie.userName.toUpperCase(), strPassword: charlie.password },
          { from: '127.0.0.13' },
        ),
        'authenticate',
        isRefusedLogin,
      );
    },
  },
  {
    target: 'gateway',
    name: '40 parallel guesses at bravo, the right one among them',
    expected: 'all nvu (guesses in flight count)',
    run: async (stage) => {
      const bravo = stage.companies.bravo;
      const guesses = Array.from({ length: 40 }, (_, i) =>
        i === 25 ? bravo.password : `guess-${i}-${randomUUID()}`,
      );
      const answers = await Promise.all(
        guesses.map((password) =>
          call(
            stage.gatewayUrl,
            'authenticate',
            { strUserName: bravo.userName, strPassword: password },
            { from: '127.0.0.14' },
          ),
        ),
      );
      const refused = answers.filter((answer) =>
        isRefusedLogin(resultOf(answer, 'authenticate')),
      ).length;
      return { ok: refused === guesses.length, got: `${refused}/${guesses.length} nvu` };
    },
  },
  {
    target: 'gateway',
    name: 'password spraying: 31 user names from one address',
    expected: "then echo's right password refused there",
    run: async (stage) => {
      for (let i = 0; i < 31; i += 1) {
        await call(
          stage.gatewayUrl,
          'authenticate',
          { strUserName: `spray-${i}`, strPassword: 'Winter2025!' },
          { from: '127.0.0.15' },
        );
      }
      const echo = stage.companies.echo;
      return soapResult(
        await call(
          stage.gatewayUrl,
          'authenticate',
          { strUserName: echo.userName, strPassword: echo.password },
          { from: '127.0.0.15' },
        ),
        'authenticate',
        isRefusedLogin,
      );
    },
  },
];

/** A legitimate answer still goes through after all of the above (the fixes refuse only the hostile). */
export const CONTROL_ATTEMPTS: Attempt[] = [
  {
    target: 'gateway',
    name: "control: bravo's own answer to its own request",
    expected: 'recorded, progress answered',
    run: async (stage) => {
      const bravo = stage.companies.bravo;
      const answer = await call(stage.gatewayUrl, 'receiveResponseXML', {
        ticket: bravo.ticket,
        response: invoiceAddAnswer(bravo.pendingRequestId, 'BR-1', 'REAL-1'),
        hresult: '',
        message: '',
      });
      const rows = await stage.watch.query<{ n: string }>(
        'SELECT count(*) AS n FROM qb_response WHERE "companyId" = $1 AND "requestId" = $2',
        [bravo.id, bravo.pendingRequestId],
      );
      const verdict = soapResult(
        answer,
        'receiveResponseXML',
        (result) => Number(result) > 0 && Number(result) < 100,
      );
      return {
        ok: verdict.ok && rows[0]?.n === '1',
        got: `${verdict.got}; ${rows[0]?.n ?? 0} recorded`,
      };
    },
    mayChange: (stage) => [stage.companies.bravo.id],
  },
];

export const GATEWAY_ATTACKS: Attempt[] = [
  ...XML_ATTACKS,
  ...TRANSPORT_ATTACKS,
  ...TICKET_ATTACKS,
  ...ORDER_ATTACKS,
];
