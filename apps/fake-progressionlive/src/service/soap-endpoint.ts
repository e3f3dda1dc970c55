import type { OperationName } from '../schema/wire-schema';
import { WireDecodeError } from '../soap/decode';
import { encodeFault, encodeResponse } from '../soap/encode';
import { readRequest, UnknownOperationError, type SoapRequest } from '../soap/envelope';
import { obj, str, type WireObject } from '../soap/wire-value';
import { XmlSyntaxError } from '../soap/xml-tree';
import { FakeFault } from '../store/fake-fault';
import type { FakeProgressionLiveStore } from '../store/fake-store';
import type { FaultSpec } from '../store/fault-injection';
import { authenticate, handle, type CallContext } from './operations';

/** What the HTTP layer must do with one SOAP request. */
export type EndpointResult =
  | { kind: 'reply'; status: number; xml: string }
  | { kind: 'http503' }
  | { kind: 'hold'; holdMs: number }
  | { kind: 'reset' };

const INJECTED_FAULT: Record<string, FakeFault['type']> = {
  auth: 'AUTHENTICATION',
  validation: 'VALIDATION',
  not_found: 'NOT_FOUND',
  internal: 'INTERNAL',
  unsupported_query: 'UNSUPPORTED_QUERY',
};

const DEFAULT_HOLD_MS = 60_000;

/** Runs one SOAP call against the store: decode, inject, authenticate, handle, journal. */
export function runSoapCall(
  store: FakeProgressionLiveStore,
  xml: string,
  soapAction: string | undefined,
): EndpointResult {
  let request: SoapRequest;
  try {
    request = readRequest(xml, soapAction);
  } catch (err) {
    return malformed(store, err);
  }
  const operation = request.operation.name as OperationName;
  const injected = store.faults.take(operation);
  if (injected && !injected.afterProcessing) {
    return beforeProcessing(store, request, injected);
  }
  const result = process(store, request, injected !== undefined);
  return injected ? lostAnswer(injected) : result;
}

function process(
  store: FakeProgressionLiveStore,
  request: SoapRequest,
  answerLost: boolean,
): EndpointResult {
  const operation = request.operation.name as OperationName;
  const ctx: CallContext = { store, body: request.body };
  try {
    ctx.session = authenticate(ctx, operation);
    const response = handle(operation, ctx);
    journal(store, request, usernameOf(ctx), 'ok', undefined, answerLost);
    return reply(200, encodeResponse(request.operation.output, response));
  } catch (err) {
    const failure = err instanceof FakeFault ? err : internalFault(err);
    journal(store, request, usernameOf(ctx), 'fault', failure, answerLost);
    return faultReply(failure);
  }
}

function beforeProcessing(
  store: FakeProgressionLiveStore,
  request: SoapRequest,
  injected: FaultSpec,
): EndpointResult {
  const faultType = INJECTED_FAULT[injected.kind];
  if (faultType) {
    const failure = new FakeFault(
      faultType,
      injected.message ?? `Injected ${injected.kind} fault`,
    );
    journal(store, request, undefined, 'fault', failure);
    return faultReply(failure);
  }
  return dropAnswer(store, request, injected);
}

function dropAnswer(
  store: FakeProgressionLiveStore,
  request: SoapRequest,
  injected: FaultSpec,
): EndpointResult {
  journal(store, request, undefined, 'dropped');
  return lostAnswer(injected);
}

function lostAnswer(injected: FaultSpec): EndpointResult {
  if (injected.kind === 'http503') return { kind: 'http503' };
  if (injected.kind === 'reset') return { kind: 'reset' };
  return { kind: 'hold', holdMs: injected.holdMs ?? DEFAULT_HOLD_MS };
}

function malformed(store: FakeProgressionLiveStore, err: unknown): EndpointResult {
  const known =
    err instanceof XmlSyntaxError ||
    err instanceof WireDecodeError ||
    err instanceof UnknownOperationError;
  const message = err instanceof Error ? err.message : String(err);
  store.journal.record({
    operation: '(unreadable)',
    request: {},
    outcome: 'fault',
    fault: { type: 'CLIENT', message },
  });
  return reply(
    500,
    encodeFault({
      code: known ? 'soap:Client' : 'soap:Server',
      message: `Unmarshalling Error: ${message}`,
    }),
  );
}

function internalFault(err: unknown): FakeFault {
  const message = err instanceof Error ? err.message : String(err);
  return new FakeFault('INTERNAL', `Internal error in the fake: ${message}`);
}

function faultReply(failure: FakeFault): EndpointResult {
  return reply(
    500,
    encodeFault({
      code: 'soap:Server',
      message: failure.message,
      detail: { Type: failure.type, Message: failure.message },
    }),
  );
}

function reply(status: number, xml: string): EndpointResult {
  return { kind: 'reply', status, xml };
}

function usernameOf(ctx: CallContext): string | undefined {
  return ctx.session?.username ?? str(obj(ctx.body['credentials'])?.['Username']);
}

// Credentials never go into the journal: it is shown over the control API.
function journal(
  store: FakeProgressionLiveStore,
  request: SoapRequest,
  username: string | undefined,
  outcome: 'ok' | 'fault' | 'dropped',
  failure?: FakeFault,
  answerLost = false,
): void {
  const { credentials: _credentials, ...rest } = request.body;
  const entry: Parameters<typeof store.journal.record>[0] = {
    operation: request.operation.name,
    request: rest as WireObject,
    outcome,
  };
  if (username) entry.username = username;
  if (failure) entry.fault = { type: failure.type, message: failure.message };
  if (answerLost) entry.answerLost = true;
  store.journal.record(entry);
}
