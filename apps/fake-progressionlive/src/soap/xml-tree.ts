import { SaxesParser } from 'saxes';
import { XSI_NS } from '../schema/wire-schema';

/** A namespace-resolved element: what the decoder walks instead of raw text. */
export interface XmlNode {
  ns: string;
  name: string;
  /** xsi:type, resolved to its namespace, when the element carries one. */
  xsiType?: { ns: string; name: string };
  nil: boolean;
  children: XmlNode[];
  text: string;
}

export class XmlSyntaxError extends Error {}

const MAX_DEPTH = 64;

/** Parses a request body; DTDs are refused outright (no entity expansion, ever). */
export function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;

  parser.on('doctype', () => {
    throw new XmlSyntaxError('DTDs are not accepted');
  });
  parser.on('opentag', (tag) => {
    const node = openNode(parser, tag);
    if (stack.length >= MAX_DEPTH) throw new XmlSyntaxError('document nested too deeply');
    stack[stack.length - 1]?.children.push(node);
    stack.push(node);
    root ??= node;
  });
  parser.on('text', (text) => appendText(stack, text));
  parser.on('cdata', (text) => appendText(stack, text));
  parser.on('closetag', () => stack.pop());
  parser.on('error', (err) => {
    throw new XmlSyntaxError(err.message);
  });

  parser.write(xml).close();
  if (!root) throw new XmlSyntaxError('empty document');
  return root;
}

function openNode(parser: SaxesParser<{ xmlns: true }>, tag: unknown): XmlNode {
  const t = tag as {
    uri: string;
    local: string;
    attributes: Record<string, { uri: string; local: string; value: string }>;
  };
  const node: XmlNode = { ns: t.uri, name: t.local, nil: false, children: [], text: '' };
  for (const attr of Object.values(t.attributes)) {
    if (attr.uri !== XSI_NS) continue;
    if (attr.local === 'nil') node.nil = attr.value === 'true' || attr.value === '1';
    if (attr.local === 'type') node.xsiType = resolveQName(parser, attr.value);
  }
  return node;
}

function resolveQName(parser: SaxesParser<{ xmlns: true }>, qname: string) {
  const [prefix, local] = qname.includes(':') ? qname.split(':', 2) : ['', qname];
  const ns = parser.resolve(prefix ?? '');
  if (ns === undefined) throw new XmlSyntaxError(`unbound prefix in xsi:type="${qname}"`);
  return { ns, name: local ?? '' };
}

function appendText(stack: XmlNode[], text: string): void {
  const top = stack[stack.length - 1];
  if (top) top.text += text;
}
