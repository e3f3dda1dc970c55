import http from 'node:http';
import https from 'node:https';

/** The User-Agent of the .NET SOAP client the Web Connector is built on. */
export const WEB_CONNECTOR_USER_AGENT =
  'Mozilla/4.0 (compatible; MSIE 6.0; MS Web Services Client Protocol 4.0.30319.42000)';

/** .NET's SoapHttpClientProtocol gives up on a call after 100 seconds by default. */
export const DEFAULT_CALL_TIMEOUT_MS = 100_000;

// .NET's HttpWebRequest sends "Expect: 100-continue" and waits this long for the interim
// answer before sending the body anyway.
const CONTINUE_TIMEOUT_MS = 350;

export interface HttpExchange {
  status: number;
  statusText: string;
  contentType: string;
  body: string;
  requestHeaders: Record<string, string>;
}

export interface TransportOptions {
  timeoutMs?: number;
  /** Let the driver call hosts other than this machine (off: loopback only). */
  allowRemote?: boolean;
  /** For https test servers with their own certificate. */
  rejectUnauthorized?: boolean;
}

export class TransportError extends Error {
  constructor(
    message: string,
    readonly kind: 'timeout' | 'network' | 'refused-host',
  ) {
    super(message);
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** POSTs one SOAP envelope with the headers the Web Connector sends. */
export class SoapTransport {
  private readonly agents = {
    http: new http.Agent({ keepAlive: true }),
    https: new https.Agent({ keepAlive: true }),
  };

  constructor(private readonly options: TransportOptions = {}) {}

  post(url: string, soapAction: string, envelope: string): Promise<HttpExchange> {
    const target = new URL(url);
    if (!this.options.allowRemote && !LOOPBACK.has(target.hostname)) {
      return Promise.reject(
        new TransportError(
          `refusing to call ${target.hostname}: only this machine is allowed`,
          'refused-host',
        ),
      );
    }
    const body = Buffer.from(envelope, 'utf8');
    const headers: Record<string, string> = {
      'User-Agent': WEB_CONNECTOR_USER_AGENT,
      'Content-Type': 'text/xml; charset=utf-8',
      SOAPAction: `"${soapAction}"`,
      'Content-Length': String(body.length),
      Expect: '100-continue',
      Connection: 'Keep-Alive',
    };
    return this.send(target, headers, body);
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private send(
    target: URL,
    headers: Record<string, string>,
    body: Buffer,
  ): Promise<HttpExchange> {
    const secure = target.protocol === 'https:';
    const client = secure ? https : http;
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;

    return new Promise((resolve, reject) => {
      const req = client.request(target, {
        method: 'POST',
        headers,
        agent: secure ? this.agents.https : this.agents.http,
        rejectUnauthorized: this.options.rejectUnauthorized,
      });
      let sent = false;
      const sendBody = () => {
        if (sent) return;
        sent = true;
        req.end(body);
      };
      const continueTimer = setTimeout(sendBody, CONTINUE_TIMEOUT_MS);
      const deadline = setTimeout(() => {
        req.destroy(new TransportError('The operation has timed out', 'timeout'));
      }, timeoutMs);
      const done = () => {
        clearTimeout(continueTimer);
        clearTimeout(deadline);
      };

      req.on('continue', sendBody);
      req.on('response', (res) => {
        sendBody();
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          done();
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
            requestHeaders: headers,
          });
        });
        res.on('error', (err) => {
          done();
          reject(new TransportError(err.message, 'network'));
        });
      });
      req.on('error', (err) => {
        done();
        reject(
          err instanceof TransportError
            ? err
            : new TransportError(err.message, 'network'),
        );
      });
    });
  }
}
