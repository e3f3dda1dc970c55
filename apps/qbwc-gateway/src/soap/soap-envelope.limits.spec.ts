import { SoapRequestError, decodeText, readSoapCall } from './soap-envelope';

const envelope = (inner: string) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${inner}</soap:Body></soap:Envelope>`;
const response = (text: string) =>
  envelope(
    `<receiveResponseXML xmlns="http://developer.intuit.com/"><ticket>t</ticket><response>${text}</response></receiveResponseXML>`,
  );

describe('decodeText', () => {
  it.each([
    ['the five named entities', '&lt;&gt;&amp;&quot;&apos;', `<>&"'`],
    ['decimal references of every UTF-8 length', '&#65;&#233;&#8364;&#128512;', 'Aé€😀'],
    [
      'hexadecimal references, either case',
      '&#x41;&#xe9;&#X;'.replace('&#X;', '&#x20AC;'),
      'Aé€',
    ],
    [
      'raw non-ASCII text around references',
      'Café &amp; Frères 😀 &#x1F600;',
      'Café & Frères 😀 😀',
    ],
    ['references decoded once only', '&amp;amp;&amp;#65;', '&amp;&#65;'],
    [
      'C1 references QuickBooks writes for Windows-1252 text',
      '&#146;&#153;',
      '\u0092\u0099',
    ],
  ])('decodes %s', (_name, text, expected) => {
    expect(decodeText(text)).toBe(expected);
  });

  it.each([
    ['an undeclared entity', 'a &nbsp; b'],
    ['a bare ampersand', 'Smith & Sons'],
    ['an ampersand at the end', 'abc&'],
    ['a reference without digits', '&#;'],
    ['a hexadecimal reference without digits', '&#x;'],
    ['a decimal reference with a letter', '&#12a;'],
    ['a reference to NUL', '&#0;'],
    ['a reference beyond Unicode', '&#x110000;'],
    ['a reference to a surrogate half', '&#xD83D;'],
    ['a reference longer than any real one', '&#0000000065;'],
  ])('refuses %s', (_name, text) => {
    expect(() => decodeText(text)).toThrow(SoapRequestError);
  });

  // Speed is measured by `npm run bench` (a ratio against a baseline), not by a timed test.
  it('decodes 30 MB of references completely and exactly', () => {
    const text = '&lt;x/&gt;'.repeat(3 * 1024 * 1024);
    const decoded = decodeText(text);
    expect(decoded.length).toBe(3 * 1024 * 1024 * 4);
    expect(decoded.slice(0, 8)).toBe('<x/><x/>');
    expect(decoded.slice(-8)).toBe('<x/><x/>');
  });
});

describe('readSoapCall: what XML forbids', () => {
  it('refuses a raw NUL rather than dropping it ("ad\\0min" is not "admin")', () => {
    const xml = envelope(
      '<authenticate xmlns="http://developer.intuit.com/"><strUserName>ad\u0000min</strUserName></authenticate>',
    );
    expect(() => readSoapCall(xml)).toThrow(/NUL/);
  });

  it('keeps CDATA literal next to escaped text, without decoding it', () => {
    const call = readSoapCall(response('&lt;a&gt;<![CDATA[&lt; & <b>]]>&amp;'));
    expect(call.params.response).toBe('<a>&lt; & <b>&');
  });

  it('does not read a reference across a CDATA section or a comment', () => {
    expect(() => readSoapCall(response('&am<![CDATA[x]]>p;'))).toThrow(SoapRequestError);
    expect(() => readSoapCall(response('&am<!-- -->p;'))).toThrow(SoapRequestError);
  });
});
