import { formatQbDate, formatQbDateTime, parseQbDateTime } from './qb-time';

describe('QuickBooks date/time', () => {
  const tz = 'America/Toronto';

  it('prints the standard offset all year, as QuickBooks does', () => {
    expect(formatQbDateTime(Date.parse('2024-01-15T13:00:00Z'), tz)).toBe(
      '2024-01-15T08:00:00-05:00',
    );
    expect(formatQbDateTime(Date.parse('2024-06-01T12:00:00Z'), tz)).toBe(
      '2024-06-01T08:00:00-05:00',
    );
  });

  it('reads filters as wall-clock time and ignores their offset', () => {
    const instant = Date.parse('2024-06-01T12:00:00Z');

    expect(parseQbDateTime('2024-06-01T08:00:00', tz)).toBe(instant);
    expect(parseQbDateTime('2024-06-01T08:00:00-05:00', tz)).toBe(instant);
    expect(parseQbDateTime('2024-06-01', tz, true)).toBe(
      Date.parse('2024-06-02T03:59:59Z'),
    );
  });

  it('gives the local date', () => {
    expect(formatQbDate(Date.parse('2024-06-02T02:00:00Z'), tz)).toBe('2024-06-01');
  });
});
