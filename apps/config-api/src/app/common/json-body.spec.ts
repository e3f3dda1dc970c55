import { ApiError } from './api-error';
import { MAX_JSON_DEPTH, isStorableText, nestingDepth, parseJsonBody } from './json-body';

const refusal = (body: string) => {
  try {
    parseJsonBody(Buffer.from(body));
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('the body was accepted');
};

describe('parseJsonBody', () => {
  it('parses an ordinary body, strings with escapes and emoji included', () => {
    expect(
      parseJsonBody(
        Buffer.from(
          '{"name":"Caf\\u00e9 \\"Lavoie\\" 😀","items":[{"q":"1.5"}],"n":null}',
        ),
      ),
    ).toEqual({
      name: 'Café "Lavoie" 😀',
      items: [{ q: '1.5' }],
      n: null,
    });
  });

  it.each([
    [
      'nesting one level too deep',
      `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`,
    ],
    ['nesting 100,000 deep', `{"a":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_001)}`],
    ['__proto__', '{"name":"x","__proto__":{"isAdmin":true}}'],
    ['constructor.prototype', '{"constructor":{"prototype":{"isAdmin":true}}}'],
    ['NUL in a value', '{"description":"a\\u0000b"}'],
    ['a lone high surrogate', '{"name":"a\\ud800b"}'],
    ['a lone low surrogate', '{"name":"\\udc00"}'],
    ['NUL in a field name', '{"a\\u0000":1}'],
    ['text that is not JSON', '{"name":'],
  ])('refuses %s with a 400', (_name, body) => {
    const error = refusal(body);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('INVALID_REQUEST');
  });

  it('names the field holding text it cannot store', () => {
    expect(refusal('{"task":{"memo":"x\\u0000"}}').details).toMatchObject({
      errors: [{ path: 'memo' }],
    });
  });

  it('accepts nesting up to the limit', () => {
    const body = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(() => parseJsonBody(Buffer.from(body))).not.toThrow();
  });
});

describe('nestingDepth', () => {
  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestingDepth(Buffer.from('{"a":"[[[{{\\"[[","b":[1]}'))).toBe(2);
  });
});

describe('isStorableText', () => {
  it('accepts paired surrogates and refuses NUL and halves', () => {
    expect(isStorableText('😀 é')).toBe(true);
    expect(isStorableText('a\u0000')).toBe(false);
    expect(isStorableText('\ud83d')).toBe(false);
  });
});
