import { SaxesParser } from 'saxes';
import type { InvoiceAddRequest, InvoiceLineAdd } from '../lib/requests/request-types';

/** The illustrative invoice tasks of `shared/cases/*` (field names are the cases' own). */
export interface CaseInvoiceTask {
  id: string;
  invoice: Record<string, unknown> & { lines: Record<string, unknown>[] };
}

const HEADER_FIELDS: Record<string, (value: unknown) => Partial<InvoiceAddRequest>> = {
  customerListId: (v) => ({ CustomerRef: { ListID: v as string } }),
  classListId: (v) => ({ ClassRef: { ListID: v as string } }),
  templateListId: (v) => ({ TemplateRef: { ListID: v as string } }),
  termsListId: (v) => ({ TermsRef: { ListID: v as string } }),
  txnDate: (v) => ({ TxnDate: v as string }),
  dueDate: (v) => ({ DueDate: v as string }),
  refNumber: (v) => ({ RefNumber: v as string }),
  poNumber: (v) => ({ PONumber: v as string }),
  memo: (v) => ({ Memo: v as string }),
};

const LINE_FIELDS: Record<string, (value: unknown) => Partial<InvoiceLineAdd>> = {
  itemListId: (v) => ({ ItemRef: { ListID: v as string } }),
  description: (v) => ({ Desc: v as string }),
  quantity: (v) => ({ Quantity: String(v) }),
  rate: (v) => ({ Rate: String(v) }),
  classListId: (v) => ({ ClassRef: { ListID: v as string } }),
  inventorySiteListId: (v) => ({ InventorySiteRef: { ListID: v as string } }),
  salesTaxCode: (v) => ({ SalesTaxCodeRef: { FullName: v as string } }),
};

/**
 * Maps a case task to an InvoiceAdd the way the worker would, keeping the task's key
 * order (so scrambled tasks give scrambled objects). Absent (`null`) optional values are left out;
 * the line amount is left for QuickBooks to compute from quantity × rate.
 */
export function invoiceFromCaseTask(
  task: CaseInvoiceTask,
  requestID = task.id,
): InvoiceAddRequest {
  const request: Record<string, unknown> = { type: 'InvoiceAdd', requestID };
  for (const [key, value] of Object.entries(task.invoice)) {
    if (key === 'lines')
      request.InvoiceLineAdd = task.invoice.lines.map(lineFromCaseTask);
    else if (value !== null && HEADER_FIELDS[key])
      Object.assign(request, HEADER_FIELDS[key](value));
  }
  return request as unknown as InvoiceAddRequest;
}

/**
 * An item link is what makes a priced line, so an unmapped item (`null`) is passed on as
 * a reference without id for the codec to refuse; other absent links are optional.
 */
function lineFromCaseTask(line: Record<string, unknown>): InvoiceLineAdd {
  const mapped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(line)) {
    const keep = value !== null || key === 'itemListId';
    if (keep && LINE_FIELDS[key]) Object.assign(mapped, LINE_FIELDS[key](value));
  }
  return mapped as InvoiceLineAdd;
}

/** A small deterministic pseudo-random generator (mulberry32), for reproducible shuffles. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A deep copy of `value` whose object keys are in a random order (arrays keep theirs). */
export function shuffleKeys<T>(value: T, random: () => number): T {
  if (Array.isArray(value)) return value.map((item) => shuffleKeys(item, random)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [entries[i], entries[j]] = [entries[j], entries[i]];
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v, random)])) as T;
}

/** Element names in document order (a compact picture of the XML's structure and order). */
export function elementSequence(xml: string): string[] {
  return [...xml.matchAll(/<([A-Za-z][\w]*)[\s>/]/g)].map((m) => m[1]);
}

/** XML without whitespace between tags, from `<QBXML>` on. */
export function compactFromRoot(xml: string): string {
  return xml.slice(xml.indexOf('<QBXML>')).replace(/>\s+</g, '><').trim();
}

/** Names of the direct children of the first `parent` element, in document order. */
export function childElementNames(xml: string, parent: string): string[] {
  const parser = new SaxesParser();
  const names: string[] = [];
  let depth = 0;
  let parentDepth: number | undefined;
  let done = false;
  parser.on('opentag', (tag) => {
    depth++;
    if (done) return;
    if (parentDepth === undefined && tag.name === parent) parentDepth = depth;
    else if (parentDepth !== undefined && depth === parentDepth + 1) names.push(tag.name);
  });
  parser.on('closetag', () => {
    if (depth === parentDepth) done = true;
    depth--;
  });
  parser.write(xml).close();
  return names;
}
