import { childText, parseXml, XmlSyntaxError } from './xml-tree';

describe('parseXml', () => {
  it('builds a tree with attributes, text and processing instructions', () => {
    const doc = parseXml(
      '<?xml version="1.0"?>\n<?qbxml version="13.0"?>\n<A x="1"><B>caf&#233; &amp; co</B><B/></A>',
    );

    expect(doc.hasDeclaration).toBe(true);
    expect(doc.processingInstructions).toEqual([
      { target: 'qbxml', body: 'version="13.0"' },
    ]);
    expect(doc.root.attrs).toEqual({ x: '1' });
    expect(doc.root.children).toHaveLength(2);
    expect(childText(doc.root, 'B')).toBe('café & co');
  });

  it('reports a missing declaration', () => {
    expect(parseXml('<A/>').hasDeclaration).toBe(false);
  });

  it('refuses malformed documents and DTDs', () => {
    expect(() => parseXml('<A><B></A>')).toThrow(XmlSyntaxError);
    expect(() => parseXml('<!DOCTYPE A [<!ENTITY e "x">]><A>&e;</A>')).toThrow(
      XmlSyntaxError,
    );
    expect(() => parseXml('  <?xml version="1.0"?><A/>')).toThrow(XmlSyntaxError);
  });

  it('resolves namespaces when asked', () => {
    const doc = parseXml(
      '<s:Envelope xmlns:s="urn:s"><s:Body><op xmlns="urn:x"><a>1</a></op></s:Body></s:Envelope>',
      { namespaces: true },
    );
    const op = doc.root.children[0].children[0];

    expect(op.name).toBe('op');
    expect(op.uri).toBe('urn:x');
    expect(op.children[0].uri).toBe('urn:x');
  });
});
