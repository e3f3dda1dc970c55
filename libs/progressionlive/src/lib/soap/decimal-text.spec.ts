import { isDecimalText, plainDecimal } from './decimal-text';

describe('plainDecimal', () => {
  it.each([
    ['85.00', '85.00'],
    ['+3.5', '3.5'],
    ['007.10', '7.10'],
    ['.5', '0.5'],
    ['12.', '12'],
    ['-0.0', '0.0'],
    ['1.0E7', '10000000'],
    ['1.25E7', '12500000'],
    ['1.3125E7', '13125000'],
    ['-4.5E-3', '-0.0045'],
    ['1.0E-4', '0.00010'],
    ['6.02e2', '602'],
  ])('writes %s as %s', (raw, expected) => {
    expect(plainDecimal(raw)).toBe(expected);
  });

  it.each(['NaN', 'INF', '-INF', '', 'abc', '1,5', 'E5'])(
    'has no value for %j',
    (raw) => {
      expect(plainDecimal(raw)).toBeUndefined();
    },
  );
});

describe('isDecimalText', () => {
  it('accepts plain decimals only', () => {
    expect(['0', '12.50', '-3.125'].map(isDecimalText)).toEqual([true, true, true]);
    expect(['1,25', '1e3', '.5', '', ' 1'].map(isDecimalText)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
