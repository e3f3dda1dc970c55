import { attr, writeNode, type QbNode } from './qb-node';
import type { QbStatus } from './status';

/** One `…Rs` element of a response message set. */
export interface RsElement {
  name: string;
  requestId?: string;
  status: QbStatus;
  attrs?: [string, string][];
  rets?: QbNode[];
}

/** The opening tag attributes in the order QuickBooks writes them. */
function rsAttributes(rs: RsElement): string {
  let text = rs.requestId === undefined ? '' : attr('requestID', rs.requestId);
  text += attr('statusCode', String(rs.status.code));
  text += attr('statusSeverity', rs.status.severity);
  text += attr('statusMessage', rs.status.message);
  for (const [name, value] of rs.attrs ?? []) text += attr(name, value);
  return text;
}

export function writeRs(rs: RsElement, out: string[]): void {
  if (!rs.rets || rs.rets.length === 0) {
    out.push(`<${rs.name}${rsAttributes(rs)} />`);
    return;
  }
  out.push(`<${rs.name}${rsAttributes(rs)}>`);
  for (const ret of rs.rets) writeNode(ret, out);
  out.push(`</${rs.name}>`);
}

/**
 * A whole response document as QuickBooks writes it: `<?xml version="1.0" ?>`, no qbxml
 * processing instruction, one element per line.
 */
export function writeResponseDocument(responses: RsElement[]): string {
  const out = ['<?xml version="1.0" ?>', '<QBXML>', '<QBXMLMsgsRs>'];
  for (const rs of responses) writeRs(rs, out);
  out.push('</QBXMLMsgsRs>', '</QBXML>');
  return `${out.join('\n')}\n`;
}
