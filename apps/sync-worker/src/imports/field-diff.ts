/**
 * What to send to ProgressionLIVE for a record it already holds: the fields whose value
 * differs from what was last sent. ProgressionLIVE keeps a field that is not sent and
 * erases one sent as null, so unchanged fields are never sent, nor are empty ones; a
 * field that was sent before and is now empty in QuickBooks is cleared with null.
 */
export function diffFields(
  previous: Record<string, unknown> | null | undefined,
  desired: Record<string, unknown>,
): Record<string, unknown> {
  const before = previous ?? {};
  const changes: Record<string, unknown> = {};

  for (const [key, value] of Object.entries(desired)) {
    if (key === 'properties') {
      const props = diffProperties(before[key], value);
      if (props) changes[key] = props;
    } else if (!sameValue(before[key], value)) {
      changes[key] = value;
    }
  }

  for (const key of Object.keys(before)) {
    if (key in desired || NEVER_CLEARED.has(key)) continue;
    if (key === 'properties') {
      const props = diffProperties(before[key], {});
      if (props) changes[key] = props;
    } else {
      changes[key] = null;
    }
  }
  return changes;
}

// A record keeps its type and its client; QuickBooks cannot take them away.
const NEVER_CLEARED = new Set(['typeRef', 'clientListId']);

/** Dynamic properties merge by name: only changed ones are sent, removed ones as null. */
function diffProperties(
  previous: unknown,
  desired: unknown,
): Record<string, unknown> | null {
  const before = asRecord(previous);
  const after = asRecord(desired);
  const changes: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(after)) {
    if (!sameValue(before[name], value)) changes[name] = value;
  }
  for (const name of Object.keys(before)) {
    if (!(name in after)) changes[name] = null;
  }
  return Object.keys(changes).length > 0 ? changes : null;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Structural equality of JSON values, whatever the key order. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return false;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => sameValue(item, b[index]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  return keys.every((key) => key in y && sameValue(x[key], y[key]));
}
