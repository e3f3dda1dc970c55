import {
  compareQbxmlVersions,
  negotiateVersion,
  SUPPORTED_QBXML_VERSIONS,
} from './qbxml-version';

describe('negotiateVersion', () => {
  it('picks the highest version both sides support', () => {
    expect(negotiateVersion(['1.0', '2.0', '8.0'], 'US')).toBe('8.0');
    expect(negotiateVersion(['12.0', '13.0', '14.0', '16.0'], 'US')).toBe('13.0');
    expect(negotiateVersion(['13.0', '10.0', '11.0'], 'CA')).toBe('13.0');
    expect(negotiateVersion([' 9.0 ', '7.0'], 'UK')).toBe('9.0');
  });

  it('compares numerically, not as text', () => {
    expect(compareQbxmlVersions('9.0', '10.0')).toBeLessThan(0);
    expect(compareQbxmlVersions('13.0', '13.0')).toBe(0);
    expect([...SUPPORTED_QBXML_VERSIONS].sort(compareQbxmlVersions)).toEqual(
      SUPPORTED_QBXML_VERSIONS,
    );
    expect(SUPPORTED_QBXML_VERSIONS.at(-1)).toBe('13.0');
  });

  it('ignores legacy prefixed specs and refuses hosts with nothing in common', () => {
    expect(() => negotiateVersion(['CA2.0', 'CA3.0'], 'CA')).toThrow(
      expect.objectContaining({
        code: 'QBXML_VERSION_UNSUPPORTED',
        fixableBy: 'bookkeeper',
        retryable: false,
      }),
    );
    expect(() => negotiateVersion(['1.0', '2.0', '4.1'], 'US')).toThrow(
      expect.objectContaining({ code: 'QBXML_VERSION_UNSUPPORTED' }),
    );
    expect(() => negotiateVersion([], 'US')).toThrow(/too old/);
  });
});
