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
import { applyEffects, completeLines, computeTotals, nextRefNumber } from './txn-amounts';
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
]);

const LABEL: Record<TxnType, string> = { Invoice: 'Invoice', SalesOrder: 'Sales Order' };

/** Handler for InvoiceAddRq / SalesOrderAddRq. */
export function txnAdd(type: TxnType): RequestHandler {
  return (ctx) => {
    requireFeature(ctx, type);
    const add = payload(ctx);
    const path = `${ctx.rq.name}/${add.name}`;
    refuseGroupLines(add, type, 'Add');
    const header = readFields(ctx, add, path, LABEL[type], NOT_HEADER);
    const lines = childrenNamed(add, `${type}LineAdd`).map((l) =>
      readLine(ctx, l, `${path}/${type}LineAdd`, type),
    );

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
    refuseGroupLines(mod, type, 'Mod');
    const txn = findForMod(ctx, type, mod);
    const header = readFields(ctx, mod, path, LABEL[type], NOT_HEADER);
    const lineMods = childrenNamed(mod, `${type}LineMod`);
    const lines = lineMods.map((l) => modLine(ctx, txn, l, `${path}/${type}LineMod`));

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

// Group lines (an ItemGroup expanded into its members) are not modelled: answered as a
// feature this company file does not offer rather than silently mis-stored.
function refuseGroupLines(element: XmlElement, type: TxnType, kind: 'Add' | 'Mod'): void {
  if (childrenNamed(element, `${type}LineGroup${kind}`).length > 0) {
    throw new StatusError(status.featureNotEnabled());
  }
}

function readLine(
  ctx: HandlerContext,
  element: XmlElement,
  path: string,
  type: TxnType,
): FieldSet {
  return readFields(ctx, element, path, `${LABEL[type]} line`, NOT_LINE);
}

function newTxn(
  ctx: HandlerContext,
  type: TxnType,
  header: FieldSet,
  lines: FieldSet[],
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
  txn.lines = lines.map((l) => ({
    TxnLineID: store.newTxnId(now),
    values: l.values,
    refs: l.refs,
  }));
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
  if (lineId === '-1') {
    return {
      TxnLineID: ctx.store.newTxnId(ctx.store.now()),
      values: fields.values,
      refs: fields.refs,
    };
  }
  const existing = txn.lines.find((l) => l.TxnLineID === lineId);
  if (!existing) throw new StatusError(status.txnNotFound(lineId));
  const values = { ...existing.values, ...fields.values };
  const repriced = ['Quantity', 'Rate', 'RatePercent'].some((f) => f in fields.values);
  if (repriced && !('Amount' in fields.values)) delete values['Amount'];
  return { TxnLineID: lineId, values, refs: { ...existing.refs, ...fields.refs } };
}

function answer(ctx: HandlerContext, txn: TxnRecord): RsResult {
  const includeRet = childrenNamed(ctx.rq, 'IncludeRetElement').map((e) => e.text.trim());
  return { status: status.ok(), rets: [trimRet(ctx.writer.txn(txn, true), includeRet)] };
}
