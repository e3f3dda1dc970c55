import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseXml } from '../xml/xml-tree';
import { INTUIT_NS } from '../web-connector/soap-envelope';

/** One SOAP call as the gateway received it. */
export interface ReceivedCall {
  op: string;
  params: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type ScriptedAnswer =
  | string
  | number
  | string[]
  | { raw: { status: number; contentType: string; body: string } }
  | { delayMs: number; then: string | number | string[] };

export type GatewayScript = (
  call: ReceivedCall,
  calls: ReceivedCall[],
) => ScriptedAnswer | Promise<ScriptedAnswer>;

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A SOAP 1.1 response envelope the way a well-behaved gateway writes it. */
export function soapResponse(op: string, result: string | number | string[]): string {
  const inner = Array.isArray(result)
    ? result.map((s) => `<string>${escape(s)}</string>`).join('')
    : escape(String(result));
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
    `<${op}Response xmlns="${INTUIT_NS}"><${op}Result>${inner}</${op}Result></${op}Response>` +
    '</soap:Body></soap:Envelope>'
  );
}

/** A loopback HTTP server on port 0 that answers Web Connector calls from a script. */
export class ScriptedGateway {
  readonly calls: ReceivedCall[] = [];
  private server?: http.Server;

  constructor(private readonly script: GatewayScript) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/qbwc`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>(
      (resolve) => this.server?.close(() => resolve()) ?? resolve(),
    );
  }

  ops(): string[] {
    return this.calls.map((c) => c.op);
  }

  private async handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const operation = parseXml(body, { namespaces: true }).root.children[0].children[0];
    const params = Object.fromEntries(operation.children.map((c) => [c.name, c.text]));
    const call: ReceivedCall = { op: operation.name, params, headers: req.headers, body };
    this.calls.push(call);

    let answer = await this.script(call, this.calls);
    if (typeof answer === 'object' && !Array.isArray(answer) && 'delayMs' in answer) {
      const delayed = answer;
      await new Promise((r) => setTimeout(r, delayed.delayMs));
      answer = delayed.then;
    }
    if (typeof answer === 'object' && !Array.isArray(answer) && 'raw' in answer) {
      res.writeHead(answer.raw.status, { 'Content-Type': answer.raw.contentType });
      res.end(answer.raw.body);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
    res.end(soapResponse(call.op, answer as string | number | string[]));
  }
}

/** Answers for the calls a script does not care about. */
export function defaults(call: ReceivedCall): string | number | string[] {
  switch (call.op) {
    case 'serverVersion':
      return 'Scripted gateway 1.0';
    case 'clientVersion':
    case 'sendRequestXML':
    case 'getLastError':
      return '';
    case 'authenticate':
      return ['ticket-1', '', '', ''];
    case 'receiveResponseXML':
      return 100;
    case 'connectionError':
      return 'done';
    case 'closeConnection':
      return 'OK';
    default:
      return '';
  }
}

export const QWC = `<?xml version="1.0"?>
<QBWCXML>
<AppName>Field Service Sync</AppName>
<AppID></AppID>
<AppURL>https://sync.fieldapp.example/qbwc</AppURL>
<AppDescription>Syncs tasks and invoices</AppDescription>
<AppSupport>https://sync.fieldapp.example/support</AppSupport>
<UserName>harbor-sync</UserName>
<OwnerID>{57F3B9B1-86F1-4fcc-B1EE-566DE1813D20}</OwnerID>
<FileID>{90A44FB5-33D9-4815-AC85-BC87A7E7D1EB}</FileID>
<QBType>QBFS</QBType>
<Scheduler><RunEveryNMinutes>5</RunEveryNMinutes></Scheduler>
<IsReadOnly>false</IsReadOnly>
</QBWCXML>`;
