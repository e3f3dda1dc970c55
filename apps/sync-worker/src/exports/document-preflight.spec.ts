import { checkRenders } from './document-preflight';
import { problemsToError } from './export-errors';
import { build, built, fileInfo, item, snapshot } from './testing/export-builders';

describe('checkRenders', () => {
  const task = snapshot({
    items: [
      item({ description: 'Panel inspection' }),
      item({ productId: undefined, description: 'Free note', unitPrice: '0' }),
      item({ description: 'Inspection caméra 日本' }),
    ],
  });

  it('accepts what the gateway can send to this file', () => {
    const result = built(build());

    expect(checkRenders(result.params, fileInfo(), result.lineNumbers)).toBeNull();
  });

  it('names the task line of text QuickBooks cannot store, counting left-out lines', () => {
    const result = built(build({ snapshot: task }));
    const problem = checkRenders(result.params, fileInfo(), result.lineNumbers);

    expect(problem).toMatchObject({
      code: 'QBXML_TEXT_NOT_LATIN1',
      line: 3,
      fixableBy: 'bookkeeper',
    });
    expect(problem?.message.en).toMatch(/^Line 3: .*"日" \(U\+65E5\)/);
    expect(problem?.message.fr).toMatch(/^Ligne 3 : /);
  });

  it('refuses a header field longer than QuickBooks keeps', () => {
    const result = built(build({ snapshot: snapshot({ poNumber: 'P'.repeat(26) }) }));
    const problem = checkRenders(result.params, fileInfo(), result.lineNumbers);

    expect(problem).toMatchObject({
      code: 'QBXML_TEXT_TOO_LONG',
      details: { field: 'InvoiceAdd.PONumber' },
    });
    expect(problem?.line).toBeUndefined();
  });
});

describe('problemsToError', () => {
  it('keeps one code and joins the messages in both languages', () => {
    const result = build({
      snapshot: snapshot({
        items: [
          item({ productId: undefined, description: 'A' }),
          item({ productId: undefined, description: 'B' }),
        ],
      }),
    });
    const error = problemsToError(result.ok ? [] : result.problems);

    expect(error).toMatchObject({
      code: 'EXPORT_LINE_NOT_LINKED',
      fixableBy: 'bookkeeper',
      retryable: false,
    });
    expect(error.message.en).toBe(
      'Line 1: A is not linked to a QuickBooks item. Line 2: B is not linked to a QuickBooks item.',
    );
    expect(error.details?.problems).toHaveLength(2);
  });

  it('uses a general code when the problems differ', () => {
    const result = build({
      snapshot: snapshot({
        classValue: 'Nowhere',
        items: [item({ productId: undefined, description: 'A' })],
      }),
    });

    expect(problemsToError(result.ok ? [] : result.problems).code).toBe('EXPORT_INVALID');
  });
});
