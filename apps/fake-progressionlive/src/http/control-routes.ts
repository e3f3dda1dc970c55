import type { FastifyInstance, FastifyReply } from 'fastify';
import { OPERATIONS, type RecordTypeName } from '../schema/wire-schema';
import { seedDemo } from '../seed/demo-seed';
import type { WireObject } from '../soap/wire-value';
import { FakeFault } from '../store/fake-fault';
import type {
  FakeOptions,
  FakeProgressionLiveStore,
  TypeKind,
} from '../store/fake-store';
import type { FaultSpec } from '../store/fault-injection';
import type { PropertyDefinition } from '../store/properties';
import { isRecordType } from '../store/record-tables';
import type { TaskSeed } from '../store/task-seed';
import type { WorkflowSeed } from '../store/workflows';

type Body<T> = { Body: T };
type TypeParams = { Params: { type: string } };
type IdParams = { Params: { type: string; id: string } };

/**
 * A small JSON API over the store, for the demo and for tests in other processes. It
 * lives on the same loopback port as the SOAP service, under `/_control`.
 */
export function registerControlRoutes(
  app: FastifyInstance,
  store: FakeProgressionLiveStore,
) {
  app.setErrorHandler((err: Error & { statusCode?: number }, _request, reply) => {
    const status = err instanceof FakeFault ? 400 : (err.statusCode ?? 400);
    const type = err instanceof FakeFault ? err.type : undefined;
    reply.code(status).send({ error: err.message, type });
  });

  registerSeeding(app, store);
  registerReading(app, store);
  registerControl(app, store);
}

function registerSeeding(app: FastifyInstance, store: FakeProgressionLiveStore): void {
  app.post('/_control/seed/demo', async () => seedDemo(store));
  app.post<Body<{ username: string; password: string; userLabel?: string }>>(
    '/_control/accounts',
    async (req) => ({ userId: store.addAccount(req.body) }),
  );
  app.post<Body<{ kind: TypeKind; label: string }>>('/_control/types', async (req) => ({
    id: store.addType(req.body.kind, req.body.label),
  }));
  app.post<Body<WorkflowSeed>>('/_control/workflows', async (req) => ({
    id: store.addWorkflow(req.body),
  }));
  app.post<Body<Parameters<FakeProgressionLiveStore['addTaskType']>[0]>>(
    '/_control/task-types',
    async (req) => ({ id: store.addTaskType(req.body) }),
  );
  app.post<Body<PropertyDefinition>>('/_control/properties', async (req, reply) => {
    store.defineProperty(req.body);
    return reply.code(204).send();
  });
  app.post<Body<WireObject> & TypeParams>('/_control/records/:type', async (req) => ({
    id: store.addRecord(recordType(req.params.type), req.body),
  }));
  app.post<Body<TaskSeed>>('/_control/tasks', async (req) => ({
    id: store.addTask(req.body),
  }));
}

function registerReading(app: FastifyInstance, store: FakeProgressionLiveStore): void {
  app.get<TypeParams & { Querystring: { includeRemoved?: string } }>(
    '/_control/records/:type',
    async (req) =>
      store.list(recordType(req.params.type), {
        includeRemoved: req.query.includeRemoved === 'true',
      }),
  );
  app.get<IdParams>('/_control/records/:type/:id', async (req, reply) => {
    const record = store.get(recordType(req.params.type), req.params.id);
    return record ?? notFound(reply, `${req.params.type} ${req.params.id}`);
  });
  app.get<{ Params: { id: string } }>('/_control/tasks/:id/history', async (req) =>
    store.stepHistory(req.params.id),
  );
  app.get('/_control/journal', async () => store.journal.all());
  app.get('/_control/faults', async () => store.faults.pending());
}

function registerControl(app: FastifyInstance, store: FakeProgressionLiveStore): void {
  app.get('/_control/health', async () => ({ ok: true, down: store.isDown() }));
  app.delete('/_control/journal', async (_req, reply) => {
    store.journal.clear();
    return reply.code(204).send();
  });
  app.post<Body<FaultSpec>>('/_control/faults', async (req, reply) => {
    store.injectFault(checkedFault(req.body));
    return reply.code(204).send();
  });
  app.delete('/_control/faults', async (_req, reply) => {
    store.clearFaults();
    return reply.code(204).send();
  });
  app.post<Body<{ username?: string } | undefined>>(
    '/_control/sessions/expire',
    async (req) => ({
      expired: store.expireSessions(req.body?.username),
    }),
  );
  app.post<Body<{ down: boolean }>>('/_control/down', async (req) => {
    store.setDown(Boolean(req.body.down));
    return { down: store.isDown() };
  });
  app.patch<Body<Partial<FakeOptions>>>('/_control/options', async (req) => {
    Object.assign(store.options, req.body);
    return store.options;
  });
  app.post('/_control/reset', async (_req, reply) => {
    store.reset();
    return reply.code(204).send();
  });
}

const FAULT_KINDS = new Set<string>([
  'auth',
  'validation',
  'not_found',
  'internal',
  'unsupported_query',
  'timeout',
  'http503',
  'reset',
]);

function checkedFault(spec: FaultSpec | undefined): FaultSpec {
  const operations = new Set<string>(['*', ...OPERATIONS.map((op) => op.name)]);
  if (!spec || !operations.has(spec.operation) || !FAULT_KINDS.has(spec.kind)) {
    throw new FakeFault(
      'VALIDATION',
      `A fault needs an operation (${[...operations].join(', ')}) and a kind (${[...FAULT_KINDS].join(', ')})`,
    );
  }
  return spec;
}

function recordType(value: string): RecordTypeName {
  if (!isRecordType(value))
    throw new FakeFault('VALIDATION', `Unknown record type ${value}`);
  return value;
}

function notFound(reply: FastifyReply, what: string) {
  return reply.code(404).send({ error: `No ${what}` });
}
