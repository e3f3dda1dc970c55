// QuickBooks prints TimeCreated/TimeModified as the PC's wall-clock time followed by the
// *standard-time* UTC offset of its time zone: daylight saving time moves the wall clock but
// not the printed offset, so summer values are one hour off as instants. Filters such as
// FromModifiedDate are read as wall-clock time on that PC; an offset in a filter is ignored
// (an inference: integrators are told to compare local parts only).

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(ms: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts['year'],
    month: parts['month'],
    day: parts['day'],
    hour: parts['hour'],
    minute: parts['minute'],
    second: parts['second'],
  };
}

function utcOf(w: WallClock): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** Offset (minutes east of UTC) in force at this instant. */
function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return Math.round((utcOf(wallClock(whole, timeZone)) - whole) / 60000);
}

const standardOffsets = new Map<string, number>();

/** The time zone's standard offset: the smaller of its January and July offsets. */
function standardOffset(timeZone: string): number {
  let offset = standardOffsets.get(timeZone);
  if (offset === undefined) {
    const year = new Date().getUTCFullYear();
    offset = Math.min(
      offsetAt(Date.UTC(year, 0, 15), timeZone),
      offsetAt(Date.UTC(year, 6, 15), timeZone),
    );
    standardOffsets.set(timeZone, offset);
  }
  return offset;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** A DATETIMETYPE value as QuickBooks writes it, e.g. `2024-06-01T08:00:00-05:00`. */
export function formatQbDateTime(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  const date = `${w.year}-${pad(w.month)}-${pad(w.day)}`;
  const time = `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
  return `${date}T${time}${formatOffset(standardOffset(timeZone))}`;
}

/** A DATETYPE value (the PC's local date). */
export function formatQbDate(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/;

/**
 * Reads a filter date/time as wall-clock time on the QuickBooks PC. A date alone means the
 * start of that day, or its last second when `endOfDay` is set (for "To…" filters).
 */
export function parseQbDateTime(
  text: string,
  timeZone: string,
  endOfDay = false,
): number {
  const m = DATE_TIME.exec(text.trim());
  if (!m) throw new Error(`not a qbXML date/time: "${text}"`);
  const hasTime = m[4] !== undefined;
  const wall: WallClock = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: hasTime ? Number(m[4]) : endOfDay ? 23 : 0,
    minute: hasTime ? Number(m[5]) : endOfDay ? 59 : 0,
    second: hasTime ? Number(m[6] ?? '0') : endOfDay ? 59 : 0,
  };
  const guess = utcOf(wall);
  const first = guess - offsetAt(guess, timeZone) * 60000;
  return guess - offsetAt(first, timeZone) * 60000;
}
