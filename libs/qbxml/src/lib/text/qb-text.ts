import { dataError } from '../errors/qbxml-error';
import { CP1252_C1, TRANSLITERATIONS } from './transliteration-table';

/** One character the connector had to change so that QuickBooks can store the text. */
export interface QbTextChange {
  /** Position in the original (NFC-normalised) text, in code points. */
  index: number;
  from: string;
  to: string;
}

/** The outcome of preparing one text value for QuickBooks. */
export interface QbTextPreparation {
  /** The text QuickBooks will store (ISO-8859-1 only; refused characters left out). */
  text: string;
  /** Characters replaced or removed. */
  changes: QbTextChange[];
  /** Characters with no faithful equivalent (the value must not be sent as is). */
  refused: string[];
}

const COMBINING_MARKS =
  /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

/**
 * Prepares text for QuickBooks Desktop, which stores ISO-8859-1 only.
 *
 * The policy, in order, per character (after NFC normalisation):
 * 1. printable ASCII, tab and line feed are kept; CR LF and CR become LF;
 * 2. other control characters (invalid in XML 1.0, or C1 controls) are removed;
 * 3. ISO-8859-1 characters (U+00A0-U+00FF: `é`, `ë`, `½`, `°` ...) are kept; the builder
 *    sends them as numeric references (`&#233;`) so the request stays pure ASCII;
 * 4. characters with a faithful equivalent are transliterated: Windows-1252 punctuation
 *    (`’` → `'`, `“` → `"`, `–` → `-`, `…` → `...`, `€` → `EUR`, `™` → `(TM)`), ligatures
 *    (`œ` → `oe`) and Latin letters whose diacritics QuickBooks cannot store (`ễ` → `e`,
 *    `ă` → `a`, `ł` → `l`);
 * 5. anything else (Greek, Cyrillic, CJK, emoji ...) is refused: QuickBooks would reject
 *    the whole request or silently store `?`, so the caller must decide.
 */
export function prepareQbText(value: string): QbTextPreparation {
  const source = value.normalize('NFC').replace(/\r\n?/g, '\n');
  const changes: QbTextChange[] = [];
  const refused: string[] = [];
  let text = '';
  let index = 0;
  for (const char of source) {
    const mapped = mapCharacter(char);
    if (mapped === undefined) refused.push(char);
    else if (mapped !== char) changes.push({ index, from: char, to: mapped });
    text += mapped ?? '';
    index++;
  }
  return { text, changes, refused: [...new Set(refused)] };
}

function mapCharacter(char: string): string | undefined {
  const code = char.codePointAt(0) as number;
  if (code === 0x09 || code === 0x0a || (code >= 0x20 && code < 0x7f)) return char;
  if (code < 0xa0) return '';
  if (code <= 0xff) return char;
  return TRANSLITERATIONS[char] ?? decomposeToLatin1(char);
}

/** Reduces a character to Latin-1 by compatibility decomposition without its marks. */
function decomposeToLatin1(char: string): string | undefined {
  const base = char.normalize('NFKD').replace(COMBINING_MARKS, '').normalize('NFC');
  if (base.length === 0 || base === char) return undefined;
  for (const part of base) {
    const code = part.codePointAt(0) as number;
    if (code > 0xff || code < 0x20 || (code >= 0x7f && code < 0xa0)) return undefined;
  }
  return base;
}

/**
 * Returns the text QuickBooks will store for `field`, or throws when that is impossible.
 *
 * @param value the caller's text (any Unicode)
 * @param field the field name used in the error (`InvoiceAdd.Memo`, `lines[3].description`)
 * @param maxLength QuickBooks' limit for this field and edition, counted after
 *   transliteration, one per character (`é` counts one although it travels as `&#233;`)
 * @throws QbxmlError `QBXML_TEXT_NOT_LATIN1` naming the characters QuickBooks cannot store,
 *   or `QBXML_TEXT_TOO_LONG`
 */
export function toQbText(value: string, field: string, maxLength?: number): string {
  const prepared = prepareQbText(value);
  if (prepared.refused.length > 0) throw notLatin1(field, prepared.refused);
  if (maxLength !== undefined && prepared.text.length > maxLength) {
    throw tooLong(field, prepared.text.length, maxLength);
  }
  return prepared.text;
}

function notLatin1(field: string, characters: string[]) {
  const shown = characters.map((c) => `"${c}" (U+${codeOf(c)})`).join(', ');
  return dataError(
    'QBXML_TEXT_NOT_LATIN1',
    field,
    {
      en: `${field} contains characters QuickBooks Desktop cannot store: ${shown}. Replace them with Western European characters and try again.`,
      fr: `${field} contient des caractères que QuickBooks Desktop ne peut pas enregistrer : ${shown}. Remplacez-les par des caractères d'Europe de l'Ouest et réessayez.`,
    },
    { characters },
  );
}

function tooLong(field: string, length: number, maxLength: number) {
  return dataError(
    'QBXML_TEXT_TOO_LONG',
    field,
    {
      en: `${field} is ${length} characters long; QuickBooks accepts at most ${maxLength}.`,
      fr: `${field} compte ${length} caractères; QuickBooks en accepte au plus ${maxLength}.`,
    },
    { length, maxLength },
  );
}

function codeOf(char: string): string {
  return (char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
}

/**
 * Writes every non-ASCII character of serialised XML as a decimal character reference.
 * The text was prepared by {@link prepareQbText}, so only ISO-8859-1 remains.
 */
export function toAsciiXml(xml: string): string {
  return xml.replace(/[^\x00-\x7f]/gu, (char) => `&#${char.codePointAt(0)};`);
}

const C1_CONTROLS = /[\u0080-\u009f]/;

/**
 * Repairs text read from a QuickBooks response.
 *
 * Quirk: QuickBooks writes Windows-1252 characters as numeric references to their cp1252
 * byte (`&#146;` for `’`, `&#153;` for `™`). Read as Unicode those are C1 control
 * characters U+0080-U+009F, which no one ever means, so they are mapped back through the
 * cp1252 table. References from 160 up (`&#233;` = `é`) are already right.
 */
export function fromQbText(value: string): string {
  if (!C1_CONTROLS.test(value)) return value;
  let out = '';
  for (const char of value) {
    const code = char.charCodeAt(0);
    out += code >= 0x80 && code <= 0x9f ? (CP1252_C1[code - 0x80] ?? char) : char;
  }
  return out;
}
