import type { PlAddress, PlRef } from '../port';

// Reading what node-soap parsed. Three habits of the service are absorbed here, once:
// element names may differ in case from what the public record shows, a list holding a
// single item arrives as that item rather than a list, and typed values carry their
// xsi:type in an `attributes` object beside the text in `$value`.

type Parsed = Record<string, unknown>;

const META_KEYS = new Set(['attributes', '$value', '$xml']);

export function isParsed(value: unknown): value is Parsed {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A child by name, matching exactly first and then without regard to case. */
export function field(value: unknown, name: string): unknown {
  if (!isParsed(value)) return undefined;
  if (name in value) return value[name];
  const lower = name.toLowerCase();
  const key = Object.keys(value).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : value[key];
}

/** The text of a scalar element; undefined when absent or nil. */
export function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (isParsed(value) && '$value' in value) return text(value['$value']);
  return undefined;
}

/** Always a list: absent is empty, a lone item is a list of one. */
export function asList(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The items of an ArrayOfX wrapper, whatever its item elements are called. */
export function items(wrapper: unknown): unknown[] {
  if (Array.isArray(wrapper)) return wrapper;
  if (!isParsed(wrapper)) return [];
  return Object.entries(wrapper)
    .filter(([key]) => !META_KEYS.has(key))
    .flatMap(([, value]) => asList(value));
}

/** The local name of an element's xsi:type, if it has one. */
export function xsiType(value: unknown): string | undefined {
  const attributes = isParsed(value) ? value['attributes'] : undefined;
  if (!isParsed(attributes)) return undefined;
  const key = Object.keys(attributes).find((k) => k === 'type' || k.endsWith(':type'));
  const raw = key ? attributes[key] : undefined;
  if (typeof raw !== 'string') return undefined;
  return raw.includes(':') ? raw.slice(raw.indexOf(':') + 1) : raw;
}

/** The xsi:type as written (prefix included), for reporting. */
export function xsiTypeRaw(value: unknown): string | undefined {
  const attributes = isParsed(value) ? value['attributes'] : undefined;
  if (!isParsed(attributes)) return undefined;
  const key = Object.keys(attributes).find((k) => k === 'type' || k.endsWith(':type'));
  const raw = key ? attributes[key] : undefined;
  return typeof raw === 'string' ? raw : undefined;
}

export function bool(value: unknown): boolean | undefined {
  const t = text(value);
  if (t === undefined) return undefined;
  return t === 'true' || t === '1';
}

/** A RecordRef, or null when absent or without an id. */
export function ref(value: unknown): PlRef | null {
  const id = text(field(value, 'Id'));
  if (id === undefined || id === '') return null;
  const out: PlRef = { id };
  const label = text(field(value, 'Label'));
  const externalId = text(field(value, 'ExternalId'));
  const type = text(field(value, 'Type'));
  if (label !== undefined) out.label = label;
  if (externalId !== undefined) out.externalId = externalId;
  if (type !== undefined) out.type = type;
  return out;
}

const ADDRESS_PARTS: Array<[keyof PlAddress, string]> = [
  ['street', 'Address'],
  ['suite', 'App'],
  ['city', 'City'],
  ['province', 'Province'],
  ['country', 'Country'],
  ['postalCode', 'PostalCode'],
  ['phone', 'Phone'],
  ['fax', 'Fax'],
  ['email', 'Email'],
];

export function address(value: unknown): PlAddress | undefined {
  if (!isParsed(value)) return undefined;
  const out: PlAddress = {};
  for (const [ours, theirs] of ADDRESS_PARTS) {
    const part = text(field(value, theirs));
    if (part !== undefined) out[ours] = part;
  }
  return out;
}

export { ADDRESS_PARTS };
