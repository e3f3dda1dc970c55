/**
 * Faithful ASCII (or Latin-1) equivalents for characters QuickBooks Desktop cannot store.
 *
 * QuickBooks keeps text in a single-byte Western code page. Characters of ISO-8859-1 are
 * sent as numeric references and stored as typed; the typographic punctuation of
 * Windows-1252 (curly quotes, dashes, ellipsis, euro sign ...) and a few other common
 * symbols are replaced by the plain characters below. Letters with diacritics outside
 * Latin-1 are reduced to their base letter by Unicode decomposition (`ễ` → `e`), so they
 * are not listed here; only letters that do not decompose are.
 */
export const TRANSLITERATIONS: Readonly<Record<string, string>> = Object.freeze({
  // Windows-1252 punctuation and symbols (code points 0x80-0x9F of cp1252).
  '\u20AC': 'EUR',
  '\u201A': "'",
  '\u0192': 'f',
  '\u201E': '"',
  '\u2026': '...',
  '\u2020': '+',
  '\u2021': '++',
  '\u02C6': '^',
  '\u2030': ' per mille',
  '\u0160': 'S',
  '\u2039': '<',
  '\u0152': 'OE',
  '\u017D': 'Z',
  '\u2018': "'",
  '\u2019': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u2022': '*',
  '\u2013': '-',
  '\u2014': '-',
  '\u02DC': '~',
  '\u2122': '(TM)',
  '\u0161': 's',
  '\u203A': '>',
  '\u0153': 'oe',
  '\u017E': 'z',
  '\u0178': 'Y',
  // Other punctuation typed on phones and in word processors.
  '\u201B': "'",
  '\u201F': '"',
  '\u2032': "'",
  '\u2033': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2043': '-',
  '\u2044': '/',
  '\u2116': 'No.',
  '\u2190': '<-',
  '\u2192': '->',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2248': '~',
  '\u2260': '!=',
  '\u221E': 'infinity',
  '\u2103': ' deg C',
  '\u2109': ' deg F',
  // Spaces of every width become a plain space; invisible ones disappear.
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2004': ' ',
  '\u2005': ' ',
  '\u2006': ' ',
  '\u2007': ' ',
  '\u2008': ' ',
  '\u2009': ' ',
  '\u200A': ' ',
  '\u202F': ' ',
  '\u205F': ' ',
  '\u3000': ' ',
  '\u200B': '',
  '\u200C': '',
  '\u200D': '',
  '\u2060': '',
  '\uFEFF': '',
  // Latin letters that Unicode decomposition does not reduce.
  '\u0141': 'L',
  '\u0142': 'l',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u0131': 'i',
  '\u0126': 'H',
  '\u0127': 'h',
  '\u0166': 'T',
  '\u0167': 't',
  '\u013F': 'L',
  '\u0140': 'l',
  '\u0149': "'n",
  '\u014A': 'N',
  '\u014B': 'n',
  '\u0132': 'IJ',
  '\u0133': 'ij',
  '\u0138': 'q',
  '\u017F': 's',
  '\u0218': 'S',
  '\u0219': 's',
  '\u021A': 'T',
  '\u021B': 't',
  '\u1E9E': 'SS',
});

/**
 * The Windows-1252 characters QuickBooks sends as numeric references `&#128;`-`&#159;`:
 * index = code - 0x80. An XML parser turns those references into C1 control characters;
 * QuickBooks meant the cp1252 character at that position. Undefined positions stay as they
 * are.
 */
// prettier-ignore
export const CP1252_C1: readonly (string | undefined)[] = Object.freeze([
  '\u20AC', undefined, '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
  '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', undefined, '\u017D', undefined,
  undefined, '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
  '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', undefined, '\u017E', '\u0178',
]);
