import { SaxesParser } from 'saxes';

/** One element of a parsed document: its path from the root and its text. */
export interface XmlLeaf {
  path: string;
  text: string;
}

/**
 * Reads a document with a strict parser (any well-formedness error throws) into its
 * elements in document order, each with its slash path and unescaped text.
 */
export function readXml(xml: string): XmlLeaf[] {
  const parser = new SaxesParser();
  const stack: string[] = [];
  const open: XmlLeaf[] = [];
  const leaves: XmlLeaf[] = [];
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    stack.push(tag.name);
    const leaf = { path: stack.join('/'), text: '' };
    open.push(leaf);
    leaves.push(leaf);
  });
  parser.on('text', (text) => {
    const current = open[open.length - 1];
    if (current) current.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
    open.pop();
  });
  parser.write(xml).close();
  return leaves.map((leaf) => ({ ...leaf, text: leaf.text.trim() }));
}

/** The text of the first element at `path`, or undefined. */
export function textAt(leaves: XmlLeaf[], path: string): string | undefined {
  return leaves.find((leaf) => leaf.path === path)?.text;
}
