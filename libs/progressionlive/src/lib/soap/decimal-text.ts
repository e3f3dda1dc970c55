const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const SCIENTIFIC = /^([+-]?)(\d*)\.?(\d*)[eE]([+-]?\d+)$/;

/**
 * A number from the service as a plain decimal string, without passing through a float.
 * Prices and quantities are xsd:float on the wire, and a Java server writes large or
 * small floats in E notation (`1.0E7`), which QuickBooks would not accept as an amount.
 * Returns undefined for text that is not a finite number.
 */
export function plainDecimal(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const value = raw.trim();
  if (PLAIN.test(value)) return tidy(value);
  const match = SCIENTIFIC.exec(value);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  if (whole === '' && fraction === '') return undefined;
  return tidy(sign + shift(whole, fraction, Number(exponent)));
}

function shift(whole: string, fraction: string, exponent: number): string {
  const digits = whole + fraction;
  const point = whole.length + exponent;
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Drops a leading `+`, superfluous leading zeros and a trailing bare point. */
function tidy(value: string): string {
  const negative = value.startsWith('-');
  let body = value.replace(/^[+-]/, '');
  if (body.startsWith('.')) body = `0${body}`;
  if (body.endsWith('.')) body = body.slice(0, -1);
  body = body.replace(/^0+(?=\d)/, '');
  const isZero = /^0(\.0*)?$/.test(body);
  return negative && !isZero ? `-${body}` : body;
}

/** Whether a caller's amount is a plain decimal string the adapter may send. */
export function isDecimalText(value: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(value);
}
