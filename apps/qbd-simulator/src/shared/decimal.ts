// Money and quantities are decimal strings. This is a small fixed-point helper on BigInt so
// no amount ever goes through a binary float.

/** A decimal number as an integer count of 10^-scale units. */
export interface Decimal {
  units: bigint;
  scale: number;
}

const DECIMAL_PATTERN = /^([+-])?(\d*)(?:\.(\d*))?%?$/;

export function parseDecimal(text: string): Decimal {
  const match = DECIMAL_PATTERN.exec(text.trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new Error(`not a decimal number: "${text}"`);
  }
  const fraction = match[3] ?? '';
  const units = BigInt((match[2] || '0') + fraction);
  return { units: match[1] === '-' ? -units : units, scale: fraction.length };
}

export function isDecimal(text: string): boolean {
  try {
    parseDecimal(text);
    return true;
  } catch {
    return false;
  }
}

function rescale(value: Decimal, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

export function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** a / b rounded half away from zero to `scale` places. */
export function divide(a: Decimal, b: Decimal, scale: number): Decimal {
  if (b.units === 0n) throw new Error('division by zero');
  const numerator = a.units * 10n ** BigInt(scale + b.scale + 1);
  const denominator = b.units * 10n ** BigInt(a.scale);
  return roundHalfUp({ units: numerator / denominator, scale: scale + 1 }, scale);
}

/** Rounds half away from zero, the rule QuickBooks applies to amounts. */
export function roundHalfUp(value: Decimal, scale: number): Decimal {
  if (value.scale <= scale) return { units: rescale(value, scale), scale };
  const factor = 10n ** BigInt(value.scale - scale);
  const negative = value.units < 0n;
  const magnitude = negative ? -value.units : value.units;
  const rounded = (magnitude + factor / 2n) / factor;
  return { units: negative ? -rounded : rounded, scale };
}

/** Formats with exactly `scale` decimals (amounts: 2). */
export function formatFixed(value: Decimal, scale: number): string {
  const rounded = roundHalfUp(value, scale);
  const negative = rounded.units < 0n;
  const digits = (negative ? -rounded.units : rounded.units)
    .toString()
    .padStart(scale + 1, '0');
  const whole = scale === 0 ? digits : digits.slice(0, -scale);
  const fraction = scale === 0 ? '' : `.${digits.slice(-scale)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Formats without trailing zeros (quantities, rates as QuickBooks echoes them). */
export function formatTrimmed(value: Decimal): string {
  const text = formatFixed(value, value.scale);
  if (!text.includes('.')) return text;
  return text.replace(/0+$/, '').replace(/\.$/, '');
}

export function sum(values: Decimal[]): Decimal {
  return values.reduce(add, { units: 0n, scale: 0 });
}

export function compare(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const diff = rescale(a, scale) - rescale(b, scale);
  return diff === 0n ? 0 : diff < 0n ? -1 : 1;
}

export const ZERO: Decimal = { units: 0n, scale: 0 };
