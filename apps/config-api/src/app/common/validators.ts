import {
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';

/** Text without control characters (names, paths, header values). */
export const PRINTABLE = /^[^\x00-\x1f\x7f]*$/;

/** Constraints between fields: a breach is a broken rule (422), not a malformed field (400). */
export const RULE_CONSTRAINTS = new Set(['notAbove', 'differsFrom']);

function fieldOf(args: ValidationArguments, name: string): unknown {
  return (args.object as Record<string, unknown>)[name];
}

/** The number is at most the one in `other` (e.g. minimum interval ≤ maximum interval). */
export function NotAbove(other: string, options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'notAbove',
      target: target.constructor,
      propertyName: String(property),
      constraints: [other],
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const bound = fieldOf(args, other);
          return typeof value !== 'number' || typeof bound !== 'number' || value <= bound;
        },
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} must not be greater than ${other}`,
      },
    });
}

/** The value differs from the one in `other` (null and absent values are not compared). */
export function DiffersFrom(
  other: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'differsFrom',
      target: target.constructor,
      propertyName: String(property),
      constraints: [other],
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const compared = fieldOf(args, other);
          return value === null || value === undefined || value !== compared;
        },
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} must differ from ${other}`,
      },
    });
}

/**
 * A decimal number written as a string ("12", "-3.5", "0.00125"): money and quantities
 * travel as text and are never turned into floating-point numbers.
 */
export const DECIMAL_STRING = /^-?(0|[1-9]\d{0,14})(\.\d{1,8})?$/;

export function IsDecimalString(options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isDecimalString',
      target: target.constructor,
      propertyName: String(property),
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && DECIMAL_STRING.test(value),
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} must be a decimal number written as a string, e.g. "12.50"`,
      },
    });
}

export interface StringRecordLimits {
  maxEntries: number;
  maxKeyLength: number;
  maxValueLength: number;
}

/** A plain object whose keys and values are non-empty strings within the given lengths. */
export function IsStringRecord(
  limits: StringRecordLimits,
  options?: ValidationOptions,
): PropertyDecorator {
  const fits = (text: string, max: number) => text.length > 0 && text.length <= max;
  return (target, property) =>
    registerDecorator({
      name: 'isStringRecord',
      target: target.constructor,
      propertyName: String(property),
      options,
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'object' || value === null || Array.isArray(value))
            return false;
          const entries = Object.entries(value);
          return (
            entries.length <= limits.maxEntries &&
            entries.every(
              ([key, text]) =>
                fits(key, limits.maxKeyLength) &&
                typeof text === 'string' &&
                fits(text, limits.maxValueLength),
            )
          );
        },
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} must map at most ${limits.maxEntries} names (≤ ${limits.maxKeyLength} characters) to non-empty texts of at most ${limits.maxValueLength} characters`,
      },
    });
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether Web Connector (and we) accept this address: HTTPS, or plain HTTP on this machine. */
export function isSecureOrLocalUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname);
}

export function IsSecureOrLocalUrl(options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isSecureOrLocalUrl',
      target: target.constructor,
      propertyName: String(property),
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && isSecureOrLocalUrl(value),
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} must be an https:// URL (http:// only for localhost)`,
      },
    });
}

/** A calendar date `YYYY-MM-DD` that exists (no 2024-02-30). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(property),
      options,
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
            return false;
          const date = new Date(`${value}T00:00:00Z`);
          return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
        },
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} must be a date YYYY-MM-DD`,
      },
    });
}
