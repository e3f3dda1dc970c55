import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseXml, type XmlElement } from '../xml/xml-tree';

// xmllint spends most of each run (~0.2 s) parsing Intuit's 870 KB schema set. A message
// set only ever uses a handful of request types, so the validator builds, per set of
// request names, a schema holding just QBXML, QBXMLMsgsRq limited to those requests and
// every definition they reach. Validity is unchanged for such documents: the same
// definitions decide, and a request name outside the set is refused either way.

const SCHEMA_FILES = [
  'qbxmltypes130.xsd',
  'qbxml130_modified.xsd',
  'qbxmlso130.xsd',
  'qbxmlops130.xsd',
];

type Space = 'element' | 'type' | 'group' | 'attributeGroup' | 'attribute';

/** Top-level schema components by symbol space and name, ready to be re-assembled. */
export class SchemaComponents {
  private readonly components = new Map<string, XmlElement>();
  private readonly requestChoices = new Map<string, XmlElement>();
  private readonly messageSetAttributes: XmlElement[] = [];

  constructor(xsdDir: string) {
    for (const file of SCHEMA_FILES) {
      const root = parseXml(readFileSync(join(xsdDir, file), 'utf8')).root;
      for (const component of root.children) this.index(component);
    }
  }

  /** A self-contained schema that accepts QBXML/QBXMLMsgsRq with only these requests. */
  subsetFor(requestNames: string[]): string {
    const choices = [...new Set(requestNames)]
      .map((n) => this.requestChoices.get(n))
      .filter((e): e is XmlElement => !!e);
    const needed = new Map<string, XmlElement>();
    for (const node of [...choices, ...this.messageSetAttributes])
      this.collect(node, needed);

    const messageSet =
      '<xsd:element name="QBXMLMsgsRq"><xsd:complexType><xsd:choice minOccurs="0" maxOccurs="unbounded">' +
      choices.map(serialize).join('') +
      '</xsd:choice>' +
      this.messageSetAttributes.map(serialize).join('') +
      '</xsd:complexType></xsd:element>';
    return (
      '<?xml version="1.0"?>\n<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">' +
      '<xsd:element name="QBXML"><xsd:complexType><xsd:sequence><xsd:element ref="QBXMLMsgsRq"/></xsd:sequence></xsd:complexType></xsd:element>' +
      messageSet +
      [...needed.values()].map(serialize).join('') +
      '</xsd:schema>'
    );
  }

  private index(component: XmlElement): void {
    const name = component.attrs['name'];
    const kind = component.name.replace(/^xsd:/, '');
    if (!name) return;
    if (kind === 'element' && name === 'QBXMLMsgsRq') {
      this.indexMessageSet(component);
      return;
    }
    const space: Space | undefined =
      kind === 'complexType' || kind === 'simpleType'
        ? 'type'
        : (['element', 'group', 'attributeGroup', 'attribute'] as const).find(
            (s) => s === kind,
          );
    if (space) this.components.set(`${space}:${name}`, component);
  }

  private indexMessageSet(element: XmlElement): void {
    const type = element.children.find((c) => c.name === 'xsd:complexType');
    for (const c of type?.children ?? []) {
      if (c.name === 'xsd:choice') {
        for (const option of c.children)
          if (option.attrs['name']) this.requestChoices.set(option.attrs['name'], option);
      } else {
        this.messageSetAttributes.push(c);
      }
    }
  }

  private collect(node: XmlElement, into: Map<string, XmlElement>): void {
    for (const key of references(node)) {
      if (into.has(key)) continue;
      const component = this.components.get(key);
      if (!component) continue;
      into.set(key, component);
      this.collect(component, into);
    }
    for (const c of node.children) this.collect(c, into);
  }
}

function references(node: XmlElement): string[] {
  const kind = node.name.replace(/^xsd:/, '');
  const out: string[] = [];
  const ref = node.attrs['ref'];
  if (ref && ['element', 'group', 'attributeGroup', 'attribute'].includes(kind))
    out.push(`${kind}:${local(ref)}`);
  for (const attr of ['type', 'base', 'itemType']) {
    if (node.attrs[attr]) out.push(`type:${local(node.attrs[attr])}`);
  }
  for (const member of (node.attrs['memberTypes'] ?? '').split(/\s+/).filter(Boolean))
    out.push(`type:${local(member)}`);
  return out.filter((key) => !key.startsWith('type:xsd:'));
}

function local(qname: string): string {
  return qname.startsWith('xsd:') ? qname : qname.replace(/^[^:]+:/, '');
}

const escapeAttr = (v: string) =>
  v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function serialize(node: XmlElement): string {
  if (node.name === 'xsd:annotation') return '';
  const attrs = Object.entries(node.attrs)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
  const inner = node.children.map(serialize).join('');
  return inner
    ? `<${node.name}${attrs}>${inner}</${node.name}>`
    : `<${node.name}${attrs}/>`;
}
