import { DEFAULT_SETTINGS } from '@qbd/domain';
import { changedKeys, sameSettings } from './settings.views';

describe('changedKeys', () => {
  it('lists the settings whose value changed', () => {
    expect(changedKeys({ a: 1, b: [1, 2], c: 'x' }, { a: 1, b: [2, 1], c: 'y' })).toEqual(
      ['b', 'c'],
    );
  });

  it('lists every key of a first version', () => {
    expect(changedKeys(null, { a: 1, b: 2 })).toEqual(['a', 'b']);
  });

  it('ignores the order of keys inside objects (Postgres jsonb reorders them)', () => {
    const stored = {
      syncModes: { sites: 'none', items: 'quick', classes: 'full', customers: 'quick' },
    };

    expect(changedKeys(stored, { syncModes: { ...DEFAULT_SETTINGS.syncModes } })).toEqual(
      [],
    );
  });
});

describe('sameSettings', () => {
  it('tells a change from none', () => {
    expect(sameSettings(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS })).toBe(true);
    expect(sameSettings(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, errorStage: 790 })).toBe(
      false,
    );
  });
});
