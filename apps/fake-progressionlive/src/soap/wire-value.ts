// The in-memory shape of what travels on the wire, shared by the decoder, the encoder and
// the store. Scalars stay as their lexical strings (ids are longs, prices are floats: no
// JavaScript number ever touches them); `null` is an explicit xsi:nil; an absent key is an
// absent element.

/** A complex value; `$type` names its xsi:type when it had (or needs) one. */
export interface WireObject {
  $type?: string;
  [field: string]: WireValue | undefined;
}

/**
 * The content of an `anyType` element (Property.Value): `$type` is `xsd:<name>` for
 * schema scalars, the bare type name for this service's types, or null when untyped.
 */
export interface WireAny {
  $type: string | null;
  value: string | WireObject;
}

export type WireValue = string | null | WireObject | WireAny | WireValue[];

export function isWireObject(value: unknown): value is WireObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asAny(value: WireValue | undefined): WireAny | undefined {
  if (!isWireObject(value) || !('value' in value)) return undefined;
  return value as unknown as WireAny;
}

export function str(value: WireValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function obj(value: WireValue | undefined): WireObject | undefined {
  return isWireObject(value) ? value : undefined;
}

export function list(value: WireValue | undefined): WireObject[] {
  if (Array.isArray(value)) return value.filter(isWireObject);
  return isWireObject(value) ? [value] : [];
}
