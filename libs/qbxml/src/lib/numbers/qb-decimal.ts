import { dataError, programmingError } from '../errors/qbxml-error';

/**
 * Money and quantities as decimal strings, computed with integers (BigInt), never floats.
 *
 * QuickBooks' numeric types (Intuit's schema):
 * - AMTTYPE (amounts, totals): up to 13 integer digits and 2 decimals;
 * - PRICETYPE (rates, prices), QUANTYPE (quantities), PERCENTTYPE: up to 10 integer
 *   digits and 5 decimals.
 */
export interface ScaledDecimal {
  /** The value times 10^scale. */
  units: bigint;
  scale: number;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Parses a decimal string (`'12.3456'`, `'-0.5'`, `'3'`); throws on anything else. */
export function parseDecimal(value: string, field = 'value'): ScaledDecimal {
  const match = typeof value === 'string' ? DECIMAL.exec(value.trim()) : null;
  if (!match || (match[2] === '' && (match[3] ?? '') === ''))
    throw notADecimal(value, field);
  const fraction = match[3] ?? '';
  const units = BigInt(`${match[2] || '0'}${fraction}`);
  return { units: match[1] === '-' ? -units : units, scale: fraction.length };
}

function notADecimal(value: unknown, field: string) {
  return programmingError(
    'QBXML_INVALID_VALUE',
    field,
    {
      en: `${field} must be a decimal number written with a dot (got ${JSON.stringify(value)}).`,
      fr: `${field} doit être un nombre décimal écrit avec un point (reçu ${JSON.stringify(value)}).`,
    },
    { value },
  );
}

/** Writes a scaled decimal with exactly `scale` decimals. */
export function decimalToString({ units, scale }: ScaledDecimal): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const integer = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative && units !== 0n ? '-' : ''}${integer}${fraction}`;
}

/** Rounds half away from zero ("half-up" as bookkeepers mean it) to `scale` decimals. */
export function roundDecimal(value: ScaledDecimal, scale: number): ScaledDecimal {
  if (value.scale <= scale) {
    return { units: value.units * 10n ** BigInt(scale - value.scale), scale };
  }
  const divisor = 10n ** BigInt(value.scale - scale);
  const magnitude = value.units < 0n ? -value.units : value.units;
  const rounded = (magnitude + divisor / 2n) / divisor;
  return { units: value.units < 0n ? -rounded : rounded, scale };
}

/** Exact product of two decimal strings (`'3' × '12.3456'` = `'37.0368'`). */
export function multiplyDecimals(a: string, b: string): string {
  const x = parseDecimal(a, 'multiplicand');
  const y = parseDecimal(b, 'multiplier');
  return decimalToString({ units: x.units * y.units, scale: x.scale + y.scale });
}

/** Exact sum of decimal strings. */
export function addDecimals(...values: string[]): string {
  const parsed = values.map((v) => parseDecimal(v, 'addend'));
  const scale = Math.max(0, ...parsed.map((p) => p.scale));
  const units = parsed.reduce((sum, p) => sum + roundDecimal(p, scale).units, 0n);
  return decimalToString({ units, scale });
}

/** Compares two decimal strings numerically: negative, zero or positive. */
export function compareDecimals(a: string, b: string): number {
  const x = parseDecimal(a, 'left');
  const y = parseDecimal(b, 'right');
  const scale = Math.max(x.scale, y.scale);
  const diff = roundDecimal(x, scale).units - roundDecimal(y, scale).units;
  return diff === 0n ? 0 : diff < 0n ? -1 : 1;
}

/**
 * An amount as QuickBooks stores it: rounded half away from zero to 2 decimals
 * (`'37.0368'` → `'37.04'`, `'7.735'` → `'7.74'`, `'240'` → `'240.00'`).
 */
export function formatAmount(value: string): string {
  const rounded = roundDecimal(parseDecimal(value, 'amount'), 2);
  return decimalToString(rounded);
}

/** A line amount as QuickBooks computes it: quantity × rate, rounded to cents. */
export function computeLineAmount(quantity: string, rate: string): string {
  return formatAmount(multiplyDecimals(quantity, rate));
}

/**
 * A rate or price (PRICETYPE): at most 5 decimals, written with at least 2
 * (`'120'` → `'120.00'`, `'12.345600'` → `'12.3456'`). More precision is refused rather
 * than rounded, so a unit price never silently changes.
 *
 * @throws QbxmlError `QBXML_PRECISION` beyond 5 decimals or 10 integer digits
 */
export function formatRate(value: string, field = 'Rate'): string {
  return formatWithin(value, field, {
    maxDecimals: 5,
    minDecimals: 2,
    maxIntegerDigits: 10,
  });
}

/** A quantity (QUANTYPE): at most 5 decimals, trailing zeros dropped (`'2.50'` → `'2.5'`). */
export function formatQuantity(value: string, field = 'Quantity'): string {
  return formatWithin(value, field, {
    maxDecimals: 5,
    minDecimals: 0,
    maxIntegerDigits: 10,
  });
}

/**
 * An amount that must already be in cents (AMTTYPE), written with 2 decimals. Unlike
 * {@link formatAmount} it refuses to round: the caller decides how cents are reached.
 */
export function formatExactAmount(value: string, field = 'Amount'): string {
  return formatWithin(value, field, {
    maxDecimals: 2,
    minDecimals: 2,
    maxIntegerDigits: 13,
  });
}

interface Precision {
  maxDecimals: number;
  minDecimals: number;
  maxIntegerDigits: number;
}

function formatWithin(value: string, field: string, precision: Precision): string {
  const parsed = trimScale(parseDecimal(value, field), precision.minDecimals);
  if (parsed.scale > precision.maxDecimals) throw tooPrecise(field, value, precision);
  const text = decimalToString(parsed);
  const integerDigits = text.replace(/^-/, '').split('.')[0].length;
  if (integerDigits > precision.maxIntegerDigits)
    throw tooPrecise(field, value, precision);
  return text;
}

/** Drops trailing zero decimals, keeping at least `minScale`. */
function trimScale(value: ScaledDecimal, minScale: number): ScaledDecimal {
  let { units, scale } = value;
  while (scale > minScale && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  return scale < minScale ? roundDecimal({ units, scale }, minScale) : { units, scale };
}

function tooPrecise(field: string, value: string, precision: Precision) {
  const limit = `${precision.maxIntegerDigits} digits before the decimal point and ${precision.maxDecimals} after`;
  const limitFr = `${precision.maxIntegerDigits} chiffres avant la virgule et ${precision.maxDecimals} après`;
  return dataError(
    'QBXML_PRECISION',
    field,
    {
      en: `${field} = ${value} is more precise than QuickBooks allows (${limit}).`,
      fr: `${field} = ${value} est plus précis que ce que QuickBooks accepte (${limitFr}).`,
    },
    { value, ...precision },
  );
}
