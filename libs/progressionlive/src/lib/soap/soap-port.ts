import {
  inputError,
  notFoundError,
  type ProgressionLiveError,
  unsupportedError,
  validationError,
} from '../errors';
import type {
  ClientUpsert,
  EntityValueUpsert,
  ListTasksOptions,
  NodeUpsert,
  PlNode,
  PlRecordKind,
  PlRef,
  PlTask,
  PlTaskSummary,
  PlTaskType,
  PlTypeKind,
  ProductUpsert,
  ProgressionLivePort,
  UpsertBase,
} from '../port';
import {
  FIND_BY_EXTERNAL_ID,
  FIND_BY_LABEL,
  NODES_OF_CLIENT,
  tasksAtStageQuery,
} from './queries';
import {
  propertyFieldType,
  RECORD_CLASS,
  recordClass,
  recordTypeConstant,
  type OurRecordType,
} from './record-types';
import type { ServiceHandle } from './service-clients';
import type { SoapSession } from './soap-session';
import { decodeTask, decodeTaskType } from './task-decoding';
import {
  clientFields,
  entityValueFields,
  nodeFields,
  productFields,
  type FieldOptions,
  type WriteMode,
} from './upsert-fields';
import { address, field, items, ref, text } from './wire-read';
import { typedRecord, xsdValue, type WireInObject } from './wire-write';

export interface SoapPortOptions {
  /** The PL user to record as the author of what the connector creates. */
  asUser?: string;
  /** The largest page the adapter asks for when listing tasks. */
  defaultPageSize: number;
}

type FieldBuilder<T> = (input: T, o: FieldOptions) => WireInObject;

/** The ProgressionLIVE port over the SOAP service `ProgressionWebService` (v2). */
export class SoapProgressionLivePort implements ProgressionLivePort {
  constructor(
    private readonly session: SoapSession,
    private readonly handle: () => Promise<ServiceHandle>,
    private readonly options: SoapPortOptions,
  ) {}

  openSession(): Promise<void> {
    return this.session.open();
  }

  closeSession(): Promise<void> {
    return this.session.close();
  }

  async getTask(taskId: string): Promise<PlTask> {
    const record = await this.getRecord('TASK', taskId);
    return decodeTask(record);
  }

  async listTasksAtStage(
    logicId: number,
    opts: ListTasksOptions = {},
  ): Promise<PlTaskSummary[]> {
    const typeIds = opts.taskTypeIds ?? [];
    const parameters = [
      property('logicId', xsdValue('int', String(logicId))),
      ...typeIds.map((id, i) => property(`type${i}`, xsdValue('long', id))),
    ];
    const refs = await this.searchRefs(
      'TASK',
      tasksAtStageQuery(typeIds.length),
      parameters,
      {
        offset: opts.offset ?? 0,
        count: opts.count ?? this.options.defaultPageSize,
      },
    );
    return refs.map((r) => summary(r));
  }

  async getTaskType(id: string): Promise<PlTaskType> {
    const key = `TASK_TYPE#${id}`;
    const cached = this.session.cache.get(key) as PlTaskType | undefined;
    if (cached) return cached;
    const taskType = decodeTaskType(await this.getRecord('TASK_TYPE', id));
    this.session.cache.set(key, taskType);
    return taskType;
  }

  async findTypeByLabel(kind: PlTypeKind, label: string): Promise<PlRef | null> {
    const key = `${kind}=${label}`;
    const cached = this.session.cache.get(key) as PlRef | undefined;
    if (cached) return cached;
    const found = await this.findOne(kind, FIND_BY_LABEL, 'label', label);
    if (found) this.session.cache.set(key, found);
    return found;
  }

  findByExternalId(kind: PlRecordKind, externalId: string): Promise<PlRef | null> {
    return this.findOne(kind, FIND_BY_EXTERNAL_ID, 'externalId', externalId);
  }

  upsertClient(input: ClientUpsert): Promise<PlRef> {
    return this.upsert('CLIENT', RECORD_CLASS.CLIENT, input, clientFields);
  }

  upsertNode(input: NodeUpsert): Promise<PlRef> {
    return this.upsert('NODE', RECORD_CLASS.NODE, input, nodeFields);
  }

  async listClientNodes(clientId: string): Promise<PlNode[]> {
    const nodes: PlNode[] = [];
    const count = this.options.defaultPageSize;
    const parameters = [property('clientId', xsdValue('long', clientId))];
    // The service may cap a page below what was asked: read on until a page is empty.
    while (nodes.length < MAX_LISTED_NODES) {
      const page = await this.searchRecords('NODE', NODES_OF_CLIENT, parameters, {
        offset: nodes.length,
        count,
      });
      if (page.length === 0) break;
      nodes.push(...page.map(decodeNode));
    }
    return nodes;
  }

  upsertProduct(input: ProductUpsert): Promise<PlRef> {
    return this.upsert('PRODUCT', RECORD_CLASS.PRODUCT, input, productFields);
  }

  upsertEntityValue(input: EntityValueUpsert): Promise<PlRef> {
    return this.upsert(
      'DYNAMIC_ENTITY',
      RECORD_CLASS.DYNAMIC_ENTITY,
      input,
      entityValueFields,
    );
  }

  async setTaskProperty(taskId: string, name: string, value: string): Promise<void> {
    if (value.trim() === '') {
      throw inputError({
        en: `The task property ${name} cannot be set to an empty value.`,
        fr: `La propriété ${name} de la tâche ne peut pas recevoir une valeur vide.`,
      });
    }
    const { model } = await this.handle();
    const fieldType = model.hasOperation('UpdateRecordField')
      ? propertyFieldType(model)
      : undefined;
    const prop = property(name, xsdValue('string', value));
    if (fieldType) {
      await this.session.call('UpdateRecordField', {
        recordRef: await this.refTo('TASK', taskId),
        recordFieldType: fieldType,
        property: prop,
      });
      return;
    }
    // Fallback when the WSDL offers no "dynamic property" field type: an update of the
    // task that carries only its id and that one property.
    await this.updateRecord(RECORD_CLASS.TASK, taskId, {
      Properties: { Property: [prop] },
    });
  }

  async progressTask(
    taskId: string,
    logicId: number,
    at: Date = new Date(),
  ): Promise<void> {
    try {
      await this.session.call('ProgressTaskToLogicId', {
        taskRef: await this.refTo('TASK', taskId),
        logicId: String(logicId),
        datetime: at.toISOString(),
      });
    } catch (err) {
      // A retry after an answer lost on the way back finds the task already moved; whether
      // the service refuses a move to the current step is unknown, so that case is success.
      if (!isRefusal(err) || (await this.getTask(taskId)).logicId !== logicId) throw err;
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.session.callOpen('Echo', {});
      return true;
    } catch (err) {
      const mapped = err as ProgressionLiveError;
      return mapped.faultType !== undefined || mapped.code === 'AUTH';
    }
  }

  // ---- upserts -----------------------------------------------------------------------

  private async upsert<T extends UpsertBase>(
    kind: PlRecordKind,
    className: string,
    input: T,
    build: FieldBuilder<T>,
  ): Promise<PlRef> {
    const externalId = checkedExternalId(input.externalId);
    if (input.id) {
      const updated = await this.updateKnown(className, input.id, input, build);
      if (updated) return updated;
    }
    const existing = await this.findByExternalId(kind, externalId);
    if (existing) return this.update(className, existing.id, input, build, false);
    return this.createOrAdopt(kind, className, input, build);
  }

  // The connector's map may point at a record someone has since deleted in ProgressionLIVE;
  // QuickBooks is the master of these records, so the upsert then finds or recreates it.
  private async updateKnown<T extends UpsertBase>(
    className: string,
    id: string,
    input: T,
    build: FieldBuilder<T>,
  ): Promise<PlRef | undefined> {
    try {
      return await this.update(className, id, input, build, true);
    } catch (err) {
      if ((err as ProgressionLiveError).code === 'NOT_FOUND') return undefined;
      throw err;
    }
  }

  // A create refused because the external id is taken means the record exists where a
  // search does not show it (a deactivated one, or one created by a call whose answer was
  // lost): it is then read by its external id and updated instead.
  private async createOrAdopt<T extends UpsertBase>(
    kind: PlRecordKind,
    className: string,
    input: T,
    build: FieldBuilder<T>,
  ): Promise<PlRef> {
    const fields = build(input, await this.fieldOptions('create', false));
    await this.addCreator(className, fields);
    try {
      return await this.create(className, fields, input);
    } catch (err) {
      if (!isRefusal(err)) throw err;
      const adopted = await this.getByExternalId(kind, input.externalId);
      if (!adopted) throw err;
      return this.update(className, adopted.id, input, build, false);
    }
  }

  private async update<T extends UpsertBase>(
    className: string,
    id: string,
    input: T,
    build: FieldBuilder<T>,
    sendExternalId: boolean,
  ): Promise<PlRef> {
    const fields = build(input, await this.fieldOptions('update', sendExternalId));
    const label = typeof fields['Label'] === 'string' ? fields['Label'] : undefined;
    const done: PlRef = { id, externalId: input.externalId, ...(label ? { label } : {}) };
    if (Object.keys(fields).length === 0) return done;
    const answer = await this.updateRecord(className, id, fields);
    return { ...done, ...(answer ?? {}), id, externalId: input.externalId };
  }

  private async create(className: string, fields: WireInObject, input: UpsertBase) {
    const { model } = await this.handle();
    const result = await this.session.call('CreateRecord', {
      record: typedRecord(recordClass(model, className), fields),
    });
    const created = ref(field(result, 'recordRef'));
    if (!created)
      throw unsupportedError('CreateRecord answered without a record reference');
    return { ...created, externalId: input.externalId };
  }

  private async updateRecord(className: string, id: string, fields: WireInObject) {
    const { model } = await this.handle();
    const result = await this.session.call('UpdateRecord', {
      record: typedRecord(recordClass(model, className), { Id: id, ...fields }),
    });
    return ref(field(result, 'recordRef'));
  }

  private async addCreator(className: string, fields: WireInObject): Promise<void> {
    if (!this.options.asUser) return;
    const { model } = await this.handle();
    if (!model.fields(recordClass(model, className)).has('creatorref')) return;
    fields['CreatorRef'] = {
      Label: this.options.asUser,
      Type: await this.constant('USER'),
    };
  }

  private async fieldOptions(
    mode: WriteMode,
    sendExternalId: boolean,
  ): Promise<FieldOptions> {
    const { model } = await this.handle();
    return { mode, sendExternalId, types: (ours) => recordTypeConstant(model, ours) };
  }

  // ---- reads -------------------------------------------------------------------------

  private async getRecord(type: OurRecordType, id: string): Promise<unknown> {
    const result = await this.session.call('GetRecord', {
      recordRef: await this.refTo(type, id),
    });
    const record = field(result, 'record');
    if (!record) throw notFoundError({ en: `${type} ${id}`, fr: `${type} ${id}` });
    return record;
  }

  private async getByExternalId(
    kind: PlRecordKind,
    externalId: string,
  ): Promise<PlRef | null> {
    try {
      const result = await this.session.call('GetRecord', {
        recordRef: { ExternalId: externalId, Type: await this.constant(kind) },
      });
      return ref(field(result, 'record'));
    } catch (err) {
      if ((err as ProgressionLiveError).code === 'NOT_FOUND') return null;
      throw err;
    }
  }

  private async findOne(
    kind: PlTypeKind | PlRecordKind,
    query: string,
    name: string,
    value: string,
  ): Promise<PlRef | null> {
    const refs = await this.searchRefs(
      kind,
      query,
      [property(name, xsdValue('string', value))],
      {
        offset: 0,
        count: 2,
      },
    );
    if (refs.length > 1) {
      throw validationError(
        `two ${kind} records have ${name} "${value}"; one must be changed`,
      );
    }
    return refs[0] ?? null;
  }

  private async searchRefs(
    type: OurRecordType,
    query: string,
    parameters: WireInObject[],
    limit: { offset: number; count: number },
  ): Promise<PlRef[]> {
    const result = await this.session.call('SearchRecordRefs', {
      recordType: await this.constant(type),
      query,
      parameters: { Property: parameters },
      limit: { Offset: String(limit.offset), Count: String(limit.count) },
    });
    return items(field(result, 'recordRefs'))
      .map((r) => ref(r))
      .filter((r): r is PlRef => r !== null);
  }

  private async searchRecords(
    type: OurRecordType,
    query: string,
    parameters: WireInObject[],
    limit: { offset: number; count: number },
  ): Promise<unknown[]> {
    const result = await this.session.call('SearchRecords', {
      recordType: await this.constant(type),
      query,
      parameters: { Property: parameters },
      limit: { Offset: String(limit.offset), Count: String(limit.count) },
    });
    return items(field(result, 'records'));
  }

  private async refTo(type: OurRecordType, id: string): Promise<WireInObject> {
    return { Id: id, Type: await this.constant(type) };
  }

  private async constant(type: OurRecordType): Promise<string> {
    const { model } = await this.handle();
    return recordTypeConstant(model, type);
  }
}

/** A bound on one listing, far above any real client's number of sites. */
const MAX_LISTED_NODES = 10_000;

function decodeNode(record: unknown): PlNode {
  const node: PlNode = {
    id: text(field(record, 'Id')) ?? '',
    typeRef: ref(field(record, 'TypeRef')),
  };
  const label = text(field(record, 'Label'));
  const externalId = text(field(record, 'ExternalId'));
  const place = address(field(record, 'Address'));
  if (label !== undefined) node.label = label;
  if (externalId !== undefined) node.externalId = externalId;
  if (place !== undefined) node.address = place;
  return node;
}

function property(name: string, value: WireInObject): WireInObject {
  return { Name: name, Value: value };
}

function summary(r: PlRef): PlTaskSummary {
  const out: PlTaskSummary = { id: r.id };
  if (r.label !== undefined) out.code = r.label;
  if (r.externalId !== undefined) out.externalId = r.externalId;
  return out;
}

function isRefusal(err: unknown): boolean {
  return (err as ProgressionLiveError | undefined)?.code === 'VALIDATION';
}

function checkedExternalId(externalId: string): string {
  if (typeof externalId !== 'string' || externalId.trim() === '') {
    throw inputError({
      en: 'A record linked to QuickBooks needs its QuickBooks identifier.',
      fr: 'Un enregistrement lié à QuickBooks doit avoir son identifiant QuickBooks.',
    });
  }
  return externalId;
}
