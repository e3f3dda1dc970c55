import { str, type WireAny, type WireObject } from '../soap/wire-value';
import type { PropertyValueType } from './properties';
import type { Workflows } from './workflows';
import { applyWrite, type WriteContext } from './writes';

export interface TaskItemSeed {
  /** A PRODUCT id; absent for a free-text line. */
  productId?: string;
  label: string;
  quantity: string;
  price: string;
  rebate?: string;
  taxable?: boolean;
  total?: string;
}

/** A value for a task property: text in the definition's type, or a DynamicEntity id. */
export type SeedPropertyValue = string | { entityId: string };

export interface TaskSeed {
  typeId: string;
  code?: string;
  summary?: string;
  externalId?: string;
  clientId?: string;
  nodeId?: string;
  /** The step the task sits at; none when absent. */
  logicId?: number;
  items?: TaskItemSeed[];
  subTotal?: string;
  total?: string;
  taxAmounts?: string[];
  properties?: Record<string, SeedPropertyValue>;
}

const XSI_OF: Record<PropertyValueType, string> = {
  STRING: 'xsd:string',
  INTEGER: 'xsd:long',
  DECIMAL: 'xsd:decimal',
  BOOLEAN: 'xsd:boolean',
  DATETIME: 'xsd:dateTime',
  ENTITY: 'RecordRef',
};

/** Builds and stores a seeded task; the references go through the same checks as writes. */
export function seedTask(
  ctx: WriteContext,
  workflows: Workflows,
  seed: TaskSeed,
  counter: number,
): string {
  const now = new Date().toISOString();
  const id = ctx.tables.newId();
  const task: WireObject = { $type: 'Task', Id: id, created: now, updated: now };
  applyWrite(ctx, 'TASK', 'Task', task, seedFields(ctx, seed));
  task['Code'] = seed.code ?? defaultCode(ctx, seed.typeId, counter);
  task['TaskItemList'] = itemList(ctx, seed);
  if (seed.logicId !== undefined) workflows.place(task, seed.logicId, now);
  ctx.tables.put('TASK', task);
  return id;
}

function seedFields(ctx: WriteContext, seed: TaskSeed): WireObject {
  const fields: WireObject = { TypeRef: { Id: seed.typeId, Type: 'TASK_TYPE' } };
  if (seed.clientId) fields['ClientRef'] = { Id: seed.clientId, Type: 'CLIENT' };
  if (seed.nodeId) fields['NodeRef'] = { Id: seed.nodeId, Type: 'NODE' };
  if (seed.summary) fields['Summary'] = seed.summary;
  if (seed.externalId) fields['ExternalId'] = seed.externalId;
  const props = Object.entries(seed.properties ?? {}).map(([name, value]) => ({
    Name: name,
    Value: propertyValue(ctx, name, value),
  }));
  if (props.length > 0)
    fields['Properties'] = { Property: props } as unknown as WireObject;
  return fields;
}

function propertyValue(
  ctx: WriteContext,
  name: string,
  value: SeedPropertyValue,
): WireAny {
  if (typeof value !== 'string') {
    return { $type: 'RecordRef', value: { Id: value.entityId, Type: 'DYNAMIC_ENTITY' } };
  }
  const def = ctx.definitions.get('TASK', name);
  return { $type: def ? XSI_OF[def.valueType] : 'xsd:string', value };
}

function defaultCode(ctx: WriteContext, typeId: string, counter: number): string {
  const prefix = str(ctx.tables.get('TASK_TYPE', typeId)?.['CodePrefix']) ?? '';
  return `${prefix}${String(counter).padStart(6, '0')}`;
}

function itemList(ctx: WriteContext, seed: TaskSeed): WireObject {
  const items = (seed.items ?? []).map((item) => taskItem(ctx, item));
  const list: WireObject = {
    Id: ctx.tables.newId(),
    TaskItems: { Record: items },
    TaxAmounts: {
      Record: (seed.taxAmounts ?? []).map((amount) => ({
        $type: 'TaxAmount',
        Id: ctx.tables.newId(),
        Amount: amount,
      })),
    },
  };
  if (seed.subTotal !== undefined) list['SubTotal'] = seed.subTotal;
  if (seed.total !== undefined) list['Total'] = seed.total;
  return list;
}

function taskItem(ctx: WriteContext, item: TaskItemSeed): WireObject {
  const out: WireObject = {
    $type: 'TaskItem',
    Id: ctx.tables.newId(),
    Label: item.label,
    Quantity: item.quantity,
    Price: item.price,
  };
  if (item.productId) {
    const { type, record } = ctx.tables.resolve(
      { Id: item.productId },
      'PRODUCT',
      'item',
    );
    out['ProductRef'] = ctx.tables.refTo(type, record);
  }
  if (item.rebate !== undefined) out['Rebate'] = item.rebate;
  if (item.taxable !== undefined) out['Taxable'] = String(item.taxable);
  if (item.total !== undefined) out['Total'] = item.total;
  return out;
}
