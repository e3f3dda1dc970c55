import { toQbDate, toQbDateTimeFilter } from '../dates/qb-datetime';
import { dataError, programmingError } from '../errors/qbxml-error';
import {
  formatExactAmount,
  formatQuantity,
  formatRate,
  parseDecimal,
} from '../numbers/qb-decimal';
import type { SpecNode } from '../spec/spec-types';
import { toQbText } from '../text/qb-text';
import type { QbCountry } from '../version/qbxml-version';

const GUID =
  /^(\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}|0)$/;
const MACRO_REFERENCE = /^(TxnID|TxnLineID):/;
const ID_MAX_LENGTH = 36;

/** True for values the builder leaves out: absent, null, or blank text. */
export function isBlank(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '')
  );
}

/**
 * Formats one simple value for the XML, or returns undefined when it is blank (blank
 * values are omitted, never sent as empty elements). Blank ids are refused.
 */
export function writeLeaf(
  node: SpecNode,
  value: unknown,
  field: string,
  country: QbCountry,
): string | undefined {
  if (node.t === 'IDTYPE') return writeId(value, field);
  if (isBlank(value)) return undefined;
  switch (node.t) {
    case 'STRTYPE':
      return toQbText(expectString(value, field), field, node.max?.[country]);
    case 'BOOLTYPE':
      return writeBoolean(value, field);
    case 'INTTYPE':
      return writeInteger(value, field, node.min);
    case 'AMTTYPE':
      return formatExactAmount(expectString(value, field), field);
    case 'PRICETYPE':
    case 'PERCENTTYPE':
      return formatRate(expectString(value, field), field);
    case 'QUANTYPE':
      return formatQuantity(expectString(value, field), field);
    case 'FLOATTYPE':
      return writeFloat(value, field);
    case 'DATETYPE':
      return toQbDate(expectString(value, field), field);
    case 'DATETIMETYPE':
      return toQbDateTimeFilter(expectString(value, field), field);
    case 'ENUMTYPE':
      return writeEnum(value, field, node.e);
    case 'GUIDTYPE':
      return writeGuid(value, field);
    default:
      return toQbText(expectString(value, field), field);
  }
}

/**
 * ListID/TxnID values. An empty id is never sent: QuickBooks rejects the whole request
 * with status 3000 ("The given object ID "" in the field "list id" is invalid").
 */
function writeId(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  const id = expectString(value, field).trim();
  if (id === '') throw emptyId(field);
  if (id.length > ID_MAX_LENGTH && !MACRO_REFERENCE.test(id)) {
    throw invalid(field, value, `an id of at most ${ID_MAX_LENGTH} characters`);
  }
  return toQbText(id, field);
}

export function emptyId(field: string) {
  return dataError('QBXML_EMPTY_ID', field, {
    en: `${field} is empty: the record is not linked to QuickBooks. Link it before sending.`,
    fr: `${field} est vide : l'élément n'est pas lié à QuickBooks. Liez-le avant l'envoi.`,
  });
}

function expectString(value: unknown, field: string): string {
  if (typeof value === 'string') return value;
  throw invalid(field, value, 'a string');
}

function writeBoolean(value: unknown, field: string): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  throw invalid(field, value, 'true or false');
}

function writeInteger(value: unknown, field: string, min?: number): string {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^-?\d+$/.test(text.trim())) {
    throw invalid(field, value, 'a whole number');
  }
  if (min !== undefined && Number(text) < min)
    throw invalid(field, value, `at least ${min}`);
  return text.trim();
}

function writeFloat(value: unknown, field: string): string {
  const text = expectString(value, field).trim();
  parseDecimal(text, field);
  return text;
}

function writeEnum(value: unknown, field: string, allowed: string[] | undefined): string {
  const text = expectString(value, field);
  if (!allowed || allowed.includes(text)) return text;
  throw invalid(field, value, `one of ${allowed.join(', ')}`);
}

function writeGuid(value: unknown, field: string): string {
  const text = expectString(value, field).trim();
  if (GUID.test(text)) return text;
  throw invalid(
    field,
    value,
    'a GUID in braces ({xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}) or 0',
  );
}

export function invalid(field: string, value: unknown, expected: string) {
  return programmingError(
    'QBXML_INVALID_VALUE',
    field,
    {
      en: `${field} must be ${expected} (got ${JSON.stringify(value)}).`,
      fr: `${field} doit être ${expectedFr(expected)} (reçu ${JSON.stringify(value)}).`,
    },
    { value },
  );
}

function expectedFr(expected: string): string {
  return expected
    .replace('a string', 'une chaîne de caractères')
    .replace('true or false', 'true ou false')
    .replace('a whole number', 'un nombre entier')
    .replace(/^at least/, 'au moins')
    .replace(/^one of/, "l'une des valeurs")
    .replace(/^a GUID in braces/, 'un GUID entre accolades')
    .replace(/ or 0$/, ' ou 0')
    .replace(
      /^an id of at most (\d+) characters$/,
      'un identifiant de $1 caractères au plus',
    );
}
