import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedFixturesDir } from '../shared/fixtures-dir';
import { parseXml, type XmlElement } from '../xml/xml-tree';

/** A qbXML request document around the given `…Rq` elements. */
export function rq(
  body: string,
  options: { version?: string; onError?: string } = {},
): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    `<?qbxml version="${options.version ?? '13.0'}"?>\n` +
    `<QBXML><QBXMLMsgsRq onError="${options.onError ?? 'stopOnError'}">${body}</QBXMLMsgsRq></QBXML>`
  );
}

/** The `…Rs` elements of a response document. */
export function responses(xml: string): XmlElement[] {
  return parseXml(xml.trimStart()).root.children[0].children;
}

/** The single `…Rs` of a response document. */
export function single(xml: string): XmlElement {
  const all = responses(xml);
  if (all.length !== 1) throw new Error(`expected one response, got ${all.length}`);
  return all[0];
}

/** Element paths in document order, e.g. "CustomerRet/BillAddress/City". */
export function shapeOf(element: XmlElement, prefix = ''): string[] {
  const path = prefix ? `${prefix}/${element.name}` : element.name;
  return [path, ...element.children.flatMap((c) => shapeOf(c, path))];
}

export function fixture(name: string): string {
  return readFileSync(join(sharedFixturesDir(), 'qbxml', name), 'utf8');
}

export function caseFile(caseDir: string, name: string): string {
  return readFileSync(join(sharedFixturesDir(), '..', 'cases', caseDir, name), 'utf8');
}

/** Text of the first descendant with this name. */
export function find(element: XmlElement, name: string): string | undefined {
  if (element.name === name && element.children.length === 0) return element.text;
  for (const c of element.children) {
    const found = find(c, name);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function findAll(element: XmlElement, name: string): XmlElement[] {
  return [
    ...(element.name === name ? [element] : []),
    ...element.children.flatMap((c) => findAll(c, name)),
  ];
}
