import type {
  CompanySettings,
  DocumentKind,
  QuickBooksFileInfo,
  TaskItemSnapshot,
  TaskSnapshot,
} from '@qbd/domain';
import {
  addDecimals,
  compareDecimals,
  computeLineAmount,
  formatQuantity,
  formatRate,
  isAtLeast,
  QbxmlError,
  type InvoiceLineAdd,
  type QbRef,
} from '@qbd/qbxml';
import { shortName } from './customer-names';
import {
  planCustomer,
  type CustomerPlan,
  type InactiveRecord,
  type LinkClaim,
} from './customer-plan';
import type { DocumentAddUnsent, DocumentMatch, DocumentParams } from './document-params';
import { lookupRequest } from './document-lookup';
import { problem, type ExportProblem } from './export-errors';
import type { ExportReferences, LinkView } from './export-references';

/** qbXML version that introduced ExternalGUID on transactions. */
export const EXTERNAL_GUID_SINCE = '9.0';

export interface BuildInput {
  documentKind: DocumentKind;
  snapshot: TaskSnapshot;
  /** The export's idempotency key (a UUID). */
  externalGuid: string;
  settings: CompanySettings;
  fileInfo: QuickBooksFileInfo;
  refs: ExportReferences;
  /** Chosen by the numbering policy; null lets QuickBooks number the document. */
  refNumber: string | null;
  /** Date the document gets when the task gives none (YYYY-MM-DD). */
  today: string;
}

export type BuildResult =
  | {
      ok: true;
      params: DocumentParams;
      claims: LinkClaim[];
      warnings: string[];
      /** Task line number (1-based) of each document line, to name lines in messages. */
      lineNumbers: number[];
    }
  | { ok: false; problems: ExportProblem[] };

type Line = InvoiceLineAdd;

interface BuildContext extends BuildInput {
  problems: ExportProblem[];
  inactive: InactiveRecord[];
  warnings: string[];
}

/**
 * Turns a task into the requests of its QuickBooks document: the customer and job it
 * needs first (if any), then the InvoiceAdd or SalesOrderAdd. Every problem a
 * bookkeeper must fix is collected and returned together; nothing half-built is queued.
 */
export function buildDocument(input: BuildInput): BuildResult {
  const ctx: BuildContext = { ...input, problems: [], inactive: [], warnings: [] };
  const customer = planCustomer(ctx);
  const classRef = classOf(ctx);
  const siteRef = siteOf(ctx);
  const { lines, lineNumbers, total } = buildLines(ctx, siteRef);
  if (ctx.inactive.length > 0)
    ctx.problems.push(inactiveProblem(ctx.inactive, input.documentKind));
  if (lines.length === 0 && ctx.problems.length === 0)
    ctx.problems.push(noLinesProblem(input.documentKind));
  if (ctx.problems.length > 0 || !customer) return { ok: false, problems: ctx.problems };

  const match = matchOf(ctx, customer, total);
  const document = documentRequest(ctx, customer, classRef, lines, match);
  const params: DocumentParams = {
    documentKind: input.documentKind,
    requests: [...customer.adds.map((add) => add.request), document],
    lookup: lookupRequest(input.documentKind, match),
    match,
    customerAdds: customer.adds.map((add, index) => ({ ...add.plan, index })),
  };
  return {
    ok: true,
    params,
    claims: customer.claims,
    warnings: ctx.warnings,
    lineNumbers,
  };
}

function documentRequest(
  ctx: BuildContext,
  customer: CustomerPlan,
  classRef: QbRef | undefined,
  lines: Line[],
  match: DocumentMatch,
): DocumentAddUnsent {
  const { snapshot, settings, fileInfo } = ctx;
  const header = {
    CustomerRef: customer.ref,
    ...(classRef ? { ClassRef: classRef } : {}),
    TxnDate: match.date,
    ...(match.refNumber ? { RefNumber: match.refNumber } : {}),
    ...text('PONumber', snapshot.poNumber),
    // US files charge sales tax through one tax item on the document; elsewhere the
    // per-line tax codes carry the tax and a tax item would be refused.
    ...(fileInfo.country === 'US' && settings.salesTaxItem?.trim()
      ? { ItemSalesTaxRef: { FullName: settings.salesTaxItem.trim() } }
      : {}),
    ...text('Memo', snapshot.memo),
    ...(match.externalGuid ? { ExternalGUID: match.externalGuid } : {}),
  };
  return ctx.documentKind === 'salesOrder'
    ? { type: 'SalesOrderAdd', ...header, SalesOrderLineAdd: lines }
    : { type: 'InvoiceAdd', ...header, InvoiceLineAdd: lines };
}

function matchOf(
  ctx: BuildContext,
  customer: CustomerPlan,
  total: string,
): DocumentMatch {
  return {
    externalGuid: supportsExternalGuid(ctx.fileInfo) ? braced(ctx.externalGuid) : null,
    refNumber: ctx.refNumber,
    customer: { listId: customer.listId, fullName: customer.fullName },
    date: ctx.snapshot.date?.trim() || ctx.today,
    total,
  };
}

/** QuickBooks writes GUIDs upper-case in braces; the schema's GUIDTYPE asks for braces. */
export function braced(guid: string): string {
  return `{${guid.replace(/[{}]/g, '').toUpperCase()}}`;
}

export function supportsExternalGuid(fileInfo: QuickBooksFileInfo): boolean {
  try {
    return isAtLeast(fileInfo.qbxmlVersion, EXTERNAL_GUID_SINCE);
  } catch {
    return false;
  }
}

function buildLines(ctx: BuildContext, siteRef: QbRef | undefined) {
  const lines: Line[] = [];
  const lineNumbers: number[] = [];
  const amounts: string[] = [];
  ctx.snapshot.items.forEach((item, index) => {
    const built = buildLine(ctx, item, index + 1, siteRef);
    if (!built) return;
    lines.push(built.line);
    lineNumbers.push(index + 1);
    amounts.push(built.amount);
  });
  return { lines, lineNumbers, total: addDecimals('0.00', ...amounts) };
}

function buildLine(
  ctx: BuildContext,
  item: TaskItemSnapshot,
  number: number,
  siteRef: QbRef | undefined,
): { line: Line; amount: string } | null {
  const product = ctx.refs.byPlId('product', item.productId);
  if (!product) return unlinkedLine(ctx, item, number);
  if (!product.active)
    ctx.inactive.push({ what: 'item', name: shortName(product.qbFullName) });

  const quantity = decimal(ctx, number, 'quantity', () =>
    formatQuantity(item.quantity, 'Quantity'),
  );
  const rate = decimal(ctx, number, 'price', () => formatRate(item.unitPrice, 'Rate'));
  const taxCode = taxCodeOf(ctx, item, number);
  if (quantity === null || rate === null) return null;

  const line: Line = {
    ItemRef: { ListID: product.qbListId },
    ...text('Desc', item.description),
    Quantity: quantity,
    // Rate only: QuickBooks computes Amount itself, at the rate's full precision (case 014).
    Rate: rate,
    ...(siteRef ? { InventorySiteRef: siteRef } : {}),
    ...(taxCode ? { SalesTaxCodeRef: taxCode } : {}),
  };
  return { line, amount: computeLineAmount(quantity, rate) };
}

/**
 * A task line without a QuickBooks item. At no charge it becomes a description-only line
 * (when the company asks for them) or is left out; with a price it would put money on
 * the invoice without an income account, so the whole export stops and names the line.
 */
function unlinkedLine(
  ctx: BuildContext,
  item: TaskItemSnapshot,
  number: number,
): { line: Line; amount: string } | null {
  const free = isZero(item.unitPrice);
  const label = item.description?.trim() || item.productId?.trim() || `#${number}`;
  if (free === null) {
    ctx.problems.push(notADecimal(number, 'price', item.unitPrice));
    return null;
  }
  if (!free) {
    ctx.problems.push(unlinkedProblem(item, number, label));
    return null;
  }
  if (!ctx.settings.syncZeroPriceUnlinkedItems || !item.description?.trim()) return null;
  return { line: { Desc: item.description.trim() }, amount: '0.00' };
}

function unlinkedProblem(
  item: TaskItemSnapshot,
  number: number,
  label: string,
): ExportProblem {
  const id = item.productId?.trim();
  const which = id ? ` (${id})` : '';
  return problem(
    'EXPORT_LINE_NOT_LINKED',
    `Line ${number}: ${label}${which} is not linked to a QuickBooks item.`,
    `Ligne ${number} : ${label}${which} n'est liée à aucun article QuickBooks.`,
    { line: number, details: { productId: id ?? null } },
  );
}

/**
 * Canadian (and UK) files carry tax as a sales tax code on every line, chosen through the
 * company's category → code mapping and checked against the codes imported from the file.
 * A line without a category keeps the item's own code in QuickBooks.
 */
function taxCodeOf(
  ctx: BuildContext,
  item: TaskItemSnapshot,
  number: number,
): QbRef | undefined {
  if (ctx.fileInfo.country === 'US') return undefined;
  const category = item.taxCategory?.trim();
  if (!category) return undefined;

  const code = ctx.settings.taxCodeMapping[category]?.trim();
  if (!code) {
    ctx.problems.push(
      problem(
        'EXPORT_TAX_CODE_UNMAPPED',
        `Line ${number}: Tax category '${category}' has no QuickBooks tax code mapping for this company.`,
        `Ligne ${number} : la catégorie de taxe « ${category} » n'a pas de code de taxe QuickBooks associé pour cette entreprise.`,
        { line: number, details: { taxCategory: category } },
      ),
    );
    return undefined;
  }
  const link = ctx.refs.byName('salesTaxCode', code);
  if (!link) {
    ctx.problems.push(
      problem(
        'EXPORT_TAX_CODE_UNKNOWN',
        `Line ${number}: tax code '${code}' (category '${category}') is not among the sales tax codes of the QuickBooks file; correct the mapping or sync the tax codes.`,
        `Ligne ${number} : le code de taxe « ${code} » (catégorie « ${category} ») ne figure pas parmi les codes de taxe du fichier QuickBooks; corrigez l'association ou synchronisez les codes de taxe.`,
        { line: number, details: { taxCategory: category, taxCode: code } },
      ),
    );
    return undefined;
  }
  if (!link.active) ctx.inactive.push({ what: 'taxCode', name: link.qbFullName });
  return { ListID: link.qbListId };
}

function classOf(ctx: BuildContext): QbRef | undefined {
  const value = ctx.snapshot.classValue?.trim();
  if (!value) return undefined;
  if (ctx.fileInfo.classTrackingEnabled === false) {
    ctx.warnings.push(
      `Class "${value}" was not sent: class tracking is off in the QuickBooks file.`,
    );
    return undefined;
  }
  return listRef(ctx, 'class', value);
}

function siteOf(ctx: BuildContext): QbRef | undefined {
  const value = ctx.snapshot.siteValue?.trim();
  if (!value) return undefined;
  if (!ctx.fileInfo.inventorySitesEnabled) {
    ctx.warnings.push(
      `Site "${value}" was not sent: the QuickBooks file does not use inventory sites.`,
    );
    return undefined;
  }
  return listRef(ctx, 'site', value);
}

/** A class or site, given by its ProgressionLIVE value id or by its name. */
function listRef(
  ctx: BuildContext,
  kind: 'class' | 'site',
  value: string,
): QbRef | undefined {
  const link: LinkView | undefined =
    ctx.refs.byPlId(kind, value) ?? ctx.refs.byName(kind, value);
  const words =
    kind === 'class' ? { en: 'Class', fr: 'La classe' } : { en: 'Site', fr: 'Le site' };
  if (!link) {
    ctx.problems.push(
      problem(
        kind === 'class' ? 'EXPORT_CLASS_NOT_LINKED' : 'EXPORT_SITE_NOT_LINKED',
        `${words.en} "${value}" of the task is not linked to a QuickBooks ${kind}; sync ${kind === 'class' ? 'classes' : 'sites'} or correct the task.`,
        `${words.fr} « ${value} » de la tâche n'est liée à aucun${kind === 'class' ? 'e classe' : ' site'} QuickBooks; synchronisez les ${kind === 'class' ? 'classes' : 'sites'} ou corrigez la tâche.`,
        { details: { value } },
      ),
    );
    return undefined;
  }
  if (!link.active) ctx.inactive.push({ what: kind, name: shortName(link.qbFullName) });
  return { ListID: link.qbListId };
}

const INACTIVE_WORDS: Record<InactiveRecord['what'], { en: string; fr: string }> = {
  item: { en: 'Item', fr: "l'article" },
  customer: { en: 'customer', fr: 'le client' },
  class: { en: 'class', fr: 'la classe' },
  site: { en: 'site', fr: 'le site' },
  taxCode: { en: 'tax code', fr: 'le code de taxe' },
};

/** One message for every inactive record (case 019), so all are reactivated at once. */
export function inactiveProblem(
  records: InactiveRecord[],
  kind: DocumentKind,
): ExportProblem {
  const order = Object.keys(INACTIVE_WORDS);
  const unique = records
    .filter(
      (record, index) =>
        records.findIndex((r) => r.what === record.what && r.name === record.name) ===
        index,
    )
    .sort((a, b) => order.indexOf(a.what) - order.indexOf(b.what));
  const en = unique.map(
    (r, i) =>
      `${i === 0 ? capitalize(INACTIVE_WORDS[r.what].en) : INACTIVE_WORDS[r.what].en.toLowerCase()} '${r.name}'`,
  );
  const fr = unique.map(
    (r, i) =>
      `${i === 0 ? capitalize(INACTIVE_WORDS[r.what].fr) : INACTIVE_WORDS[r.what].fr} « ${r.name} »`,
  );
  const plural = unique.length > 1;
  const doc =
    kind === 'salesOrder'
      ? { en: 'sales order', fr: 'la commande' }
      : { en: 'invoice', fr: 'la facture' };
  return problem(
    'EXPORT_INACTIVE_RECORD',
    `${joinWords(en, 'and')} ${plural ? 'are' : 'is'} inactive in QuickBooks; reactivate ${plural ? 'them' : 'it'} there or change the ${doc.en}.`,
    `${joinWords(fr, 'et')} ${plural ? 'sont inactifs' : 'est inactif'} dans QuickBooks; réactivez-${plural ? 'les' : 'le'} dans QuickBooks ou modifiez ${doc.fr}.`,
    { details: { inactive: unique } },
  );
}

function noLinesProblem(kind: DocumentKind): ExportProblem {
  const doc =
    kind === 'salesOrder'
      ? { en: 'sales order', fr: 'la commande client' }
      : { en: 'invoice', fr: 'la facture' };
  return problem(
    'EXPORT_NO_LINES',
    `The task has no line to put on the ${doc.en}.`,
    `La tâche n'a aucune ligne à mettre sur ${doc.fr}.`,
  );
}

function decimal(
  ctx: BuildContext,
  line: number,
  field: 'quantity' | 'price',
  format: () => string,
): string | null {
  try {
    return format();
  } catch (error) {
    if (!(error instanceof QbxmlError)) throw error;
    const words =
      field === 'price'
        ? { en: 'price', fr: 'prix' }
        : { en: 'quantity', fr: 'quantité' };
    ctx.problems.push(
      problem(
        error.code === 'QBXML_PRECISION' ? 'EXPORT_PRECISION' : 'EXPORT_INVALID_NUMBER',
        `Line ${line}: ${words.en} — ${error.text.en}`,
        `Ligne ${line} : ${words.fr} — ${error.text.fr}`,
        { line, details: error.details },
      ),
    );
    return null;
  }
}

function notADecimal(line: number, field: string, value: string): ExportProblem {
  return problem(
    'EXPORT_INVALID_NUMBER',
    `Line ${line}: the ${field} "${value}" is not a number.`,
    `Ligne ${line} : le ${field === 'price' ? 'prix' : field} « ${value} » n'est pas un nombre.`,
    { line, fixableBy: 'developer' },
  );
}

function isZero(value: string): boolean | null {
  try {
    return compareDecimals(value, '0') === 0;
  } catch {
    return null;
  }
}

function text<K extends string>(
  key: K,
  value: string | undefined,
): Partial<Record<K, string>> {
  const trimmed = value?.trim();
  return trimmed ? ({ [key]: trimmed } as Record<K, string>) : {};
}

function capitalize(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

function joinWords(parts: string[], and: string): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} ${and} ${parts[parts.length - 1]}`;
}
