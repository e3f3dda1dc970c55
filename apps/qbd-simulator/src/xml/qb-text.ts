// QuickBooks Desktop is a Windows "ANSI" program: it stores text in the Windows-1252 code
// page. Characters outside it cannot be stored and become "?", and its answers carry every
// non-ASCII character as a numeric reference to its Windows-1252 byte (so "’" comes back as
// &#146;, which a strict XML reader decodes to the C1 control U+0092).

const CP1252_HIGH: Record<number, number> = {
  0x80: 0x20ac,
  0x82: 0x201a,
  0x83: 0x0192,
  0x84: 0x201e,
  0x85: 0x2026,
  0x86: 0x2020,
  0x87: 0x2021,
  0x88: 0x02c6,
  0x89: 0x2030,
  0x8a: 0x0160,
  0x8b: 0x2039,
  0x8c: 0x0152,
  0x8e: 0x017d,
  0x91: 0x2018,
  0x92: 0x2019,
  0x93: 0x201c,
  0x94: 0x201d,
  0x95: 0x2022,
  0x96: 0x2013,
  0x97: 0x2014,
  0x98: 0x02dc,
  0x99: 0x2122,
  0x9a: 0x0161,
  0x9b: 0x203a,
  0x9c: 0x0153,
  0x9e: 0x017e,
  0x9f: 0x0178,
};

const UNICODE_TO_CP1252 = new Map<number, number>(
  Object.entries(CP1252_HIGH).map(([byte, code]) => [code, Number(byte)]),
);

const NEEDS_MAPPING = /[^\x00-\x7f\xa0-\xff]/;

/**
 * Turns text received in a request into what the company file keeps: Windows-1252 characters
 * survive, everything else becomes "?", as QuickBooks does when the character arrives as a
 * numeric reference.
 */
export function toStoredText(text: string): string {
  if (!NEEDS_MAPPING.test(text)) return text;
  let out = '';
  for (const ch of text) {
    out += storedChar(ch);
  }
  return out;
}

function storedChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return ch;
  if (code >= 0x80 && code <= 0x9f) {
    const mapped = CP1252_HIGH[code];
    return mapped === undefined ? '?' : String.fromCodePoint(mapped);
  }
  return UNICODE_TO_CP1252.has(code) ? ch : '?';
}

/** True when the stored form of this text differs from the text (something became "?"). */
export function losesCharacters(text: string): boolean {
  return toStoredText(text) !== text;
}

/**
 * Escapes stored text the way QuickBooks writes it in a response: the five XML specials as
 * named entities, every non-ASCII character as a decimal reference to its Windows-1252 byte.
 */
export function escapeQbText(text: string): string {
  let out = '';
  for (const ch of text) {
    out += escapeChar(ch);
  }
  return out;
}

function escapeChar(ch: string): string {
  switch (ch) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '"':
      return '&quot;';
    case "'":
      return '&apos;';
  }
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x80) return ch;
  return `&#${UNICODE_TO_CP1252.get(code) ?? code};`;
}

/** First character above 0x7F written raw (not as a reference) in a request, if any. */
export function firstRawNonAscii(raw: string): string | undefined {
  for (const ch of raw) {
    if ((ch.codePointAt(0) ?? 0) > 0x7f) return ch;
  }
  return undefined;
}

/** Length as QuickBooks counts it: one per stored character, a reference counting as one. */
export function qbLength(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}
