import {
  qbDateTimeLocalPart,
  qbDateTimeToIso,
  toQbDate,
  toQbDateTimeFilter,
} from './qb-datetime';

describe('qbDateTimeToIso', () => {
  it('uses the printed offset when the host time zone is unknown', () => {
    expect(qbDateTimeToIso('2024-01-15T08:00:00-05:00')).toBe('2024-01-15T13:00:00.000Z');
    expect(qbDateTimeToIso('2016-07-14T15:25:48+00:00')).toBe('2016-07-14T15:25:48.000Z');
    expect(qbDateTimeToIso('2016-07-14T15:25:48')).toBe('2016-07-14T15:25:48.000Z');
  });

  it("corrects QuickBooks' standard-time offset during daylight saving time when the zone is known", () => {
    const summer = '2024-06-01T08:00:00-05:00';

    expect(qbDateTimeToIso(summer)).toBe('2024-06-01T13:00:00.000Z');
    expect(qbDateTimeToIso(summer, 'America/Chicago')).toBe('2024-06-01T13:00:00.000Z');
    expect(qbDateTimeToIso(summer, 'America/New_York')).toBe('2024-06-01T12:00:00.000Z');
    expect(qbDateTimeToIso('2024-01-15T08:00:00-05:00', 'America/New_York')).toBe(
      '2024-01-15T13:00:00.000Z',
    );
    expect(qbDateTimeToIso('2024-07-01T09:30:00-05:00', 'America/Toronto')).toBe(
      '2024-07-01T13:30:00.000Z',
    );
  });

  it('refuses what is not a QuickBooks date-time', () => {
    for (const bad of [
      '2024-06-01',
      '2024-13-01T00:00:00',
      '2024-06-01T24:00:00',
      'yesterday',
    ]) {
      expect(() => qbDateTimeToIso(bad)).toThrow(
        expect.objectContaining({ code: 'QBXML_INVALID_VALUE' }),
      );
    }
  });
});

describe('local parts and filters', () => {
  it('keeps the wall-clock time QuickBooks printed', () => {
    expect(qbDateTimeLocalPart('2024-06-01T08:00:00-05:00')).toBe('2024-06-01T08:00:00');
    expect(toQbDateTimeFilter('2024-06-01T08:00:00Z')).toBe('2024-06-01T08:00:00');
    expect(toQbDateTimeFilter('2024-06-01T08:00:00.123+0200')).toBe(
      '2024-06-01T08:00:00',
    );
  });

  it('validates plain dates', () => {
    expect(toQbDate('2024-02-29')).toBe('2024-02-29');
    expect(() => toQbDate('2023-02-29')).toThrow(
      expect.objectContaining({ code: 'QBXML_INVALID_VALUE' }),
    );
    expect(() => toQbDate('2024-6-1')).toThrow(
      expect.objectContaining({ code: 'QBXML_INVALID_VALUE' }),
    );
  });
});
