import {
  divide,
  formatFixed,
  formatTrimmed,
  multiply,
  parseDecimal,
  roundHalfUp,
  sum,
} from './decimal';

describe('decimal', () => {
  it.each([
    ['3', '12.3456', '37.04'],
    ['0.5', '99.995', '50.00'],
    ['1.75', '110.00', '192.50'],
    ['7', '1.105', '7.74'],
  ])('%s × %s rounds half up to %s', (quantity, rate, amount) => {
    const product = multiply(parseDecimal(quantity), parseDecimal(rate));

    expect(formatFixed(roundHalfUp(product, 2), 2)).toBe(amount);
  });

  it('sums, divides and trims without float noise', () => {
    const total = sum(['0.1', '0.2', '37.04'].map(parseDecimal));

    expect(formatFixed(total, 2)).toBe('37.34');
    expect(formatFixed(divide(parseDecimal('10'), parseDecimal('3'), 5), 5)).toBe(
      '3.33333',
    );
    expect(formatTrimmed(parseDecimal('12.34560'))).toBe('12.3456');
    expect(formatFixed(parseDecimal('-2.5'), 0)).toBe('-3');
  });

  it('accepts the trailing percent sign QuickBooks sometimes writes', () => {
    expect(formatTrimmed(parseDecimal('18.0%'))).toBe('18');
    expect(() => parseDecimal('1e-5')).toThrow();
  });
});
