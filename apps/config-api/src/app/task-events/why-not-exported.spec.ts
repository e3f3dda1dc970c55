import { DEFAULT_SETTINGS, withDefaults, type TaskSnapshot } from '@qbd/domain';
import { whyNotExported } from './task-events.service';

const task = (overrides: Partial<TaskSnapshot> = {}): TaskSnapshot => ({
  taskId: 't-1',
  taskNumber: 'T-1',
  stage: DEFAULT_SETTINGS.billingTriggerStage,
  clientId: 'c-1',
  items: [],
  ...overrides,
});

describe('whyNotExported', () => {
  it.each([
    ['the trigger stage, every type billed', {}, {}, null],
    ['another stage', {}, { stage: 701 }, 'notTriggerStage'],
    ['a disabled company', { enabled: false }, {}, 'companyDisabled'],
    ['a billed type', { billableTaskTypes: ['a', 'b'] }, { taskTypeId: 'b' }, null],
    [
      'a type that is not billed',
      { billableTaskTypes: ['a'] },
      { taskTypeId: 'b' },
      'taskTypeNotBillable',
    ],
    [
      'no type when only some are billed',
      { billableTaskTypes: ['a'] },
      {},
      'taskTypeNotBillable',
    ],
    [
      'a disabled company at another stage',
      { enabled: false },
      { stage: 1 },
      'companyDisabled',
    ],
  ])('%s → %s', (_, settings, overrides, expected) => {
    expect(whyNotExported(withDefaults(settings), task(overrides))).toBe(expected);
  });
});
