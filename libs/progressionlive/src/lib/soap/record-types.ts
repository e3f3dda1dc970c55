import { unsupportedError } from '../errors';
import type { WsdlModel } from './wsdl-model';

/** The record types the adapter names, in its own words. */
export type OurRecordType =
  | 'CLIENT'
  | 'CLIENT_TYPE'
  | 'NODE'
  | 'NODE_TYPE'
  | 'PRODUCT'
  | 'PRODUCT_TYPE'
  | 'DYNAMIC_ENTITY'
  | 'DYNAMIC_ENTITY_TYPE'
  | 'TASK'
  | 'TASK_TYPE'
  | 'USER';

// The documented RecordType list has no dynamic-entity constant; the v2 class names
// (DynamicEntity, DynamicEntityType) suggest these spellings, tried in order.
const CANDIDATES: Partial<Record<OurRecordType, string[]>> = {
  DYNAMIC_ENTITY: ['DYNAMIC_ENTITY', 'DYNAMICENTITY', 'ENTITY'],
  DYNAMIC_ENTITY_TYPE: ['DYNAMIC_ENTITY_TYPE', 'DYNAMICENTITY_TYPE', 'ENTITY_TYPE'],
};

/** The record classes (xsi:types) the adapter writes and reads. */
export const RECORD_CLASS = {
  CLIENT: 'Client',
  NODE: 'Node',
  PRODUCT: 'Product',
  DYNAMIC_ENTITY: 'DynamicEntity',
  TASK: 'Task',
} as const;

/**
 * The RecordType constant the company's WSDL uses for one of ours. When the WSDL lists
 * the enum, the constant must be in it; when it declares RecordType as a plain string,
 * ours is sent as it is.
 */
export function recordTypeConstant(model: WsdlModel, ours: OurRecordType): string {
  const values = model.enumValues('RecordType');
  if (values.length === 0) return ours;
  const wanted = CANDIDATES[ours] ?? [ours];
  const found = wanted.find((candidate) => values.includes(candidate));
  if (!found) {
    throw unsupportedError(
      `its RecordType list has no constant for ${ours} (it has ${values.join(', ')})`,
    );
  }
  return found;
}

/** The WSDL's name for one of the record classes, or an UNSUPPORTED error. */
export function recordClass(model: WsdlModel, className: string): string {
  const found = model.typeName(className);
  if (!found) throw unsupportedError(`its WSDL has no ${className} type`);
  return found;
}

/**
 * The RecordFieldType value that makes UpdateRecordField write a dynamic property, if the
 * WSDL has one; undefined sends the caller to the UpdateRecord fallback.
 */
export function propertyFieldType(model: WsdlModel): string | undefined {
  const values = model.enumValues('RecordFieldType');
  const exact = ['PROPERTY', 'DYNAMIC_PROPERTY', 'PROPERTIES', 'DYNAMIC_PROPERTIES'];
  return exact.find((v) => values.includes(v));
}
