import { describeStatus, KNOWN_STATUS_CODES, normalizeStatusCode } from './status-table';

const REQUIRED = [
  '0',
  '1',
  '500',
  '510',
  '530',
  '3000',
  '3100',
  '3120',
  '3140',
  '3170',
  '3175',
  '3176',
  '3180',
  '3200',
  '3210',
  '3250',
  '3260',
  '3261',
  '3391',
  '9001',
  '0x80040400',
  '0x80040408',
  '0x8004040D',
];

describe('describeStatus', () => {
  it('knows every code the connector meets, with bilingual bookkeeper messages', () => {
    for (const code of REQUIRED) {
      const info = describeStatus(code);
      expect(KNOWN_STATUS_CODES).toContain(code);
      expect(info.code).toBe(code);
      expect(info.meaning.length).toBeGreaterThan(10);
      expect(info.message.en.length).toBeGreaterThan(3);
      expect(info.message.fr.length).toBeGreaterThan(3);
      expect(info.message.fr).not.toBe(info.message.en);
    }
  });

  it.each([
    [3180, true, 'nobody'],
    [3170, true, 'nobody'],
    [3200, true, 'nobody'],
    [3391, true, 'nobody'],
    [3100, false, 'bookkeeper'],
    [3140, false, 'bookkeeper'],
    [3000, false, 'bookkeeper'],
    [3250, false, 'bookkeeper'],
    ['0x80040400', false, 'developer'],
    ['0x80040408', true, 'bookkeeper'],
  ])('classifies %s: retryable %s, fixable by %s', (code, retryable, fixableBy) => {
    expect(describeStatus(code)).toMatchObject({ retryable, fixableBy });
  });

  it('normalises HRESULT spellings', () => {
    expect(normalizeStatusCode('0X8004040d')).toBe('0x8004040D');
    expect(normalizeStatusCode(-2147220480)).toBe('0x80040400');
    expect(normalizeStatusCode('2147746816')).toBe('0x80040400');
    expect(describeStatus(-2147220472).code).toBe('0x80040408');
  });

  it('builds a generic entry from Intuit ranges for unknown codes', () => {
    expect(describeStatus(1)).toMatchObject({ code: '1' });
    expect(describeStatus(599)).toMatchObject({
      code: '599',
      fixableBy: 'nobody',
      retryable: false,
    });
    expect(describeStatus(3033)).toMatchObject({ fixableBy: 'developer' });
    expect(describeStatus(3333)).toMatchObject({
      fixableBy: 'bookkeeper',
      retryable: false,
    });
    expect(describeStatus(9150)).toMatchObject({ fixableBy: 'developer' });
    expect(describeStatus('0x80040499')).toMatchObject({
      fixableBy: 'operator',
      retryable: true,
    });
  });
});
