import { QbxmlError } from '../errors/qbxml-error';
import { fromQbText, prepareQbText, toAsciiXml, toQbText } from './qb-text';

describe('prepareQbText', () => {
  it.each([
    ['Zoë Brontë, siphon ½", 20 °C', 'Zoë Brontë, siphon ½", 20 °C'],
    ['l’évier “propre” – 8:05…', 'l\'évier "propre" - 8:05...'],
    ['Œuvre, cœur, 10 €, Acme™', 'OEuvre, coeur, 10 EUR, Acme(TM)'],
    ['Nguyễn Văn Bình', 'Nguyen Van Bình'],
    ['Łódź, Đorđe, ﬁne', 'Lódz, Dorde, fine'],
    ['e\u0301cole', 'école'],
    ['line 1\r\nline 2\rline 3', 'line 1\nline 2\nline 3'],
    ['tab\there\u0007bell\u0085', 'tab\therebell'],
    ['zero\u200Bwidth\u00A0nbsp', 'zerowidth\u00A0nbsp'],
  ])('keeps Latin-1 and transliterates %j', (input, expected) => {
    const prepared = prepareQbText(input);

    expect(prepared.text).toBe(expected);
    expect(prepared.refused).toEqual([]);
  });

  it('lists what it changed', () => {
    expect(prepareQbText('a’b…').changes).toEqual([
      { index: 1, from: '’', to: "'" },
      { index: 3, from: '…', to: '...' },
    ]);
  });

  it.each([
    ['Заказ 17 / 注文', ['З', 'а', 'к', 'з', '注', '文']],
    ['great job 👍', ['👍']],
    ['Valve Ω-ring', ['Ω']],
    ['Ελληνικά', ['Ε', 'λ', 'η', 'ν', 'ι', 'κ', 'ά']],
  ])('refuses characters without a faithful equivalent in %j', (input, refused) => {
    expect(prepareQbText(input).refused).toEqual(refused);
  });

  it('never turns anything into "?" and never leaves a character QuickBooks cannot store', () => {
    const storable = /^[\t\n\x20-\x7e\xa0-\xff]*$/;
    for (let code = 0; code <= 0x2ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCodePoint(code);
      const { text, refused } = prepareQbText(char);
      if (
        !storable.test(text) ||
        (text.includes('?') && !char.normalize('NFKD').includes('?')) ||
        (refused.length > 0 && text !== '')
      ) {
        throw new Error(`U+${code.toString(16)} became ${JSON.stringify(text)}`);
      }
    }
    expect(prepareQbText('?').text).toBe('?');
  });
});

describe('toQbText', () => {
  it('names the field and the characters it refuses, in English and French', () => {
    let error: unknown;
    try {
      toQbText('Заказ 👍', 'lines[3].description');
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(QbxmlError);
    expect(error).toMatchObject({
      code: 'QBXML_TEXT_NOT_LATIN1',
      field: 'lines[3].description',
      fixableBy: 'bookkeeper',
      retryable: false,
      details: { characters: ['З', 'а', 'к', 'з', '👍'] },
    });
    expect((error as QbxmlError).text.en).toContain(
      'lines[3].description contains characters QuickBooks Desktop cannot store',
    );
    expect((error as QbxmlError).text.fr).toContain('ne peut pas enregistrer');
  });

  it('counts length after transliteration, one per character', () => {
    expect(toQbText('é'.repeat(41), 'Name', 41)).toHaveLength(41);
    expect(() => toQbText('é'.repeat(42), 'Name', 41)).toThrow(
      expect.objectContaining({ code: 'QBXML_TEXT_TOO_LONG', field: 'Name' }),
    );
    expect(() => toQbText('…'.repeat(14), 'Name', 41)).toThrow(
      expect.objectContaining({ details: { length: 42, maxLength: 41 } }),
    );
  });
});

describe('toAsciiXml and fromQbText', () => {
  it('writes Latin-1 as decimal references', () => {
    expect(toAsciiXml('<Name>Zoë ½</Name>')).toBe('<Name>Zo&#235; &#189;</Name>');
  });

  it('maps cp1252 positions back, leaving other text untouched', () => {
    expect(fromQbText('\u0092\u0093x\u0094\u0096\u0099\u0080')).toBe('’“x”–™€');
    expect(fromQbText('\u0081\u008d')).toBe('\u0081\u008d');
    const plain = 'Plain text';
    expect(fromQbText(plain)).toBe(plain);
  });
});
