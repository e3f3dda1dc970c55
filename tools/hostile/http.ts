// Raw HTTP for the hostile suite: bodies sent exactly as given (streamed, truncated,
// oversized), answers read with a cap so a misbehaving server cannot fill our memory.
import http, { type IncomingHttpHeaders } from 'node:http';
import net from 'node:net';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Set when no HTTP answer came (connection reset or closed). */
  error?: string;
  ms: number;
}

export interface RawRequest {
  url: string;
  method?: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** Streams this many bytes of `fill` instead of `body` (for 100 MB bodies). */
  stream?: { bytes: number; fill: Buffer; chunked?: boolean; head?: Buffer };
  timeoutMs?: number;
  /** Source address on loopback (127.0.0.x), to look like another client to the throttle. */
  localAddress?: string;
}

const ANSWER_CAP = 1024 * 1024;

/** Sends one request on a fresh connection and reads at most 1 MB of the answer. */
export function send(request: RawRequest): Promise<Answer> {
  const started = Date.now();
  const url = new URL(request.url);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: Omit<Answer, 'ms'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...answer, ms: Date.now() - started });
    };
    const headers: Record<string, string | string[] | number> = {
      ...(request.headers ?? {}),
    };
    if (request.stream && !request.stream.chunked) {
      headers['content-length'] =
        request.stream.bytes + (request.stream.head?.length ?? 0);
    }
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: request.method ?? 'POST',
        headers,
        agent: false,
        localAddress: request.localAddress,
        timeout: request.timeoutMs ?? 60_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < ANSWER_CAP) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () =>
          finish({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', (error) =>
          finish({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: '',
            error: error.message,
          }),
        );
      },
    );
    req.on('error', (error) =>
      finish({ status: 0, headers: {}, body: '', error: error.message }),
    );
    req.on('timeout', () => {
      req.destroy(new Error('timed out'));
    });
    if (request.stream) void streamBody(req, request.stream);
    else req.end(request.body);
  });
}

async function streamBody(
  req: http.ClientRequest,
  stream: NonNullable<RawRequest['stream']>,
): Promise<void> {
  if (stream.head) req.write(stream.head);
  let left = stream.bytes;
  while (left > 0 && !req.destroyed) {
    const piece =
      left >= stream.fill.length ? stream.fill : stream.fill.subarray(0, left);
    left -= piece.length;
    if (!req.write(piece)) {
      // The server may stop reading (413 and close): stop writing rather than hang.
      const drained = await Promise.race([
        new Promise<boolean>((resolve) => req.once('drain', () => resolve(true))),
        new Promise<boolean>((resolve) => req.once('close', () => resolve(false))),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000)),
      ]);
      if (!drained) return;
    }
  }
  if (!req.destroyed) req.end();
}

/**
 * Sends headers promising `declared` bytes, then only `body`, then closes the connection:
 * what a client that dies mid-upload does. Resolves with whatever came back.
 */
export function sendTruncated(
  url: string,
  headers: Record<string, string>,
  body: Buffer,
  declared: number,
): Promise<Answer> {
  const started = Date.now();
  const target = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(target.port), target.hostname);
    const received: Buffer[] = [];
    const lines = [
      `POST ${target.pathname} HTTP/1.1`,
      `Host: ${target.host}`,
      `Content-Length: ${declared}`,
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      '',
      '',
    ];
    socket.on('connect', () => {
      socket.write(lines.join('\r\n'));
      socket.write(body);
      setTimeout(() => socket.destroy(), 300);
    });
    socket.on('data', (chunk) => received.push(chunk));
    const done = () => {
      const text = Buffer.concat(received).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({
        status,
        headers: {},
        body: text.slice(text.indexOf('\r\n\r\n') + 4),
        error: status ? undefined : 'closed',
        ms: Date.now() - started,
      });
    };
    socket.on('close', done);
    socket.on('error', () => undefined);
  });
}

/** Marks of a leaked internal error: stack frames, source paths, driver messages. */
const LEAK =
  /\n\s+at |\bat [\w.$<>]+ \(|\.ts:\d+|node_modules|\/work\/|QueryFailedError|TypeError|ReferenceError|RangeError|SyntaxError: Unexpected/;

export function leaksInternals(body: string): boolean {
  return LEAK.test(body);
}

/**
 * Opens a POST that promises `declared` bytes, sends `sent` of them and then nothing more,
 * as a stalled (or slowloris) client does. `closedByServer` resolves when the server
 * drops the connection; `close()` drops it from our side.
 */
export function stallUpload(
  url: string,
  declared: number,
  sent: number,
): { closedByServer: Promise<boolean>; close(): void } {
  const target = new URL(url);
  const socket = net.connect(Number(target.port), target.hostname);
  let ours = false;
  const closedByServer = new Promise<boolean>((resolve) =>
    socket.on('close', () => resolve(!ours)),
  );
  socket.on('error', () => undefined);
  socket.on('connect', () => {
    socket.write(
      `POST ${target.pathname} HTTP/1.1\r\nHost: ${target.host}\r\nContent-Type: text/xml\r\nContent-Length: ${declared}\r\n\r\n`,
    );
    socket.write(Buffer.alloc(sent, 'a'));
  });
  return {
    closedByServer,
    close: () => {
      ours = true;
      socket.destroy();
    },
  };
}
