import { withDefaults, type CompanyEntity } from '@qbd/domain';
import { connectionHealth } from './status.service';

const company = (lastPollAt: Date | null, maxIntervalMinutes = 60) =>
  ({
    settings: withDefaults({ maxIntervalMinutes }),
    connectionStatus: lastPollAt ? 'ok' : 'never',
    lastPollAt,
    consecutiveConnectionFailures: 0,
    lastConnectionError: null,
  }) as unknown as CompanyEntity;

describe('connectionHealth', () => {
  const now = new Date('2025-03-14T12:00:00Z');

  it('expects nothing before the first poll', () => {
    expect(connectionHealth(company(null), now)).toMatchObject({
      expectedNextPollAt: null,
      overdue: false,
    });
  });

  it('expects the next poll one maximum interval after the last', () => {
    const health = connectionHealth(company(new Date('2025-03-14T11:30:00Z'), 45), now);

    expect(health.expectedNextPollAt).toEqual(new Date('2025-03-14T12:15:00Z'));
    expect(health.overdue).toBe(false);
  });

  it('is overdue once that moment has passed', () => {
    expect(
      connectionHealth(company(new Date('2025-03-14T10:59:59Z'), 60), now).overdue,
    ).toBe(true);
  });
});
