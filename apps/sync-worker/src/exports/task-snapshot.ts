import type {
  CompanySettings,
  PostalAddress,
  TaskItemSnapshot,
  TaskSnapshot,
} from '@qbd/domain';
import type { PlAddress, PlPropertyRead, PlTask } from '@qbd/progressionlive';

/**
 * The snapshot of a task read from ProgressionLIVE, in the shape the main app sends with
 * its stage events, so an export made by the sweep is built exactly like any other.
 */
export function snapshotOfTask(task: PlTask, settings: CompanySettings): TaskSnapshot {
  const snapshot: TaskSnapshot = {
    taskId: task.id,
    taskNumber: task.code,
    stage: task.logicId ?? settings.billingTriggerStage,
    clientId: task.clientRef?.id ?? '',
    items: task.items.map(itemOf),
  };
  assign(snapshot, 'taskTypeId', task.typeRef?.id);
  assign(snapshot, 'clientName', task.clientRef?.label);
  assign(snapshot, 'clientAddress', addressOf(task.clientAddress));
  assign(snapshot, 'locationId', task.nodeRef?.id);
  assign(snapshot, 'locationName', task.nodeRef?.label);
  assign(snapshot, 'locationAddress', addressOf(task.nodeAddress));
  assign(snapshot, 'classValue', entityValue(task.properties[settings.classProperty]));
  assign(snapshot, 'siteValue', entityValue(task.properties[settings.siteProperty]));
  return snapshot;
}

function itemOf(item: PlTask['items'][number]): TaskItemSnapshot {
  return {
    ...(item.id ? { lineId: item.id } : {}),
    ...(item.productRef?.id ? { productId: item.productRef.id } : {}),
    description: item.label,
    quantity: item.quantity,
    unitPrice: item.price,
  };
}

/** An ENTITY property is given by its value's id; a text property by its text. */
function entityValue(property: PlPropertyRead | undefined): string | undefined {
  return property?.entity?.id ?? property?.value ?? undefined;
}

function addressOf(address: PlAddress | undefined): PostalAddress | undefined {
  if (!address) return undefined;
  const result: PostalAddress = {};
  assign(result, 'line1', address.street);
  assign(result, 'line2', address.suite);
  assign(result, 'city', address.city);
  assign(result, 'province', address.province);
  assign(result, 'postalCode', address.postalCode);
  assign(result, 'country', address.country);
  return Object.keys(result).length > 0 ? result : undefined;
}

function assign<T extends object, K extends keyof T>(
  target: T,
  key: K,
  value: T[K] | null | undefined,
): void {
  if (value === undefined || value === null || value === '') return;
  target[key] = value;
}
