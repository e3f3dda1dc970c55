import { inputError } from '../errors';
import type {
  ClientUpsert,
  EntityValueUpsert,
  NodeUpsert,
  PlAddress,
  PlPropertyValue,
  PlRefInput,
  ProductUpsert,
  UpsertBase,
} from '../port';
import { isDecimalText } from './decimal-text';
import { ADDRESS_PARTS } from './wire-read';
import { tnsValue, xsdValue, type WireInObject } from './wire-write';

/** Translates one of our record types to the service's RecordType constant. */
export type TypeConstant = (
  ours: 'CLIENT' | 'NODE' | 'DYNAMIC_ENTITY' | TypeKindConstant,
) => string;
type TypeKindConstant =
  'CLIENT_TYPE' | 'NODE_TYPE' | 'PRODUCT_TYPE' | 'DYNAMIC_ENTITY_TYPE';

/** Whether the fields are for a new record or for one that exists. */
export type WriteMode = 'create' | 'update';

// Every builder below follows the same rule: a field the caller left undefined, or gave
// as an empty or blank string, is not sent at all (the service keeps what it has); null
// is sent as an explicit nil, which clears it. Sending an empty element would erase the
// stored value, which is the mistake the ProgressionLIVE API guide warns about.

/** Sets `name` unless the value is absent or blank; null is kept (it clears). */
export function put(
  fields: WireInObject,
  name: string,
  value: string | null | undefined,
) {
  if (value === undefined) return;
  if (value !== null && value.trim() === '') return;
  fields[name] = value;
}

function putBool(fields: WireInObject, name: string, value: boolean | null | undefined) {
  if (value === undefined) return;
  fields[name] = value === null ? null : String(value);
}

function refTo(input: PlRefInput, type: string): WireInObject | undefined {
  const out: WireInObject = {};
  put(out, 'Id', input.id);
  if (out['Id'] === undefined) put(out, 'ExternalId', input.externalId);
  if (out['Id'] === undefined && out['ExternalId'] === undefined)
    put(out, 'Label', input.label);
  if (Object.keys(out).length === 0) return undefined;
  return { ...out, Type: type };
}

function putRef(
  fields: WireInObject,
  name: string,
  input: PlRefInput | null | undefined,
  type: string,
) {
  if (input === undefined) return;
  if (input === null) {
    fields[name] = null;
    return;
  }
  const value = refTo(input, type);
  if (value) fields[name] = value;
}

function putAddress(fields: WireInObject, value: PlAddress | null | undefined) {
  if (value === undefined) return;
  if (value === null) {
    fields['Address'] = null;
    return;
  }
  const out: WireInObject = {};
  for (const [ours, theirs] of ADDRESS_PARTS) put(out, theirs, value[ours]);
  // The service treats the address as one value: the parts sent replace the stored ones.
  if (Object.keys(out).length > 0) fields['Address'] = out;
}

function propertyValue(value: PlPropertyValue, entityType: string): WireInObject | null {
  if (value === null) return null;
  if (typeof value === 'string') return xsdValue('string', value);
  if (typeof value === 'boolean') return xsdValue('boolean', String(value));
  if ('decimal' in value)
    return xsdValue('decimal', checkedDecimal(value.decimal, 'property'));
  const entity = refTo(value.entity, entityType);
  if (!entity) throw emptyReference();
  return tnsValue('RecordRef', entity);
}

function putProperties(fields: WireInObject, input: UpsertBase, entityType: string) {
  const list = Object.entries(input.properties ?? {})
    .filter(
      ([, value]) =>
        value !== undefined && !(typeof value === 'string' && value.trim() === ''),
    )
    .map(([name, value]) => ({ Name: name, Value: propertyValue(value, entityType) }));
  if (list.length > 0) fields['Properties'] = { Property: list };
}

/** The fields every record kind shares: external id, activity, dynamic properties. */
function common(
  input: UpsertBase,
  mode: WriteMode,
  sendExternalId: boolean,
  t: TypeConstant,
) {
  const fields: WireInObject = {};
  if (mode === 'create' || sendExternalId) put(fields, 'ExternalId', input.externalId);
  // There is no "active" flag in the public record; a record's `removed` date is its
  // soft-deletion mark, so deactivating sets it and reactivating clears it.
  if (input.active === false) fields['removed'] = new Date().toISOString();
  if (input.active === true && mode === 'update') fields['removed'] = null;
  putProperties(fields, input, t('DYNAMIC_ENTITY'));
  return fields;
}

export interface FieldOptions {
  mode: WriteMode;
  /** Send ExternalId on an update (when linking a record found by its id). */
  sendExternalId: boolean;
  types: TypeConstant;
}

export function clientFields(input: ClientUpsert, o: FieldOptions): WireInObject {
  const fields = common(input, o.mode, o.sendExternalId, o.types);
  putRef(fields, 'TypeRef', input.typeRef, o.types('CLIENT_TYPE'));
  put(fields, 'Label', input.label);
  put(fields, 'Lang', input.lang);
  putAddress(fields, input.address);
  return requireForCreate(fields, o.mode, 'client');
}

export function nodeFields(input: NodeUpsert, o: FieldOptions): WireInObject {
  const fields = common(input, o.mode, o.sendExternalId, o.types);
  putRef(fields, 'TypeRef', input.typeRef, o.types('NODE_TYPE'));
  put(fields, 'Label', input.label);
  putRef(fields, 'ClientRef', input.clientRef, o.types('CLIENT'));
  putAddress(fields, input.address);
  return requireForCreate(fields, o.mode, 'location');
}

export function productFields(input: ProductUpsert, o: FieldOptions): WireInObject {
  const fields = common(input, o.mode, o.sendExternalId, o.types);
  putRef(fields, 'TypeRef', input.typeRef, o.types('PRODUCT_TYPE'));
  put(fields, 'Label', input.label);
  // `code` and `description` are lower case in the v2 schema, unlike the other fields.
  put(fields, 'code', input.code);
  put(fields, 'description', input.description);
  if (input.price !== undefined) {
    fields['Price'] = input.price === null ? null : checkedDecimal(input.price, 'price');
  }
  putBool(fields, 'Taxable', input.taxable);
  return requireForCreate(fields, o.mode, 'product');
}

export function entityValueFields(
  input: EntityValueUpsert,
  o: FieldOptions,
): WireInObject {
  const fields = common(input, o.mode, o.sendExternalId, o.types);
  putRef(fields, 'TypeRef', input.typeRef, o.types('DYNAMIC_ENTITY_TYPE'));
  put(fields, 'Label', input.label);
  return requireForCreate(fields, o.mode, 'entity value');
}

function requireForCreate(fields: WireInObject, mode: WriteMode, what: string) {
  if (mode === 'update') return fields;
  if (!fields['TypeRef'] || !fields['Label']) {
    throw inputError({
      en: `A new ${what} needs a type and a name before it can be created in ProgressionLIVE.`,
      fr: `Un nouvel enregistrement (${what}) doit avoir un type et un nom pour être créé dans ProgressionLIVE.`,
    });
  }
  return fields;
}

function checkedDecimal(value: string, what: string): string {
  const trimmed = value.trim();
  if (!isDecimalText(trimmed)) {
    throw inputError({
      en: `The ${what} "${value}" is not a decimal number.`,
      fr: `La valeur « ${value} » (${what}) n'est pas un nombre décimal.`,
    });
  }
  return trimmed;
}

function emptyReference() {
  return inputError({
    en: 'An entity value must be given by its id, external id or name.',
    fr: "Une valeur d'entité doit être donnée par son identifiant, son identifiant externe ou son nom.",
  });
}
