import { escapeQbText, firstRawNonAscii, qbLength, toStoredText } from './qb-text';

describe('QuickBooks text rules', () => {
  it.each([
    ['Jean-Sébastien Côté', 'Jean-Sébastien Côté'],
    ['Nguyễn Văn Bình', 'Nguy?n V?n Bình'],
    ['Ω-ring 👍', '?-ring ?'],
    ['It\u0092s', 'It\u2019s'],
    ['l\u2019été', 'l\u2019été'],
  ])('stores %j as %j', (input, stored) => {
    expect(toStoredText(input)).toBe(stored);
  });

  it('writes Windows-1252 characters as references to their byte, like the fixtures', () => {
    expect(escapeQbText('Saros® 6.5” it’s & <b>')).toBe(
      'Saros&#174; 6.5&#148; it&#146;s &amp; &lt;b&gt;',
    );
    expect(escapeQbText(`25' "x"`)).toBe('25&apos; &quot;x&quot;');
  });

  it('finds raw non-ASCII characters in request text', () => {
    expect(firstRawNonAscii('<Name>Caf&#233;</Name>')).toBeUndefined();
    expect(firstRawNonAscii('<Name>Café</Name>')).toBe('é');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(qbLength('é👍')).toBe(2);
  });
});
