import { recordTypeOfClass, type RecordTypeName } from '../schema/wire-schema';
import { isWireObject, str, type WireAny, type WireObject } from '../soap/wire-value';
import { fault } from './fake-fault';
import { FaultInjector, type FaultSpec } from './fault-injection';
import { Journal } from './journal';
import { PropertyDefinitions, type PropertyDefinition } from './properties';
import { RecordTables } from './record-tables';
import { search, type SearchInput } from './search';
import { Sessions } from './sessions';
import { seedTask, type TaskSeed } from './task-seed';
import { Workflows, currentLogicId, type WorkflowSeed } from './workflows';
import { applyWrite, rulesFor, writableScalarField, type WriteContext } from './writes';

export interface FakeOptions {
  /** Reject moves that the workflow's transitions do not allow (the real rule is unknown). */
  strictTransitions: boolean;
  /** End sessions idle for longer than this (the real timeout is unknown). */
  sessionIdleMs?: number;
  /** The most records one search returns, whatever Count asks for. */
  maxPageSize: number;
}

export type TypeKind =
  'CLIENT_TYPE' | 'NODE_TYPE' | 'PRODUCT_TYPE' | 'DYNAMIC_ENTITY_TYPE';

const TYPE_CLASS: Record<TypeKind, string> = {
  CLIENT_TYPE: 'ClientType',
  NODE_TYPE: 'NodeType',
  PRODUCT_TYPE: 'ProductType',
  DYNAMIC_ENTITY_TYPE: 'DynamicEntityType',
};

/**
 * The fake ProgressionLIVE's whole state: accounts and sessions, typed records, property
 * definitions, workflows, armed faults and the journal of calls. Tests seed and read it
 * directly; the SOAP service goes through the same rules.
 */
export class FakeProgressionLiveStore {
  readonly options: FakeOptions;
  readonly journal = new Journal();
  readonly faults = new FaultInjector();
  readonly tables = new RecordTables();
  readonly definitions = new PropertyDefinitions();
  readonly workflows = new Workflows(this.tables, this.definitions);
  readonly sessions = new Sessions(() => this.options.sessionIdleMs);
  private down = false;
  private taskCounter = 0;

  constructor(options: Partial<FakeOptions> = {}) {
    this.options = { strictTransitions: false, maxPageSize: 100, ...options };
  }

  // ---- seeding -------------------------------------------------------------------

  /** An API account; a USER record stands for it as the author of its changes. */
  addAccount(account: {
    username: string;
    password: string;
    userLabel?: string;
  }): string {
    const userId = this.addUser(account.userLabel ?? account.username, account.username);
    this.sessions.addAccount({
      username: account.username,
      password: account.password,
      userId,
    });
    return userId;
  }

  addUser(label: string, email?: string): string {
    const id = this.tables.newId();
    const user: WireObject = { $type: 'User', Id: id, Label: label };
    if (email) user['Email'] = email;
    this.tables.put('USER', user);
    return id;
  }

  addType(kind: TypeKind, label: string): string {
    return this.addRecord(kind, { $type: TYPE_CLASS[kind], Label: label });
  }

  addWorkflow(seed: WorkflowSeed): string {
    return this.workflows.create(seed);
  }

  addTaskType(seed: {
    label: string;
    workflowId: string;
    productBilling?: boolean;
    codePrefix?: string;
  }): string {
    const record: WireObject = {
      $type: 'TaskType',
      Label: seed.label,
      WorkflowRef: { Id: seed.workflowId, Type: 'WORKFLOW' },
      ProductBilling: String(seed.productBilling ?? true),
    };
    if (seed.codePrefix) record['CodePrefix'] = seed.codePrefix;
    return this.addRecord('TASK_TYPE', record);
  }

  defineProperty(def: PropertyDefinition): void {
    this.definitions.define(def);
  }

  /** Creates a record through the same rules as CreateRecord. */
  addRecord(type: RecordTypeName, data: WireObject, authorId?: string): string {
    const ref = this.createRecord(
      { ...data, $type: data.$type ?? classOf(type) },
      authorId,
    );
    return str(ref['Id']) as string;
  }

  /** A task with seeded content (items and totals are the server's to compute). */
  addTask(seed: TaskSeed): string {
    this.taskCounter += 1;
    return seedTask(this.writeContext(), this.workflows, seed, this.taskCounter);
  }

  // ---- reading -------------------------------------------------------------------

  get(type: RecordTypeName, id: string): WireObject | undefined {
    const record = this.tables.get(type, id);
    return record ? this.tables.render('Record', record) : undefined;
  }

  list(type: RecordTypeName, opts: { includeRemoved?: boolean } = {}): WireObject[] {
    const records = opts.includeRemoved ? [...this.tables.all(type)] : this.tables.live(type);
    return records.map((r) => this.tables.render('Record', r));
  }

  findByExternalId(type: RecordTypeName, externalId: string): WireObject | undefined {
    const record = this.tables.byExternalId(type, externalId);
    return record ? this.tables.render('Record', record) : undefined;
  }

  /** A record's dynamic property as stored, or undefined. */
  property(type: RecordTypeName, id: string, name: string): WireAny | undefined {
    const props = this.get(type, id)?.['Properties'];
    const items = isWireObject(props) ? props['Property'] : undefined;
    const found = (Array.isArray(items) ? items : []).find(
      (p) => isWireObject(p) && p['Name'] === name,
    ) as WireObject | undefined;
    return found?.['Value'] as WireAny | undefined;
  }

  taskLogicId(taskId: string): number | null {
    const task = this.tables.get('TASK', taskId);
    if (!task) throw new Error(`no task ${taskId}`);
    return currentLogicId(task);
  }

  stepHistory(taskId: string) {
    return [...this.workflows.historyOf(taskId)];
  }

  // ---- control -------------------------------------------------------------------

  injectFault(spec: FaultSpec): void {
    this.faults.arm(spec);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  expireSessions(username?: string): number {
    return this.sessions.expire(username);
  }

  /** While down, the service answers every request with a bare 503. */
  setDown(down: boolean): void {
    this.down = down;
  }

  isDown(): boolean {
    return this.down;
  }

  /** Empties everything: records, accounts, sessions, faults and journal. */
  reset(): void {
    this.tables.clear();
    this.definitions.clear();
    this.workflows.clear();
    this.sessions.clear();
    this.faults.clear();
    this.journal.clear();
    this.down = false;
    this.taskCounter = 0;
  }

  // ---- what the SOAP operations do ---------------------------------------------------

  getRecord(ref: WireObject): WireObject {
    const { record } = this.tables.resolve(ref, undefined, 'recordRef');
    return this.tables.render('Record', record);
  }

  search(input: SearchInput): WireObject[] {
    const live = this.tables.live(input.recordType as RecordTypeName);
    return search(input, live, this.options.maxPageSize).map((r) =>
      this.tables.render('Record', r),
    );
  }

  createRecord(incoming: WireObject, authorId?: string): WireObject {
    const { type, className } = classify(incoming);
    if (!rulesFor(className)?.creatable) {
      throw fault.validation(`The fake does not create ${className} records over SOAP`);
    }
    if (incoming['Id'] !== undefined)
      throw fault.validation('A new record cannot carry an Id');
    const now = new Date().toISOString();
    const target: WireObject = {
      $type: className,
      Id: this.tables.newId(),
      created: now,
      updated: now,
    };
    if (authorId && incoming['CreatorRef'] === undefined) {
      target['CreatorRef'] = { Id: authorId, Type: 'USER' };
    }
    applyWrite(this.writeContext(), type, className, target, incoming);
    this.tables.put(type, target);
    return this.tables.renderRef(this.tables.refTo(type, target));
  }

  /** Partial update: absent fields stay, nil clears, properties merge by name. */
  updateRecord(incoming: WireObject): WireObject {
    const { type, className } = classify(incoming);
    const id = str(incoming['Id']);
    if (id === undefined) throw fault.validation('UpdateRecord needs the record Id');
    const current = this.tables.get(type, id);
    if (!current) throw fault.notFound(`No ${type} ${id}`);
    if (incoming['CreatorRef'] !== undefined) {
      throw fault.validation('CreatorRef is set when a record is created');
    }
    const next = structuredClone(current);
    applyWrite(this.writeContext(), type, className, next, incoming);
    next['updated'] = new Date().toISOString();
    this.tables.put(type, next);
    return this.tables.renderRef(this.tables.refTo(type, next));
  }

  /** Updates one field, dynamic property or meta of a record. */
  updateRecordField(ref: WireObject, fieldType: string, property: WireObject): void {
    const { record } = this.tables.resolve(ref, undefined, 'recordRef');
    const name = str(property['Name']);
    if (!name) throw fault.validation('The property needs a Name');
    const className = record.$type as string;
    if (fieldType === 'FIELD' && !writableScalarField(className, name)) {
      throw fault.validation(
        `${className}.${name} is not a field UpdateRecordField can set`,
      );
    }
    const patch = fieldPatch(fieldType, name, property['Value'] ?? null);
    this.updateRecord({ $type: className, Id: str(record['Id']) ?? null, ...patch });
  }

  /** Soft delete: sets `removed`, as the record's own field suggests the server does. */
  deleteRecord(ref: WireObject): void {
    const { type, record } = this.tables.resolve(ref, undefined, 'recordRef');
    record['removed'] = new Date().toISOString();
    this.tables.put(type, record);
  }

  progressTask(
    taskRef: WireObject,
    logicId: number,
    at: string,
    userId: string,
  ): WireObject {
    const { record } = this.tables.resolve(taskRef, 'TASK', 'taskRef');
    const change = this.workflows.progress(
      record,
      logicId,
      at,
      userId,
      this.options.strictTransitions,
    );
    record['updated'] = new Date().toISOString();
    return { Id: change.stateId, Type: 'TASK_STATE' };
  }

  private writeContext(): WriteContext {
    return { tables: this.tables, definitions: this.definitions };
  }
}

function classOf(type: RecordTypeName): string {
  const className = {
    CLIENT: 'Client',
    NODE: 'Node',
    PRODUCT: 'Product',
    DYNAMIC_ENTITY: 'DynamicEntity',
    TASK_TYPE: 'TaskType',
    ...TYPE_CLASS,
  }[type as string];
  if (!className) throw new Error(`addRecord does not create ${type}`);
  return className;
}

function classify(incoming: WireObject): { type: RecordTypeName; className: string } {
  const className = incoming.$type;
  const type = className ? recordTypeOfClass(className) : undefined;
  if (!className || !type)
    throw fault.validation(`The fake does not store ${className} records`);
  return { type, className };
}

// Guess: the enum's values are not in the public record. FIELD names a record field,
// PROPERTY a dynamic property, META a hidden key/value.
function fieldPatch(fieldType: string, name: string, value: unknown): WireObject {
  const item = { Property: [{ Name: name, Value: value }] } as unknown as WireObject;
  if (fieldType === 'PROPERTY') return { Properties: item };
  if (fieldType === 'META') return { Metas: item };
  const any = value as WireAny | null;
  if (any !== null && typeof any.value !== 'string') {
    throw fault.validation(`FIELD updates take a scalar value; ${name} got an object`);
  }
  return { [name]: any === null ? null : (any.value as string) };
}
