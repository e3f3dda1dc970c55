import { status } from '../../qbxml/status';
import { childrenNamed, childText, type XmlElement } from '../../xml/xml-tree';
import {
  StatusError,
  type HandlerContext,
  type RequestHandler,
  type RsResult,
} from '../handler-context';
import type { TxnLine, TxnRecord, TxnType } from '../model';
import { formatQbDate } from '../qb-time';
import { trimRet } from './query-runner';
import {
  applyEffects,
  completeLines,
  computeTotals,
  expandGroup,
  nextRefNumber,
} from './txn-amounts';
import { payload, readFields, type FieldSet } from './write-support';

const NOT_HEADER = new Set([
  'TxnID',
  'EditSequence',
  'LinkToTxnID',
  'SetCredit',
  'InvoiceLineAdd',
  'InvoiceLineGroupAdd',
  'InvoiceLineMod',
  'InvoiceLineGroupMod',
  'SalesOrderLineAdd',
  'SalesOrderLineGroupAdd',
  'SalesOrderLineMod',
  'SalesOrderLineGroupMod',
]);
const NOT_LINE = new Set([
  'TxnLineID',
  'LinkToTxn',
  'DataExt',
  'OptionForPriceRuleConflict',
  'InvoiceLineMod',
  'SalesOrderLineMod',
]);

const LABEL: Record<TxnType, string> = { Invoice: 'Invoice', SalesOrder: 'Sales Order' };

/** Handler for InvoiceAddRq / SalesOrderAddRq. */
export function txnAdd(type: TxnType): RequestHandler {
  return (ctx) => {
    requireFeature(ctx, type);
    const add = payload(ctx);
    const path = `${ctx.rq.name}/${add.name}`;
    const header = readFields(ctx, add, path, LABEL[type], NOT_HEADER);
    const lines = add.children
      .filter((c) => c.name === `${type}LineAdd` || c.name === `${type}LineGroupAdd`)
      .map((l) => readLine(ctx, l, `${path}/${l.name}`, type));

    const txn = newTxn(ctx, type, header, lines);
    applyHeaderDefaults(ctx, txn);
    assignRefNumber(ctx, txn);
    completeLines(ctx.store, txn);
    computeTotals(ctx.store, txn);
    applyEffects(ctx.store, txn, 1);
    ctx.store.addTxn(txn);
    return answer(ctx, txn);
  };
}

/** Handler for InvoiceModRq / SalesOrderModRq: sent fields replace, sent lines replace all. */
export function txnMod(type: TxnType): RequestHandler {
  return (ctx) => {
    requireFeature(ctx, type);
    const mod = payload(ctx);
    const path = `${ctx.rq.name}/${mod.name}`;
    const txn = findForMod(ctx, type, mod);
    const header = readFields(ctx, mod, path, LABEL[type], NOT_HEADER);
    const lineMods = mod.children.filter(
      (c) => c.name === `${type}LineMod` || c.name === `${type}LineGroupMod`,
    );
    const lines = lineMods.map((l) => modLine(ctx, txn, l, `${path}/${l.name}`));

    applyEffects(ctx.store, txn, -1);
    Object.assign(txn.values, header.values);
    Object.assign(txn.refs, header.refs);
    if (lineMods.length > 0) txn.lines = lines;
    completeLines(ctx.store, txn);
    computeTotals(ctx.store, txn);
    applyEffects(ctx.store, txn, 1);
    const now = ctx.store.now();
    txn.TimeModified = now;
    txn.EditSequence = ctx.store.editSequence(now, txn.EditSequence);
    return answer(ctx, txn);
  };
}

function requireFeature(ctx: HandlerContext, type: TxnType): void {
  if (type === 'SalesOrder' && !ctx.store.settings.salesOrders) {
    throw new StatusError(status.featureNotEnabled());
  }
}

interface LineFields extends FieldSet {
  group: boolean;
}

function readLine(
  ctx: HandlerContext,
  element: XmlElement,
  path: string,
  type: TxnType,
): LineFields {
  const fields = readFields(ctx, element, path, `${LABEL[type]} line`, NOT_LINE);
  const group = /LineGroup(Add|Mod)$/.test(element.name);
  const groupItemId = fields.refs['ItemGroupRef'];
  if (
    group &&
    groupItemId &&
    ctx.store.lists.get(groupItemId)?.listType !== 'ItemGroup'
  ) {
    const name = ctx.store.lists.get(groupItemId)?.FullName ?? groupItemId;
    throw new StatusError(
      status.invalidReference('Item Group', name, `${LABEL[type]} line`),
    );
  }
  return { ...fields, group };
}

/** A new sales line; a group line comes with its members expanded. */
function newLine(ctx: HandlerContext, fields: LineFields, now: number): TxnLine {
  const store = ctx.store;
  const line: TxnLine = {
    TxnLineID: store.newTxnId(now),
    values: fields.values,
    refs: fields.refs,
  };
  if (!fields.group) return line;
  const groupItem = store.lists.get(fields.refs['ItemGroupRef']);
  line.values['IsPrintItemsInGroup'] =
    groupItem?.values['IsPrintItemsInGroup'] ?? 'false';
  const desc = line.values['Desc'] ?? groupItem?.values['ItemDesc'];
  if (desc) line.values['Desc'] = desc;
  const site = fields.refs['InventorySiteRef'];
  delete line.refs['InventorySiteRef'];
  const quantity = fields.values['Quantity'];
  line.members = expandGroup(store, fields.refs['ItemGroupRef'], quantity, site, () =>
    store.newTxnId(now),
  );
  return line;
}

function newTxn(
  ctx: HandlerContext,
  type: TxnType,
  header: FieldSet,
  lines: LineFields[],
): TxnRecord {
  const store = ctx.store;
  const now = store.now();
  const txn: TxnRecord = {
    txnType: type,
    TxnID: store.newTxnId(now),
    TimeCreated: now,
    TimeModified: now,
    EditSequence: store.editSequence(now),
    TxnNumber: store.nextTxnNumber(),
    values: header.values,
    refs: header.refs,
    lines: [],
  };
  txn.lines = lines.map((l) => newLine(ctx, l, now));
  return txn;
}

// Like the QuickBooks form, a new document takes the customer's addresses, terms, rep and
// tax settings, today's date, the default A/R account and template, unless the request
// says otherwise.
function applyHeaderDefaults(ctx: HandlerContext, txn: TxnRecord): void {
  const store = ctx.store;
  const customer = store.lists.get(txn.refs['CustomerRef']);
  const v = txn.values;
  v['TxnDate'] ??= formatQbDate(store.now(), store.settings.timeZone);
  for (const prefix of ['BillAddress', 'ShipAddress'])
    copyAddress(customer?.values ?? {}, v, prefix);
  for (const ref of ['TermsRef', 'SalesRepRef']) {
    if (!txn.refs[ref] && customer?.refs[ref]) txn.refs[ref] = customer.refs[ref];
  }
  if (store.settings.country === 'US') {
    txn.refs['CustomerSalesTaxCodeRef'] ??= customer?.refs['SalesTaxCodeRef'] ?? '';
    txn.refs['ItemSalesTaxRef'] ??= customer?.refs['ItemSalesTaxRef'] ?? '';
  }
  v['DueDate'] ??= v['TxnDate'];
  v['IsToBePrinted'] ??= 'false';
  v['IsToBeEmailed'] ??= 'false';
  if (txn.txnType === 'Invoice') {
    txn.refs['ARAccountRef'] ??=
      store.findByFullName('Account', 'Accounts Receivable')?.ListID ?? '';
    txn.refs['TemplateRef'] ??=
      store.findByFullName('Template', 'Intuit Product Invoice')?.ListID ?? '';
    v['IsPending'] ??= 'false';
    v['IsFinanceCharge'] ??= 'false';
  } else {
    txn.refs['TemplateRef'] ??=
      store.findByFullName('Template', 'Custom Sales Order')?.ListID ?? '';
    v['IsManuallyClosed'] ??= 'false';
    v['IsFullyInvoiced'] ??= 'false';
  }
  for (const [key, value] of Object.entries(txn.refs)) if (!value) delete txn.refs[key];
}

function copyAddress(
  from: Record<string, string>,
  to: Record<string, string>,
  prefix: string,
): void {
  const sent = Object.keys(to).some((k) => k.startsWith(`${prefix}.`));
  if (sent) return;
  for (const [key, value] of Object.entries(from))
    if (key.startsWith(`${prefix}.`)) to[key] = value;
}

function assignRefNumber(ctx: HandlerContext, txn: TxnRecord): void {
  const last = ctx.store.lastRefNumbers;
  const given = txn.values['RefNumber'];
  const ref = given ?? nextRefNumber(last[txn.txnType]);
  txn.values['RefNumber'] = ref;
  if (/\d$/.test(ref)) last[txn.txnType] = ref;
}

function findForMod(ctx: HandlerContext, type: TxnType, mod: XmlElement): TxnRecord {
  const txnId = (childText(mod, 'TxnID') ?? '').trim();
  const txn = ctx.store.txns.get(txnId);
  if (!txn || txn.txnType !== type) throw new StatusError(status.txnNotFound(txnId));
  const editSequence = (childText(mod, 'EditSequence') ?? '').trim();
  if (editSequence !== txn.EditSequence)
    throw new StatusError(status.staleEditSequence(editSequence));
  return txn;
}

// A line Mod with TxnLineID -1 adds a line; otherwise it edits the line with that id, and a
// changed Quantity or Rate makes QuickBooks recompute the Amount unless one is sent.
function modLine(
  ctx: HandlerContext,
  txn: TxnRecord,
  element: XmlElement,
  path: string,
): TxnLine {
  const lineId = (childText(element, 'TxnLineID') ?? '').trim();
  const fields = readLine(ctx, element, path, txn.txnType);
  if (lineId === '-1') return newLine(ctx, fields, ctx.store.now());
  const existing = txn.lines.find((l) => l.TxnLineID === lineId);
  if (!existing || Boolean(existing.members) !== fields.group) {
    throw new StatusError(status.txnNotFound(lineId));
  }
  if (existing.members) return regroup(ctx, existing, fields);
  const values = { ...existing.values, ...fields.values };
  const repriced = ['Quantity', 'Rate', 'RatePercent'].some((f) => f in fields.values);
  if (repriced && !('Amount' in fields.values)) delete values['Amount'];
  return { TxnLineID: lineId, values, refs: { ...existing.refs, ...fields.refs } };
}

// A group line keeps its members; a new quantity scales them again. Edits of single members
// inside a group Mod are not modelled.
function regroup(ctx: HandlerContext, existing: TxnLine, fields: LineFields): TxnLine {
  const quantity = fields.values['Quantity'];
  if (quantity === undefined || quantity === existing.values['Quantity']) return existing;
  const site = existing.members?.[0]?.refs['InventorySiteRef'];
  const now = ctx.store.now();
  return {
    ...existing,
    values: { ...existing.values, Quantity: quantity },
    members: expandGroup(ctx.store, existing.refs['ItemGroupRef'], quantity, site, () =>
      ctx.store.newTxnId(now),
    ),
  };
}

function answer(ctx: HandlerContext, txn: TxnRecord): RsResult {
  const includeRet = childrenNamed(ctx.rq, 'IncludeRetElement').map((e) => e.text.trim());
  return { status: status.ok(), rets: [trimRet(ctx.writer.txn(txn, true), includeRet)] };
}
