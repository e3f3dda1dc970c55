import {
  add,
  divide,
  formatFixed,
  formatTrimmed,
  multiply,
  parseDecimal,
  roundHalfUp,
  sum,
  ZERO,
  type Decimal,
} from '../../shared/decimal';
import type { CompanyStore } from '../company-store';
import type { ListRecord, TxnLine, TxnRecord } from '../model';

// How QuickBooks fills a sales line: an item brings its description, price and tax code
// unless the request sets them; Amount is Quantity × Rate rounded half-up to cents; when only
// Amount and Quantity are sent, the Rate is derived from them.

const DESC_FIELDS = [
  'SalesDesc',
  'SalesOrPurchase.Desc',
  'SalesAndPurchase.SalesDesc',
  'ItemDesc',
];
const PRICE_FIELDS = [
  'SalesPrice',
  'SalesOrPurchase.Price',
  'SalesAndPurchase.SalesPrice',
  'DiscountRate',
];

export function completeLines(store: CompanyStore, txn: TxnRecord): void {
  let previous: Decimal = ZERO;
  for (const line of txn.lines) {
    if (line.members) {
      completeGroup(store, line);
      continue;
    }
    const item = line.refs['ItemRef'] ? store.lists.get(line.refs['ItemRef']) : undefined;
    if (item) applyItemDefaults(line, item);
    previous = computeAmount(line, previous);
  }
}

/** Every sales line of a document, group members included (groups themselves left out). */
export function itemLines(txn: TxnRecord): TxnLine[] {
  return txn.lines.flatMap((line) => line.members ?? [line]);
}

// A group line is expanded into one line per member of the ItemGroup, its quantity times
// the group's; the group shows the total of its members.
function completeGroup(store: CompanyStore, group: TxnLine): void {
  const total: Decimal[] = [];
  for (const member of group.members ?? []) {
    const item = store.lists.get(member.refs['ItemRef']);
    if (item) applyItemDefaults(member, item);
    total.push(computeAmount(member, ZERO));
  }
  group.values['TotalAmount'] = formatFixed(sum(total), 2);
}

/** The member lines of a new group line, from the ItemGroup's definition. */
export function expandGroup(
  store: CompanyStore,
  groupItemId: string,
  quantity: string | undefined,
  siteId: string | undefined,
  newLineId: () => string,
): TxnLine[] {
  const group = store.lists.get(groupItemId);
  const times = parseDecimal(quantity ?? '1');
  return (group?.lines ?? []).map((member) => {
    const values: Record<string, string> = {};
    if (member.quantity !== undefined) {
      values['Quantity'] = formatTrimmed(multiply(parseDecimal(member.quantity), times));
    }
    const refs: Record<string, string> = { ItemRef: member.itemId };
    if (siteId) refs['InventorySiteRef'] = siteId;
    return { TxnLineID: newLineId(), values, refs };
  });
}

function applyItemDefaults(line: TxnLine, item: ListRecord): void {
  const desc = DESC_FIELDS.map((f) => item.values[f]).find(Boolean);
  if (line.values['Desc'] === undefined && desc) line.values['Desc'] = desc;
  if (!line.refs['SalesTaxCodeRef'] && item.refs['SalesTaxCodeRef']) {
    line.refs['SalesTaxCodeRef'] = item.refs['SalesTaxCodeRef'];
  }
  const priced = ['Rate', 'RatePercent', 'Amount'].some(
    (f) => line.values[f] !== undefined,
  );
  const price = PRICE_FIELDS.map((f) => item.values[f]).find(Boolean);
  if (!priced && price) line.values['Rate'] = price;
}

function computeAmount(line: TxnLine, previous: Decimal): Decimal {
  const v = line.values;
  const quantity = v['Quantity'] === undefined ? undefined : parseDecimal(v['Quantity']);
  if (v['Amount'] !== undefined) {
    const amount = parseDecimal(v['Amount']);
    v['Amount'] = formatFixed(amount, 2);
    if (
      v['Rate'] === undefined &&
      v['RatePercent'] === undefined &&
      quantity &&
      quantity.units !== 0n
    ) {
      v['Rate'] = formatTrimmed(divide(amount, quantity, 5));
    }
    return amount;
  }
  if (v['Rate'] !== undefined) {
    const rate = parseDecimal(v['Rate']);
    const amount = roundHalfUp(quantity ? multiply(quantity, rate) : rate, 2);
    v['Amount'] = formatFixed(amount, 2);
    return amount;
  }
  if (v['RatePercent'] !== undefined) {
    const percent = parseDecimal(v['RatePercent']);
    const amount = roundHalfUp(
      divide(multiply(previous, percent), parseDecimal('100'), 4),
      2,
    );
    v['Amount'] = formatFixed(amount, 2);
    return amount;
  }
  return ZERO;
}

/**
 * Header totals. US files: one sales-tax item (or group) for the whole document, applied to
 * the lines whose tax code is taxable, unless the customer's code is non-taxable. Canadian
 * files: each line's tax code carries its own rate (through the code's sales-tax item).
 */
export function computeTotals(store: CompanyStore, txn: TxnRecord): void {
  const amounts = itemLines(txn).map((l) => amountOf(l));
  const subtotal = sum(amounts);
  const tax =
    store.settings.country === 'US' ? usTax(store, txn) : perLineTax(store, txn);
  const total = add(subtotal, tax);

  txn.values['Subtotal'] = formatFixed(subtotal, 2);
  if (store.settings.country === 'US') {
    txn.values['SalesTaxPercentage'] = formatFixed(
      taxRate(store, txn.refs['ItemSalesTaxRef']),
      2,
    );
  }
  txn.values['SalesTaxTotal'] = formatFixed(tax, 2);
  if (txn.txnType === 'Invoice') {
    txn.values['AppliedAmount'] = '0.00';
    txn.values['BalanceRemaining'] = formatFixed(total, 2);
    txn.values['IsPaid'] = String(total.units === 0n);
  } else {
    txn.values['TotalAmount'] = formatFixed(total, 2);
  }
}

function amountOf(line: TxnLine): Decimal {
  return line.values['Amount'] === undefined ? ZERO : parseDecimal(line.values['Amount']);
}

function usTax(store: CompanyStore, txn: TxnRecord): Decimal {
  const customerCode = codeOf(store, txn.refs['CustomerSalesTaxCodeRef']);
  if (customerCode && customerCode.values['IsTaxable'] === 'false') return ZERO;
  const taxable = itemLines(txn)
    .filter(
      (l) => codeOf(store, l.refs['SalesTaxCodeRef'])?.values['IsTaxable'] === 'true',
    )
    .map(amountOf);
  const rate = taxRate(store, txn.refs['ItemSalesTaxRef']);
  return roundHalfUp(divide(multiply(sum(taxable), rate), parseDecimal('100'), 6), 2);
}

function perLineTax(store: CompanyStore, txn: TxnRecord): Decimal {
  const parts = itemLines(txn).map((line) => {
    const code = codeOf(store, line.refs['SalesTaxCodeRef']);
    if (!code || code.values['IsTaxable'] === 'false') return ZERO;
    const rate = taxRate(store, code.refs['ItemSalesTaxRef']);
    return roundHalfUp(divide(multiply(amountOf(line), rate), parseDecimal('100'), 6), 2);
  });
  return sum(parts);
}

function codeOf(store: CompanyStore, listId: string | undefined): ListRecord | undefined {
  return listId ? store.lists.get(listId) : undefined;
}

/** Rate of a sales-tax item, or the sum of a tax group's members. */
export function taxRate(store: CompanyStore, itemId: string | undefined): Decimal {
  const item = itemId ? store.lists.get(itemId) : undefined;
  if (!item) return ZERO;
  if (item.listType === 'ItemSalesTaxGroup') {
    return sum((item.lines ?? []).map((l) => taxRate(store, l.itemId)));
  }
  return item.values['TaxRate'] ? parseDecimal(item.values['TaxRate']) : ZERO;
}

/** Effects of a document on balances and stock; sign -1 undoes them before a Mod. */
export function applyEffects(store: CompanyStore, txn: TxnRecord, sign: 1 | -1): void {
  if (txn.txnType === 'Invoice')
    adjust(
      store.lists.get(txn.refs['CustomerRef']),
      'Balance',
      txn.values['BalanceRemaining'],
      sign,
      2,
    );
  const field = txn.txnType === 'Invoice' ? 'QuantityOnHand' : 'QuantityOnSalesOrder';
  const direction = txn.txnType === 'Invoice' ? -sign : sign;
  for (const line of txn.lines) {
    const item = line.refs['ItemRef'] ? store.lists.get(line.refs['ItemRef']) : undefined;
    if (!item || !['ItemInventory', 'ItemInventoryAssembly'].includes(item.listType))
      continue;
    adjust(item, field, line.values['Quantity'] ?? '1', direction as 1 | -1, undefined);
  }
}

function adjust(
  record: ListRecord | undefined,
  field: string,
  delta: string | undefined,
  sign: 1 | -1,
  scale: number | undefined,
): void {
  if (!record || delta === undefined) return;
  const current = parseDecimal(record.values[field] ?? '0');
  const change = parseDecimal(delta);
  const next = add(current, { units: change.units * BigInt(sign), scale: change.scale });
  record.values[field] =
    scale === undefined ? formatTrimmed(next) : formatFixed(next, scale);
}

/**
 * The number QuickBooks proposes for the next document: the last number that ended in
 * digits, incremented with its prefix and zero padding kept ("FS-0099" → "FS-0100").
 */
export function nextRefNumber(last: string | undefined): string {
  if (!last) return '1';
  const m = /^(.*?)(\d+)$/.exec(last);
  if (!m) return '1';
  const next = (BigInt(m[2]) + 1n).toString().padStart(m[2].length, '0');
  return `${m[1]}${next}`;
}
