import { DECIMAL_STRING, isSecureOrLocalUrl } from './validators';

describe('DECIMAL_STRING', () => {
  it.each([
    '0',
    '1',
    '12.5',
    '-3',
    '-0.5',
    '0.00125',
    '89.95',
    '123456789012345.12345678',
  ])('accepts %s', (text) => {
    expect(DECIMAL_STRING.test(text)).toBe(true);
  });

  it.each([
    '',
    '.5',
    '5.',
    '1e3',
    '1,5',
    '$12',
    '+1',
    '007',
    '1.123456789',
    ' 1',
    '1 ',
    'NaN',
    'Infinity',
    '1234567890123456',
  ])('refuses %p', (text) => {
    expect(DECIMAL_STRING.test(text)).toBe(false);
  });
});

describe('isSecureOrLocalUrl', () => {
  it.each([
    ['https://sync.connector.invalid/qbwc', true],
    ['http://localhost:8080/qbwc', true],
    ['http://127.0.0.1/qbwc', true],
    ['http://[::1]:8080/qbwc', true],
    ['http://sync.connector.invalid/qbwc', false],
    ['http://localhost.connector.invalid/qbwc', false],
    ['ftp://localhost/qbwc', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isSecureOrLocalUrl(url)).toBe(expected);
  });
});
