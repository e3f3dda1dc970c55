import { programmingError } from '../errors/qbxml-error';

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Offset printed by QuickBooks, in minutes east of UTC (undefined when absent). */
  offsetMinutes?: number;
}

function readDateTime(value: string, field: string): WallClock {
  const match = typeof value === 'string' ? DATE_TIME.exec(value.trim()) : null;
  if (!match || !isRealDate(+match[1], +match[2], +match[3]) || +match[4] > 23) {
    throw invalidDate(value, field, 'YYYY-MM-DDTHH:MM:SS');
  }
  const [, year, month, day, hour, minute, second, offset] = match;
  return {
    year: +year,
    month: +month,
    day: +day,
    hour: +hour,
    minute: +minute,
    second: +second,
    offsetMinutes: offset === undefined ? undefined : offsetOf(offset),
  };
}

function offsetOf(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

function invalidDate(value: unknown, field: string, format: string) {
  return programmingError(
    'QBXML_INVALID_VALUE',
    field,
    {
      en: `${field} must be a date in the form ${format} (got ${JSON.stringify(value)}).`,
      fr: `${field} doit être une date de la forme ${format} (reçu ${JSON.stringify(value)}).`,
    },
    { value },
  );
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The wall-clock part of a QuickBooks date-time (`2024-06-01T08:00:00-05:00` →
 * `2024-06-01T08:00:00`): the time as the QuickBooks PC's clock showed it. This is the
 * value to keep as a "modified since" watermark and to send back in a filter.
 */
export function qbDateTimeLocalPart(value: string, field = 'date-time'): string {
  const t = readDateTime(value, field);
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
}

/**
 * Converts a QuickBooks date-time into an ISO-8601 instant in UTC.
 *
 * Quirk: QuickBooks prints the PC's local wall-clock time followed by the *standard-time*
 * offset of its time zone, even while daylight saving time is in force. A record saved at
 * 08:00 in New York in June comes back as `08:00:00-05:00` although the true offset then
 * was -04:00, so reading the offset literally lands one hour late all summer.
 * - With `hostTimeZone` (the IANA zone of the QuickBooks PC, e.g. `America/Toronto`), the
 *   offset is ignored and the wall-clock time is resolved in that zone, which is exact.
 * - Without it, the printed offset is used (exact in winter, one hour late under DST), and
 *   a value without offset is read as UTC.
 *
 * Comparisons between QuickBooks timestamps should use {@link qbDateTimeLocalPart}, which
 * the quirk cannot affect.
 */
export function qbDateTimeToIso(value: string, hostTimeZone?: string): string {
  const t = readDateTime(value, 'date-time');
  const wallAsUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  if (hostTimeZone) return new Date(resolveInZone(wallAsUtc, hostTimeZone)).toISOString();
  return new Date(wallAsUtc - (t.offsetMinutes ?? 0) * 60_000).toISOString();
}

/** Finds the instant whose wall-clock time in `timeZone` is `wallAsUtc` (read as UTC). */
function resolveInZone(wallAsUtc: number, timeZone: string): number {
  let instant = wallAsUtc - zoneOffsetMs(wallAsUtc, timeZone);
  instant = wallAsUtc - zoneOffsetMs(instant, timeZone);
  return instant;
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * A date-time for a request filter (`FromModifiedDate` ...). The offset, if any, is dropped.
 *
 * Quirk: QuickBooks reads a date-time without offset as its own local time, which is how
 * it printed `TimeModified`; sending an offset back would make it apply its standard-time
 * offset and shift the filter by an hour under daylight saving time.
 */
export function toQbDateTimeFilter(value: string, field = 'date-time'): string {
  return qbDateTimeLocalPart(value, field);
}

/** Validates a QuickBooks date (`YYYY-MM-DD`). */
export function toQbDate(value: string, field = 'date'): string {
  const match = typeof value === 'string' ? DATE.exec(value.trim()) : null;
  if (!match || !isRealDate(+match[1], +match[2], +match[3])) {
    throw invalidDate(value, field, 'YYYY-MM-DD');
  }
  return match[0];
}
