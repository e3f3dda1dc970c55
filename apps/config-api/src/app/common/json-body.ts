import { ApiErrors } from './api-error';

/** Deeper than any body of the API (task events are four levels deep). */
export const MAX_JSON_DEPTH = 32;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const refuse = (problem: string, path = 'body') =>
  ApiErrors.invalidRequest([{ path, problems: { isJson: problem } }]);

/**
 * Parses a request body as JSON the API can store, or throws a 400:
 * - nesting deeper than {@link MAX_JSON_DEPTH} is refused before parsing, because turning a
 *   100,000-deep document into DTO classes overflows the stack;
 * - `__proto__` and `constructor.prototype` keys are refused (prototype pollution);
 * - strings holding NUL or half of a UTF-16 surrogate pair are refused, because Postgres
 *   cannot store the first in text or jsonb and silently replaces the second.
 */
export function parseJsonBody(body: Buffer | string): unknown {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  if (nestingDepth(bytes) > MAX_JSON_DEPTH) {
    throw refuse(`the body must not nest deeper than ${MAX_JSON_DEPTH} levels`);
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'), checkMember);
  } catch (error) {
    if (error instanceof UnstorableJson) throw refuse(error.message, error.path);
    throw refuse('the body is not valid JSON');
  }
  return parsed;
}

class UnstorableJson extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

function checkMember(this: unknown, key: string, value: unknown): unknown {
  const path = key === '' ? 'body' : key;
  if (!isStorableText(key))
    throw new UnstorableJson(
      'field names must not contain NUL characters or unpaired surrogates',
      'body',
    );
  if (key === '__proto__')
    throw new UnstorableJson('"__proto__" is not an accepted field name', path);
  if (
    key === 'constructor' &&
    value !== null &&
    typeof value === 'object' &&
    Object.hasOwn(value, 'prototype')
  ) {
    throw new UnstorableJson('"constructor.prototype" is not an accepted field', path);
  }
  if (typeof value === 'string' && !isStorableText(value)) {
    throw new UnstorableJson(
      'text must not contain NUL characters or unpaired surrogates',
      path,
    );
  }
  return value;
}

const UNPAIRED_SURROGATE =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text Postgres stores as given: no NUL, every UTF-16 surrogate in a pair. */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !UNPAIRED_SURROGATE.test(text);
}

/** The deepest nesting of objects and arrays, counted on the raw bytes outside strings. */
export function nestingDepth(bytes: Buffer): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index];
    if (inString) {
      if (byte === BACKSLASH) index += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth -= 1;
    }
  }
  return deepest;
}
