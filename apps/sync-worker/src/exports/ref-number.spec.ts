import { REF_NUMBER_MAX_LENGTH, chooseRefNumber, refNumberCandidate } from './ref-number';

describe('refNumberCandidate', () => {
  it.each(['FS-10442', 'F000004', 'F0000012345'])(
    'sends %s as it is (it fits in 11 characters)',
    (number) => {
      expect(refNumberCandidate(number)).toBe(number);
    },
  );

  it('maps a longer number to 11 characters: its first letter, a dash and 9 base-36 characters', () => {
    const mapped = refNumberCandidate('F00000123456');

    expect(mapped).toHaveLength(REF_NUMBER_MAX_LENGTH);
    expect(mapped).toMatch(/^F-[0-9A-Z]{9}$/);
  });

  it('maps the same number the same way every time', () => {
    expect(refNumberCandidate('TASK-2024-000981')).toBe(
      refNumberCandidate('TASK-2024-000981'),
    );
  });

  it('does not cut long numbers into collisions', () => {
    const numbers = Array.from(
      { length: 20000 },
      (_, i) => `F0000012${String(i).padStart(5, '0')}`,
    );
    const mapped = new Set(numbers.map((n) => refNumberCandidate(n)));

    expect(mapped.size).toBe(numbers.length);
    expect(mapped.has('F0000012000')).toBe(false);
  });

  it('maps a short number QuickBooks could not store as typed', () => {
    expect(refNumberCandidate('Tâche-12')).toMatch(/^T-[0-9A-Z]{9}$/);
  });

  it('gives another candidate for each attempt', () => {
    const candidates = new Set(
      [0, 1, 2, 3].map((attempt) => refNumberCandidate('FS-10442', attempt)),
    );

    expect(candidates.size).toBe(4);
  });
});

describe('chooseRefNumber', () => {
  it('keeps the task number when no other task uses it', async () => {
    await expect(chooseRefNumber('FS-10442', async () => false)).resolves.toBe(
      'FS-10442',
    );
  });

  it('takes the next candidate when another export holds the number', async () => {
    const taken = new Set(['FS-10442']);

    await expect(chooseRefNumber('FS-10442', async (c) => taken.has(c))).resolves.toBe(
      refNumberCandidate('FS-10442', 1),
    );
  });

  it('gives up rather than loop when every candidate is taken', async () => {
    await expect(chooseRefNumber('FS-10442', async () => true)).rejects.toThrow(
      'No free document number',
    );
  });
});
