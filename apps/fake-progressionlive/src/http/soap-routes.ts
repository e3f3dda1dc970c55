import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { buildWsdl, SERVICE_PATH } from '../schema/wsdl';
import { runSoapCall } from '../service/soap-endpoint';
import type { FakeProgressionLiveStore } from '../store/fake-store';

const UNAVAILABLE_PAGE =
  '<html><head><title>503 Service Unavailable</title></head>' +
  '<body><h1>Service Unavailable</h1></body></html>';

/** Requests the fake is holding on purpose (timeouts); dropped when the server closes. */
export class HeldRequests {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sockets = new Set<{ destroy(): void }>();

  hold(request: FastifyRequest, ms: number): void {
    const socket = request.raw.socket;
    this.sockets.add(socket);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.sockets.delete(socket);
      socket.destroy();
    }, ms);
    this.timers.add(timer);
  }

  releaseAll(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.sockets.forEach((s) => s.destroy());
    this.timers.clear();
    this.sockets.clear();
  }
}

export function registerSoapRoutes(
  app: FastifyInstance,
  store: FakeProgressionLiveStore,
  held: HeldRequests,
  baseUrl: () => string,
): void {
  app.addContentTypeParser(
    ['text/xml', 'application/xml', 'application/soap+xml'],
    { parseAs: 'string', bodyLimit: 1_048_576 },
    (_req, body, done) => done(null, body),
  );

  app.get(SERVICE_PATH, async (request, reply) => {
    if (store.isDown()) return unavailable(reply);
    if (!('wsdl' in (request.query as Record<string, unknown>))) {
      return reply
        .type('text/plain')
        .send('ProgressionWebService: add ?wsdl for its WSDL');
    }
    return reply.type('text/xml; charset=utf-8').send(buildWsdl(baseUrl()));
  });

  app.post(SERVICE_PATH, async (request, reply) => {
    if (store.isDown()) return unavailable(reply);
    const action = headerValue(request.headers['soapaction']);
    const result = runSoapCall(store, String(request.body ?? ''), action);
    if (result.kind === 'reply') {
      return reply.code(result.status).type('text/xml; charset=utf-8').send(result.xml);
    }
    if (result.kind === 'http503') return unavailable(reply);
    reply.hijack();
    if (result.kind === 'reset') request.raw.socket.destroy();
    else held.hold(request, result.holdMs);
    return reply;
  });
}

function unavailable(reply: FastifyReply) {
  return reply.code(503).type('text/html').send(UNAVAILABLE_PAGE);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
