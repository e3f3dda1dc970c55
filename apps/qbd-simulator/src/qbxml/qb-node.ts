import { escapeQbText } from '../xml/qb-text';

/** An element of a response being built: a leaf with text, or a container. */
export interface QbNode {
  name: string;
  text?: string;
  children?: QbNode[];
}

/** A leaf, or nothing when the value is absent (QuickBooks omits empty fields). */
export function leaf(
  name: string,
  text: string | number | boolean | undefined,
): QbNode | undefined {
  if (text === undefined || text === '') return undefined;
  return { name, text: String(text) };
}

/** A container, or nothing when none of its children is present. */
export function group(
  name: string,
  children: (QbNode | undefined)[],
): QbNode | undefined {
  const present = children.filter((c): c is QbNode => c !== undefined);
  return present.length === 0 ? undefined : { name, children: present };
}

/** Writes one element per line without indentation, as QuickBooks does. */
export function writeNode(node: QbNode, out: string[]): void {
  if (node.children === undefined) {
    out.push(`<${node.name}>${escapeQbText(node.text ?? '')}</${node.name}>`);
    return;
  }
  out.push(`<${node.name}>`);
  for (const c of node.children) writeNode(c, out);
  out.push(`</${node.name}>`);
}

export function attr(name: string, value: string): string {
  return ` ${name}="${escapeQbText(value)}"`;
}
