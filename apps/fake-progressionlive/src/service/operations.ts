import { recordTypeOfClass, type OperationName } from '../schema/wire-schema';
import { obj, str, type WireObject } from '../soap/wire-value';
import { fault } from '../store/fake-fault';
import type { FakeProgressionLiveStore } from '../store/fake-store';
import type { Session } from '../store/sessions';

export interface CallContext {
  store: FakeProgressionLiveStore;
  body: WireObject;
  /** The caller's session, once checked (every operation but Login and Echo needs one). */
  session?: Session;
}

type Handler = (ctx: CallContext) => WireObject;

const OPEN_OPERATIONS = new Set<OperationName>(['Login', 'Echo']);

/** Checks the session the request carries in its `credentials` element. */
export function authenticate(
  ctx: CallContext,
  operation: OperationName,
): Session | undefined {
  if (OPEN_OPERATIONS.has(operation)) return undefined;
  const credentials = obj(ctx.body['credentials']);
  return ctx.store.sessions.require(str(credentials?.['SessionID']));
}

const handlers: Record<OperationName, Handler> = {
  Login: ({ store, body }) => {
    const given = obj(body['credentials']);
    const session = store.sessions.login(
      str(given?.['Username']),
      str(given?.['Password']),
    );
    const credentials: WireObject = { SessionID: session.id, Username: session.username };
    for (const key of ['DeviceID', 'ClientVersion']) {
      if (str(given?.[key]) !== undefined) credentials[key] = str(given?.[key]) as string;
    }
    return { credentials };
  },

  Logout: ({ store, session }) => {
    store.sessions.logout((session as Session).id);
    return {};
  },

  Echo: ({ body }) =>
    str(body['message']) !== undefined ? { message: body['message'] } : {},

  GetRecord: ({ store, body }) => ({
    record: store.getRecord(required(body, 'recordRef')),
  }),

  SearchRecords: ({ store, body }) => ({ records: { Record: runSearch(store, body) } }),

  SearchRecordRefs: ({ store, body }) => ({
    recordRefs: { RecordRef: runSearch(store, body).map(toRef) },
  }),

  CreateRecord: ({ store, body, session }) => {
    if (body['parentRecordRef'] !== undefined) {
      throw fault.validation(
        'The fake does not model parentRecordRef; set the field instead',
      );
    }
    return { recordRef: store.createRecord(required(body, 'record'), session?.userId) };
  },

  UpdateRecord: ({ store, body }) => {
    if (body['parentRecordRef'] !== undefined) {
      throw fault.validation(
        'The fake does not model parentRecordRef; set the field instead',
      );
    }
    return { recordRef: store.updateRecord(required(body, 'record')) };
  },

  UpdateRecordField: ({ store, body }) => {
    const fieldType = str(body['recordFieldType']);
    if (!fieldType) throw fault.validation('recordFieldType is required');
    store.updateRecordField(
      required(body, 'recordRef'),
      fieldType,
      required(body, 'property'),
    );
    return {};
  },

  DeleteRecord: ({ store, body }) => {
    store.deleteRecord(required(body, 'recordRef'));
    return {};
  },

  ProgressTaskToLogicId: ({ store, body, session }) => {
    const logicId = str(body['logicId']);
    if (logicId === undefined) throw fault.validation('logicId is required');
    const at = str(body['datetime']) ?? new Date().toISOString();
    const taskStateRef = store.progressTask(
      required(body, 'taskRef'),
      Number(logicId),
      at,
      (session as Session).userId,
    );
    return { taskStateRef };
  },
};

export function handle(operation: OperationName, ctx: CallContext): WireObject {
  return handlers[operation](ctx);
}

function required(body: WireObject, field: string): WireObject {
  const value = obj(body[field]);
  if (!value) throw fault.validation(`${field} is required`);
  return value;
}

function runSearch(store: FakeProgressionLiveStore, body: WireObject): WireObject[] {
  const recordType = str(body['recordType']);
  if (!recordType) throw fault.validation('recordType is required');
  const limit = obj(body['limit']);
  return store.search({
    recordType,
    query: str(body['query']),
    parameters: obj(body['parameters']),
    offset: numberOf(limit?.['Offset']),
    count: numberOf(limit?.['Count']),
  });
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'string' ? Number(value) : undefined;
}

function toRef(record: WireObject): WireObject {
  const type = record.$type ? recordTypeOfClass(record.$type) : undefined;
  const ref: WireObject = { Id: str(record['Id']) ?? null, Type: type ?? null };
  const label = str(record['Label']) ?? str(record['Code']);
  if (label !== undefined) ref['Label'] = label;
  if (str(record['ExternalId']) !== undefined) ref['ExternalId'] = record['ExternalId'];
  return ref;
}
