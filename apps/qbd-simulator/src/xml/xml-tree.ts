import { SaxesParser } from 'saxes';

/** One element of a parsed document: its name, attributes, child elements and text. */
export interface XmlElement {
  name: string;
  /** Namespace URI, only filled when the document was parsed with namespaces on. */
  uri?: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element (no trimming). */
  text: string;
}

export interface ParsedXml {
  root: XmlElement;
  /** True when the document starts with an `<?xml ...?>` declaration. */
  hasDeclaration: boolean;
  processingInstructions: { target: string; body: string }[];
}

export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

/**
 * Parses a whole XML document into a small tree. Rejects DTDs: neither QuickBooks requests
 * nor SOAP messages carry one, and refusing them removes entity-expansion tricks.
 */
export function parseXml(
  text: string,
  options: { namespaces?: boolean } = {},
): ParsedXml {
  const parser = new SaxesParser({ xmlns: options.namespaces === true, position: true });
  const stack: XmlElement[] = [];
  const result: Partial<ParsedXml> & Pick<ParsedXml, 'processingInstructions'> = {
    hasDeclaration: false,
    processingInstructions: [],
  };
  let failure: string | undefined;

  parser.on('error', (err) => {
    failure ??= err.message;
  });
  parser.on('xmldecl', () => {
    result.hasDeclaration = true;
  });
  parser.on('doctype', () => {
    failure ??= 'DOCTYPE is not allowed';
  });
  parser.on('processinginstruction', (pi) => {
    result.processingInstructions.push({ target: pi.target, body: pi.body });
  });
  parser.on('opentag', (tag) => {
    const element = toElement(tag as unknown as RawTag, options.namespaces === true);
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else result.root = element;
    stack.push(element);
  });
  parser.on('text', (chunk) => appendText(stack, chunk));
  parser.on('cdata', (chunk) => appendText(stack, chunk));
  parser.on('closetag', () => {
    stack.pop();
  });

  try {
    parser.write(text).close();
  } catch (err) {
    failure ??= (err as Error).message;
  }
  if (failure !== undefined || !result.root) {
    throw new XmlSyntaxError(failure ?? 'document has no root element');
  }
  return result as ParsedXml;
}

interface RawTag {
  name: string;
  local?: string;
  uri?: string;
  attributes: Record<string, string | { value: string; local: string; prefix: string }>;
}

function toElement(tag: RawTag, namespaces: boolean): XmlElement {
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(tag.attributes)) {
    if (typeof value === 'string') attrs[key] = value;
    else if (value.prefix !== 'xmlns' && key !== 'xmlns')
      attrs[value.local] = value.value;
  }
  if (namespaces)
    return { name: tag.local ?? tag.name, uri: tag.uri, attrs, children: [], text: '' };
  return { name: tag.name, attrs, children: [], text: '' };
}

function appendText(stack: XmlElement[], chunk: string): void {
  const current = stack[stack.length - 1];
  if (current) current.text += chunk;
}

/** First child element with this name, if any. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

/** Every child element with this name, in document order. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

/** Text of the first child with this name, or undefined when the child is absent. */
export function childText(element: XmlElement, name: string): string | undefined {
  return child(element, name)?.text;
}
