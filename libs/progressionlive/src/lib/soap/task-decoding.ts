import type { PlPropertyRead, PlTask, PlTaskItem, PlTaskType } from '../port';
import { plainDecimal } from './decimal-text';
import {
  address,
  bool,
  field,
  isParsed,
  items,
  ref,
  text,
  xsiType,
  xsiTypeRaw,
} from './wire-read';

/** A Task record as read from GetRecord, in the port's terms. */
export function decodeTask(record: unknown): PlTask {
  const state = field(record, 'CurrentState');
  const itemList = field(record, 'TaskItemList');
  const logicId = text(field(state, 'LogicId'));
  const task: PlTask = {
    id: text(field(record, 'Id')) ?? '',
    code: text(field(record, 'Code')) ?? '',
    typeRef: ref(field(record, 'TypeRef')),
    clientRef: ref(field(record, 'ClientRef')),
    nodeRef: ref(field(record, 'NodeRef')),
    logicId: logicId === undefined ? null : Number(logicId),
    items: items(field(itemList, 'TaskItems')).map(decodeItem),
    taxAmounts: items(field(itemList, 'TaxAmounts'))
      .map((t) => plainDecimal(text(field(t, 'Amount'))))
      .filter((a): a is string => a !== undefined),
    properties: decodeProperties(field(record, 'Properties')),
  };
  addOptional(task, record, state, itemList);
  return task;
}

function addOptional(task: PlTask, record: unknown, state: unknown, itemList: unknown) {
  const optional: Partial<PlTask> = {
    externalId: text(field(record, 'ExternalId')),
    summary: text(field(record, 'Summary')),
    description: text(field(record, 'Description')),
    appointmentAt: text(field(record, 'Rv')),
    stepAt: text(field(state, 'Datetime')),
    subTotal: plainDecimal(text(field(itemList, 'SubTotal'))),
    total: plainDecimal(text(field(itemList, 'Total'))),
    clientAddress: address(field(record, 'ClientAddress')),
    nodeAddress: address(field(record, 'NodeAddress')),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (task as unknown as Record<string, unknown>)[key] = value;
  }
}

function decodeItem(item: unknown): PlTaskItem {
  const out: PlTaskItem = {
    productRef: ref(field(item, 'ProductRef')),
    label: text(field(item, 'Label')) ?? '',
    quantity: plainDecimal(text(field(item, 'Quantity'))) ?? '0',
    price: plainDecimal(text(field(item, 'Price'))) ?? '0',
  };
  const id = text(field(item, 'Id'));
  const rebate = plainDecimal(text(field(item, 'Rebate')));
  const taxable = bool(field(item, 'Taxable'));
  const total = plainDecimal(text(field(item, 'Total')));
  if (id !== undefined) out.id = id;
  if (rebate !== undefined) out.rebate = rebate;
  if (taxable !== undefined) out.taxable = taxable;
  if (total !== undefined) out.total = total;
  return out;
}

/** Dynamic properties by name; an ENTITY value comes back as a reference. */
export function decodeProperties(wrapper: unknown): Record<string, PlPropertyRead> {
  const out: Record<string, PlPropertyRead> = {};
  for (const property of items(wrapper)) {
    const name = text(field(property, 'Name'));
    if (!name) continue;
    out[name] = decodeValue(name, field(property, 'Value'));
  }
  return out;
}

function decodeValue(name: string, value: unknown): PlPropertyRead {
  const typeName = xsiType(value);
  const raw = xsiTypeRaw(value);
  const isRef =
    /recordref/i.test(typeName ?? '') ||
    (isParsed(value) && field(value, 'Id') !== undefined);
  const read: PlPropertyRead = { name, value: null };
  if (raw) read.xsiType = raw;
  if (isRef) {
    const entity = ref(value);
    if (entity) read.entity = entity;
    read.value = entity?.label ?? null;
    return read;
  }
  read.value = text(value) ?? null;
  return read;
}

/** A TaskType record, in the port's terms. */
export function decodeTaskType(record: unknown): PlTaskType {
  const out: PlTaskType = {
    id: text(field(record, 'Id')) ?? '',
    label: text(field(record, 'Label')) ?? '',
    productBilling: bool(field(record, 'ProductBilling')) ?? false,
    workflowRef: ref(field(record, 'WorkflowRef')),
  };
  const codePrefix = text(field(record, 'CodePrefix'));
  if (codePrefix !== undefined) out.codePrefix = codePrefix;
  return out;
}
