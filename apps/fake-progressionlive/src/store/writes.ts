import { allFields, type RecordTypeName } from '../schema/wire-schema';
import {
  asAny,
  isWireObject,
  list,
  str,
  type WireObject,
  type WireValue,
} from '../soap/wire-value';
import { fault } from './fake-fault';
import { checkPropertyValue, type PropertyDefinitions } from './properties';
import type { RecordTables } from './record-tables';

type FieldRule =
  | { kind: 'plain' }
  | { kind: 'ref'; to: RecordTypeName }
  | { kind: 'readOnly'; why: string }
  | { kind: 'unsupported' };

interface ClassRules {
  creatable: boolean;
  required: string[];
  fields: Record<string, FieldRule>;
}

const plain: FieldRule = { kind: 'plain' };
const ref = (to: RecordTypeName): FieldRule => ({ kind: 'ref', to });
const readOnly = (why: string): FieldRule => ({ kind: 'readOnly', why });
const unsupported: FieldRule = { kind: 'unsupported' };

const RECORD_RULES: Record<string, FieldRule> = {
  UID: readOnly('set by the server'),
  ExternalId: plain,
  removed: plain,
  updated: readOnly('set by the server'),
  created: readOnly('set by the server'),
  Tags: unsupported,
  CreatorRef: ref('USER'),
};

const TYPE_RULES = (extra: Record<string, FieldRule> = {}): ClassRules => ({
  creatable: true,
  required: ['Label'],
  fields: {
    Label: plain,
    defaultType: plain,
    allowCreate: plain,
    mobileAllowCreate: plain,
    ...extra,
  },
});

const CLASS_RULES: Record<string, ClassRules> = {
  ClientType: TYPE_RULES(),
  NodeType: TYPE_RULES(),
  ProductType: TYPE_RULES(),
  DynamicEntityType: TYPE_RULES(),
  TaskType: TYPE_RULES({
    WorkflowRef: ref('WORKFLOW'),
    CodePrefix: plain,
    ProductBilling: plain,
    QuantityConfirm: plain,
  }),
  Client: {
    creatable: true,
    required: ['TypeRef', 'Label'],
    fields: {
      TypeRef: ref('CLIENT_TYPE'),
      ProductPriceListRef: unsupported,
      TaxConfigRef: unsupported,
      Nodes: readOnly('a client lists the nodes whose ClientRef points at it'),
      Address: plain,
      Label: plain,
      Lang: plain,
    },
  },
  Node: {
    creatable: true,
    required: ['TypeRef', 'Label'],
    fields: {
      TypeRef: ref('NODE_TYPE'),
      Address: plain,
      ClientRef: ref('CLIENT'),
      Label: plain,
    },
  },
  Product: {
    creatable: true,
    required: ['TypeRef', 'Label'],
    fields: {
      TypeRef: ref('PRODUCT_TYPE'),
      ProductCategoryRef: unsupported,
      TaskItemTypeRef: unsupported,
      Label: plain,
      code: plain,
      description: plain,
      Price: plain,
      Taxable: plain,
    },
  },
  DynamicEntity: {
    creatable: true,
    required: ['TypeRef', 'Label'],
    fields: { Label: plain, TypeRef: ref('DYNAMIC_ENTITY_TYPE') },
  },
  Task: {
    creatable: false,
    required: [],
    fields: {
      TypeRef: ref('TASK_TYPE'),
      PriorityRef: unsupported,
      HumanResourceRef: unsupported,
      Code: readOnly('the task number is given by the server'),
      Summary: plain,
      Description: plain,
      Lang: plain,
      Rv: plain,
      CurrentState: readOnly('a task changes step through ProgressTaskToLogicId'),
      TaskItemList: unsupported,
      ClientRef: ref('CLIENT'),
      ClientAddress: plain,
      NodeRef: ref('NODE'),
      NodeAddress: plain,
    },
  },
};

export interface WriteContext {
  tables: RecordTables;
  definitions: PropertyDefinitions;
}

export function rulesFor(className: string): ClassRules | undefined {
  return CLASS_RULES[className];
}

/**
 * Applies `incoming` onto `target`: an absent field is left as it is, an explicit nil
 * clears it, properties and metas merge by name. Throws a fault on the first broken rule.
 */
export function applyWrite(
  ctx: WriteContext,
  type: RecordTypeName,
  className: string,
  target: WireObject,
  incoming: WireObject,
): void {
  const rules = CLASS_RULES[className];
  if (!rules) throw fault.validation(`${className} records cannot be written`);
  for (const [field, value] of Object.entries(incoming)) {
    if (field === '$type' || field === 'Id' || value === undefined) continue;
    writeField(ctx, { type, className, rules, target, field, value });
  }
  checkRequired(rules, className, target);
  checkExternalId(ctx.tables, type, target);
}

interface FieldWrite {
  type: RecordTypeName;
  className: string;
  rules: ClassRules;
  target: WireObject;
  field: string;
  value: WireValue;
}

function writeField(ctx: WriteContext, w: FieldWrite): void {
  if (w.field === 'Properties') return mergeProperties(ctx, w.type, w.target, w.value);
  if (w.field === 'Metas') return mergeMetas(w.target, w.value);
  const rule = w.rules.fields[w.field] ?? RECORD_RULES[w.field];
  if (!rule || rule.kind === 'unsupported') {
    throw fault.validation(`the fake does not model ${w.className}.${w.field}`);
  }
  if (rule.kind === 'readOnly') {
    throw fault.validation(`${w.className}.${w.field} cannot be written: ${rule.why}`);
  }
  if (w.value === null) {
    delete w.target[w.field];
    return;
  }
  w.target[w.field] =
    rule.kind === 'ref' ? resolveRef(ctx, rule.to, w) : structuredClone(w.value);
}

function resolveRef(ctx: WriteContext, to: RecordTypeName, w: FieldWrite): WireObject {
  if (!isWireObject(w.value)) throw fault.validation(`${w.field} must be a RecordRef`);
  const { type, record } = ctx.tables.resolve(w.value, to, `${w.className}.${w.field}`);
  return ctx.tables.refTo(type, record);
}

function checkRequired(rules: ClassRules, className: string, target: WireObject): void {
  for (const field of rules.required) {
    const value = target[field];
    if (value === undefined || value === null || value === '') {
      throw fault.validation(`${className}.${field} is required`);
    }
  }
}

function checkExternalId(tables: RecordTables, type: RecordTypeName, target: WireObject) {
  const externalId = str(target['ExternalId']);
  if (externalId === undefined) return;
  const holder = tables.byExternalId(type, externalId);
  if (holder && holder['Id'] !== target['Id']) {
    throw fault.validation(
      `externalId "${externalId}" is already used by ${type} ${str(holder['Id'])}`,
    );
  }
}

function mergeProperties(
  ctx: WriteContext,
  type: RecordTypeName,
  target: WireObject,
  value: WireValue,
): void {
  const current = new Map(
    list(obj(target['Properties'])?.['Property']).map((p) => [
      str(p['Name']) as string,
      p,
    ]),
  );
  for (const property of list(obj(value)?.['Property'])) {
    const name = requiredName(property);
    const def = ctx.definitions.get(type, name);
    if (!def) throw fault.validation(`${type} has no property named ${name}`);
    const incoming = asAny(property['Value']);
    if (!incoming) {
      current.delete(name);
      continue;
    }
    const resolveEntity = (r: WireObject) =>
      ctx.tables.resolve(r, 'DYNAMIC_ENTITY', `property ${name}`).record;
    current.set(name, {
      Name: name,
      Value: checkPropertyValue(def, incoming, resolveEntity),
    } as WireObject);
  }
  setArray(target, 'Properties', 'Property', [...current.values()]);
}

function mergeMetas(target: WireObject, value: WireValue): void {
  const current = new Map(
    list(obj(target['Metas'])?.['Property']).map((p) => [str(p['Name']) as string, p]),
  );
  for (const meta of list(obj(value)?.['Property'])) {
    const name = requiredName(meta);
    if (asAny(meta['Value'])) current.set(name, structuredClone(meta));
    else current.delete(name);
  }
  setArray(target, 'Metas', 'Property', [...current.values()]);
}

function requiredName(property: WireObject): string {
  const name = str(property['Name']);
  if (!name) throw fault.validation('A Property needs a Name');
  return name;
}

function setArray(target: WireObject, field: string, item: string, items: WireObject[]) {
  if (items.length === 0) delete target[field];
  else target[field] = { [item]: items };
}

function obj(value: WireValue | undefined): WireObject | undefined {
  return isWireObject(value) ? value : undefined;
}

/** The scalar and reference fields a class has, for UpdateRecordField's FIELD mode. */
export function writableScalarField(
  className: string,
  field: string,
): string | undefined {
  const rule = CLASS_RULES[className]?.fields[field];
  if (!rule || rule.kind !== 'plain') return undefined;
  return allFields(className).find((f) => f.name === field)?.type;
}
