import {
  addDecimals,
  compareDecimals,
  computeLineAmount,
  formatAmount,
  formatExactAmount,
  formatQuantity,
  formatRate,
  multiplyDecimals,
  parseDecimal,
} from './qb-decimal';

describe('formatAmount (half away from zero, 2 decimals)', () => {
  it.each([
    ['37.0368', '37.04'],
    ['49.9975', '50.00'],
    ['7.735', '7.74'],
    ['7.734999', '7.73'],
    ['192.5', '192.50'],
    ['240', '240.00'],
    ['-1.005', '-1.01'],
    ['-0.004', '0.00'],
    ['0.005', '0.01'],
    ['.5', '0.50'],
    ['+3', '3.00'],
    ['1234567890123.994', '1234567890123.99'],
  ])('%s → %s', (input, expected) => {
    expect(formatAmount(input)).toBe(expected);
  });

  it('stays within half a cent of the exact value, for every value in a sweep', () => {
    for (let units = -20000; units <= 20000; units += 7) {
      const value = `${units < 0 ? '-' : ''}${Math.floor(Math.abs(units) / 1000)}.${String(Math.abs(units) % 1000).padStart(3, '0')}`;
      const rounded = formatAmount(value);
      const diff = parseDecimal(
        addDecimals(rounded, value.startsWith('-') ? value.slice(1) : `-${value}`),
      );
      expect(rounded).toMatch(/^-?\d+\.\d{2}$/);
      expect(diff.units < 0n ? -diff.units : diff.units).toBeLessThanOrEqual(5n);
    }
  });

  it('refuses what is not a decimal number', () => {
    for (const bad of ['1e-5', '1,5', '12.3.4', '', 'abc', '0x10']) {
      expect(() => formatAmount(bad)).toThrow(
        expect.objectContaining({ code: 'QBXML_INVALID_VALUE' }),
      );
    }
  });
});

describe('rates, quantities and exact amounts', () => {
  it('keeps rates up to 5 decimals with at least 2', () => {
    expect(formatRate('120')).toBe('120.00');
    expect(formatRate('38.5')).toBe('38.50');
    expect(formatRate('12.3456')).toBe('12.3456');
    expect(formatRate('12.345600')).toBe('12.3456');
    expect(formatRate('0.00001')).toBe('0.00001');
    expect(formatRate('-5')).toBe('-5.00');
  });

  it('refuses rates beyond 5 decimals or 10 integer digits instead of rounding', () => {
    expect(() => formatRate('1.123456')).toThrow(
      expect.objectContaining({ code: 'QBXML_PRECISION', field: 'Rate' }),
    );
    expect(() => formatRate('12345678901')).toThrow(
      expect.objectContaining({ code: 'QBXML_PRECISION' }),
    );
  });

  it('writes quantities without trailing zeros', () => {
    expect(formatQuantity('2')).toBe('2');
    expect(formatQuantity('2.50')).toBe('2.5');
    expect(formatQuantity('1.75000')).toBe('1.75');
    expect(() => formatQuantity('0.123456')).toThrow(
      expect.objectContaining({ code: 'QBXML_PRECISION' }),
    );
  });

  it('writes exact amounts with 2 decimals and refuses to round them', () => {
    expect(formatExactAmount('96.2')).toBe('96.20');
    expect(formatExactAmount('96.2500')).toBe('96.25');
    expect(() => formatExactAmount('96.255')).toThrow(
      expect.objectContaining({ code: 'QBXML_PRECISION' }),
    );
  });
});

describe('decimal arithmetic', () => {
  it('multiplies, adds and compares exactly', () => {
    expect(multiplyDecimals('3', '12.3456')).toBe('37.0368');
    expect(multiplyDecimals('0.1', '0.2')).toBe('0.02');
    expect(addDecimals('0.1', '0.2')).toBe('0.3');
    expect(addDecimals('291.81', '-291.80')).toBe('0.01');
    expect(compareDecimals('291.81', '291.810')).toBe(0);
    expect(compareDecimals('291.80', '291.81')).toBe(-1);
    expect(computeLineAmount('7', '1.105')).toBe('7.74');
  });
});
