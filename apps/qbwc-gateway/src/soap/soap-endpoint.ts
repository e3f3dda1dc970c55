import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { ConnectorMetrics } from '@qbd/platform';
import type { QbwcService } from '../qbwc/qbwc.service';
import { QBWC_OPERATIONS, isQbwcOperation, type QbwcOperation } from './qbwc-operations';
import { BodyBudget, BodyBudgetTimeout, LARGE_BODY_BYTES, watchBodyProgress } from './body-budget';
import { SoapRequestError, isQbwcNamespace, readSoapCall } from './soap-envelope';
import { writeSoapFault, writeSoapResponse, type OperationResult } from './soap-response';
import { buildWsdl } from './wsdl';

const XML_CONTENT_TYPE = 'text/xml; charset=utf-8';

export interface SoapEndpointOptions {
  path: string;
  publicUrl: string;
  bodyLimitBytes: number;
  service: QbwcService;
  metrics: ConnectorMetrics;
  logger: Logger;
}

/**
 * The Web Connector's SOAP endpoint on Fastify: raw XML bodies of any charset, dispatch by
 * the Body's element whatever SOAPAction says, and an XML answer to everything, never an
 * HTML page or an empty body.
 */
export async function registerSoapEndpoint(fastify: FastifyInstance, options: SoapEndpointOptions): Promise<void> {
  const wsdl = buildWsdl(options.publicUrl);

  const budget = new BodyBudget(options.bodyLimitBytes);
  await fastify.register(async (scope) => {
    scope.addHook('onRequest', (request, reply, done) => {
      const waiting = reserveBodyRoom(budget, options.bodyLimitBytes, request, reply);
      if (waiting) waiting.then(() => done(), done);
      else done();
    });
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.bodyLimitBytes }, (request, body, done) => {
      try {
        done(null, decodeBody(body as Buffer, String(request.headers['content-type'] ?? '')));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
    scope.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply) => {
      const tooLarge = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE';
      options.logger.warn({ err: error.message, code: error.code }, 'SOAP request refused');
      if (error instanceof BodyBudgetTimeout) return sendXml(reply, 503, writeSoapFault('Server', error.message));
      return sendXml(reply, tooLarge ? 413 : 500, writeSoapFault('Client', tooLarge ? 'Request body too large' : error.message.slice(0, 200)));
    });

    const paths = [options.path, `${options.path}/`];
    for (const path of paths) {
      scope.get(path, async (_request, reply) => sendXml(reply, 200, wsdl));
      scope.post(path, async (request, reply) => handle(request, reply, options));
    }
  });
}

async function handle(request: FastifyRequest, reply: FastifyReply, options: SoapEndpointOptions) {
  const contentType = String(request.headers['content-type'] ?? '');
  if (contentType.includes('application/soap+xml')) {
    return sendXml(reply, 500, writeSoapFault('VersionMismatch', 'Only SOAP 1.1 (text/xml) is supported'));
  }

  let call;
  try {
    call = readSoapCall(typeof request.body === 'string' ? request.body : '');
  } catch (error) {
    const soapError = error instanceof SoapRequestError ? error : new SoapRequestError('Client', 'Malformed SOAP request');
    options.metrics.soapCalls.inc({ method: 'unknown', outcome: 'malformed' });
    options.logger.warn({ reason: soapError.message }, 'malformed SOAP request');
    return sendXml(reply, 500, writeSoapFault(soapError.faultCode, soapError.message));
  }

  if (!isQbwcNamespace(call.namespace) || !isQbwcOperation(call.operation)) {
    options.metrics.soapCalls.inc({ method: 'unknown', outcome: 'unknownOperation' });
    return sendXml(reply, 500, writeSoapFault('Client', `Unknown operation ${call.operation.slice(0, 60)}`));
  }
  const action = String(request.headers.soapaction ?? '').replace(/"/g, '');
  if (action && !action.endsWith(`/${call.operation}`) && !action.endsWith(call.operation)) {
    // The body decides; the header is only a hint that some clients get wrong.
    options.logger.warn({ soapAction: action.slice(0, 100), operation: call.operation }, 'SOAPAction differs from the body');
  }

  const operation = call.operation;
  const started = process.hrtime.bigint();
  let result: OperationResult;
  try {
    result = await dispatch(operation, call.params, options.service, request.ip);
    options.metrics.soapCalls.inc({ method: operation, outcome: 'ok' });
  } catch (error) {
    options.metrics.soapCalls.inc({ method: operation, outcome: 'error' });
    options.logger.error({ err: (error as Error).message, operation }, 'SOAP operation failed');
    const fallback = fallbackResult(operation);
    if (fallback === undefined) return sendXml(reply, 500, writeSoapFault('Server', 'The connector could not complete this call; it will be retried.'));
    result = fallback;
  }
  if (options.logger.isLevelEnabled('debug')) {
    options.logger.debug(
      { operation, ms: Number(process.hrtime.bigint() - started) / 1e6, resultSize: typeof result === 'string' ? result.length : undefined },
      'SOAP call',
    );
  }
  return sendXml(reply, 200, writeSoapResponse(operation, result));
}

function dispatch(operation: QbwcOperation, p: Record<string, string>, service: QbwcService, ip: string): Promise<OperationResult> | OperationResult {
  const param = (name: string) => p[name] ?? '';
  switch (operation) {
    case 'serverVersion':
      return service.serverVersion();
    case 'clientVersion':
      return service.clientVersion(param('strVersion'));
    case 'authenticate':
      return service.authenticate(param('strUserName'), param('strPassword'), { remoteAddress: ip });
    case 'sendRequestXML':
      return service.sendRequestXML(param('ticket'), p);
    case 'receiveResponseXML':
      return service.receiveResponseXML(param('ticket'), param('response'), param('hresult'), param('message'));
    case 'connectionError':
      return service.connectionError(param('ticket'), param('hresult'), param('message'));
    case 'getLastError':
      return service.getLastError(param('ticket'));
    case 'closeConnection':
      return service.closeConnection(param('ticket'));
    case 'getInteractiveURL':
    case 'interactiveDone':
    case 'interactiveRejected':
      return service.interactive();
  }
}

/**
 * When something inside fails, Web Connector is better served by the protocol's own
 * error values than by a fault: a login it can retry, a stop with getLastError, or an
 * empty request. A response whose recording failed is answered -1: its work item stays
 * "sent" and is recovered safely by the next session.
 */
function fallbackResult(operation: QbwcOperation): OperationResult | undefined {
  switch (operation) {
    case 'authenticate':
      return ['', 'busy', '', ''];
    case 'sendRequestXML':
      return '';
    case 'receiveResponseXML':
      return -1;
    case 'connectionError':
      return 'done';
    case 'getLastError':
      return 'The connector met an internal error; the next update will continue. / Le connecteur a rencontré une erreur interne; la prochaine mise à jour continuera.';
    case 'closeConnection':
      return 'OK';
    default:
      return QBWC_OPERATIONS[operation].result === 'string' ? '' : undefined;
  }
}

/** How long a large body may wait for room before it is answered 503 (Web Connector retries). */
const BODY_WAIT_MS = 60_000;

/**
 * Holds a large request, unread, until the bytes it declares fit in the budget; they are
 * given back when its answer is sent or its connection closes. A body without a length
 * (chunked) counts as the largest allowed; one over the limit is left to Fastify's 413.
 * Nothing to wait for (a small body, a GET) answers undefined, so the request goes on at once.
 * A body that stops arriving is cut (see watchBodyProgress) so it cannot hold the room.
 */
function reserveBodyRoom(budget: BodyBudget, limit: number, request: FastifyRequest, reply: FastifyReply): Promise<void> | undefined {
  if (request.method !== 'POST') return undefined;
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  const bytes = Number.isFinite(declared) ? declared : limit;
  if (bytes < LARGE_BODY_BYTES || bytes > limit) return undefined;

  return budget.acquire(bytes, BODY_WAIT_MS).then((release) => {
    // A client that hung up while waiting gets no 'close' any more: give the room back now.
    if (reply.raw.destroyed || request.raw.socket.destroyed) return release();
    const stopWatching = watchBodyProgress(request.raw);
    reply.raw.once('close', () => {
      stopWatching();
      release();
    });
  });
}


function sendXml(reply: FastifyReply, status: number, body: string) {
  return reply.status(status).header('content-type', XML_CONTENT_TYPE).send(body);
}

/** The body as text in its declared charset (UTF-8 when none); invalid bytes are refused. */
function decodeBody(body: Buffer, contentType: string): string {
  const charset = /charset\s*=\s*"?([\w-]+)"?/i.exec(contentType)?.[1]?.toLowerCase() ?? 'utf-8';
  try {
    return decoderFor(charset).decode(body);
  } catch (error) {
    if (error instanceof SoapRequestError) throw error;
    throw new SoapRequestError('Client', `The body is not valid ${charset}`);
  }
}

// A decoder is reusable (decode() without `stream` keeps no state) and costly to create:
// one per charset seen, with a bound so odd names cannot grow the map.
const decoders = new Map<string, InstanceType<typeof TextDecoder>>();

function decoderFor(charset: string): InstanceType<typeof TextDecoder> {
  const known = decoders.get(charset);
  if (known) return known;
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    throw new SoapRequestError('Client', `Unsupported charset ${charset.slice(0, 30)}`);
  }
  if (decoders.size < 16) decoders.set(charset, decoder);
  return decoder;
}
