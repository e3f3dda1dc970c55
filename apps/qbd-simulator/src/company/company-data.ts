import { toStoredText } from '../xml/qb-text';
import { categoryOf, type CompanyStore, type ListCategory } from './company-store';
import {
  REF_TARGETS,
  type AuxListType,
  type ListRecord,
  type ListType,
  type TxnRecord,
  type TxnType,
} from './model';

/** A list record to create through the set-up API. */
export interface ListInput {
  name: string;
  /** Full name (or ListID) of the parent record, for jobs, sub-items and sub-classes. */
  parent?: string;
  active?: boolean;
  /** Leaf values by Intuit element name; nested ones as "BillAddress.City". */
  values?: Record<string, string>;
  /** References by element name ("SalesTaxCodeRef") to a full name or ListID. */
  refs?: Record<string, string>;
  /** Members of a group, assembly or sales-tax group: full name (or ListID) and quantity. */
  lines?: { item: string; quantity?: string }[];
  /** Keep identity and times of a record loaded from real data. */
  ListID?: string;
  TimeCreated?: number | string;
  TimeModified?: number | string;
  EditSequence?: string;
}

/** A document as a person reads it on screen: number, customer, lines, totals. */
export interface TxnSummary {
  txnId: string;
  txnNumber: number;
  refNumber: string;
  txnDate: string;
  customer: string;
  lines: { item: string; desc: string; quantity: string; rate: string; amount: string }[];
  subtotal: string;
  tax: string;
  total: string;
  externalGuid?: string;
}

/** A change made "in the QuickBooks window": it moves TimeModified and EditSequence. */
export interface ListChange {
  name?: string;
  active?: boolean;
  values?: Record<string, string | undefined>;
  refs?: Record<string, string | undefined>;
}

/**
 * Programmatic access to the company's data for demos, generators and tests (what a
 * bookkeeper would type into QuickBooks). Requests from the gateway never come this way.
 */
export class CompanyData {
  constructor(private readonly store: CompanyStore) {}

  add(type: ListType | AuxListType, input: ListInput): ListRecord {
    const category = categoryOf(type);
    const parent = input.parent ? this.resolve(category, input.parent) : undefined;
    const name = toStoredText(input.name);
    const fullName = parent ? `${parent.FullName}:${name}` : name;
    if (this.store.findByFullName(category, fullName)) {
      throw new Error(`${category} "${fullName}" already exists`);
    }
    const created = toMs(input.TimeCreated) ?? this.store.now();
    const modified = toMs(input.TimeModified) ?? created;
    const listId = input.ListID ?? this.store.newListId(created);
    if (this.store.lists.has(listId)) throw new Error(`ListID ${listId} already exists`);

    const record: ListRecord = {
      listType: type,
      ListID: listId,
      TimeCreated: created,
      TimeModified: modified,
      EditSequence: input.EditSequence ?? this.store.editSequence(modified),
      Name: name,
      FullName: fullName,
      Sublevel: parent ? parent.Sublevel + 1 : 0,
      IsActive: input.active ?? true,
      ParentID: parent?.ListID,
      values: storedValues(input.values ?? {}),
      refs: this.resolveRefs(input.refs ?? {}),
      lines: input.lines?.map((l) => ({
        itemId: this.resolve('Item', l.item).ListID,
        quantity: l.quantity,
      })),
    };
    if (type === 'Customer') {
      record.values['Balance'] ??= '0.00';
      record.values['JobStatus'] ??= 'None';
    }
    this.store.addList(record);
    return record;
  }

  /** The record of a reference list (account, terms, template ...), created when missing. */
  aux(type: AuxListType, name: string): ListRecord {
    return this.store.findByFullName(type, name) ?? this.add(type, { name });
  }

  modify(listId: string, change: ListChange): ListRecord {
    const record = this.store.lists.get(listId);
    if (!record) throw new Error(`no list record ${listId}`);
    if (change.name !== undefined && change.name !== record.Name) {
      const old = record.FullName;
      record.Name = toStoredText(change.name);
      this.store.reindexName(record, old, record.ParentID);
    }
    if (change.active !== undefined) record.IsActive = change.active;
    for (const [k, v] of Object.entries(change.values ?? {}))
      setOrDelete(record.values, k, v && toStoredText(v));
    for (const [k, v] of Object.entries(change.refs ?? {})) {
      setOrDelete(record.refs, k, v && this.resolve(targetOf(k), v).ListID);
    }
    const now = this.store.now();
    record.TimeModified = now;
    record.EditSequence = this.store.editSequence(now, record.EditSequence);
    this.store.touched(record);
    return record;
  }

  /** Deletes a list record (and its sub-records), noting each in the ListDeleted log. */
  deleteList(listId: string): void {
    const record = this.store.lists.get(listId);
    if (!record) throw new Error(`no list record ${listId}`);
    for (const childId of this.store.childrenOf(listId)) this.deleteList(childId);
    this.store.removeList(record);
    this.store.listDeletions.push({
      ListDelType: record.listType as ListType,
      ListID: record.ListID,
      TimeCreated: record.TimeCreated,
      TimeDeleted: this.store.now(),
      FullName: record.FullName,
    });
  }

  /** Stores a transaction as is (loading real data); its IDs must be unique. */
  insertTxn(record: TxnRecord): void {
    if (this.store.txns.has(record.TxnID))
      throw new Error(`TxnID ${record.TxnID} already exists`);
    this.store.addTxn(record);
  }

  modifyTxn(txnId: string, values: Record<string, string | undefined>): TxnRecord {
    const txn = this.store.txns.get(txnId);
    if (!txn) throw new Error(`no transaction ${txnId}`);
    for (const [k, v] of Object.entries(values))
      setOrDelete(txn.values, k, v && toStoredText(v));
    const now = this.store.now();
    txn.TimeModified = now;
    txn.EditSequence = this.store.editSequence(now, txn.EditSequence);
    return txn;
  }

  deleteTxn(txnId: string): void {
    const txn = this.store.txns.get(txnId);
    if (!txn) throw new Error(`no transaction ${txnId}`);
    this.store.txns.delete(txnId);
    this.store.txnDeletions.push({
      TxnDelType: txn.txnType,
      TxnID: txn.TxnID,
      TimeCreated: txn.TimeCreated,
      TimeDeleted: this.store.now(),
      RefNumber: txn.values['RefNumber'],
    });
  }

  list(category: ListCategory): ListRecord[] {
    return this.store.listOf(category);
  }

  find(category: ListCategory, fullNameOrId: string): ListRecord | undefined {
    return (
      this.store.findById(category, fullNameOrId) ??
      this.store.findByFullName(category, fullNameOrId)
    );
  }

  transactions(type: TxnType): TxnRecord[] {
    return this.store.txnsOf(type).sort((a, b) => a.TxnNumber - b.TxnNumber);
  }

  /** A readable summary of one document (group lines listed as their members). */
  findTxn(type: TxnType, txnId: string): TxnSummary | undefined {
    const txn = this.store.txns.get(txnId);
    if (!txn || txn.txnType !== type) return undefined;
    const name = (id: string | undefined) =>
      id ? (this.store.lists.get(id)?.FullName ?? '') : '';
    const v = txn.values;
    return {
      txnId: txn.TxnID,
      txnNumber: txn.TxnNumber,
      refNumber: v['RefNumber'] ?? '',
      txnDate: v['TxnDate'] ?? '',
      customer: name(txn.refs['CustomerRef']),
      lines: txn.lines
        .flatMap((l) => l.members ?? [l])
        .map((l) => ({
          item: name(l.refs['ItemRef']),
          desc: l.values['Desc'] ?? '',
          quantity: l.values['Quantity'] ?? '',
          rate: l.values['Rate'] ?? '',
          amount: l.values['Amount'] ?? '',
        })),
      subtotal: v['Subtotal'] ?? '0.00',
      tax: v['SalesTaxTotal'] ?? '0.00',
      total: v['BalanceRemaining'] ?? v['TotalAmount'] ?? '0.00',
      externalGuid: v['ExternalGUID'],
    };
  }

  findTxnByRefNumber(type: TxnType, refNumber: string): TxnRecord[] {
    return this.transactions(type).filter((t) => t.values['RefNumber'] === refNumber);
  }

  private resolveRefs(refs: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, target] of Object.entries(refs))
      out[name] = this.resolve(targetOf(name), target).ListID;
    return out;
  }

  private resolve(category: ListCategory, key: string): ListRecord {
    const found = this.find(category, key);
    if (found) return found;
    if (isAux(category)) return this.aux(category, key);
    throw new Error(`no ${category} "${key}"`);
  }
}

function targetOf(refName: string): ListCategory {
  const name = refName.includes('.') ? refName.split('.').pop()! : refName;
  const target = REF_TARGETS[name];
  if (!target) throw new Error(`unknown reference ${refName}`);
  return target;
}

const AUX = new Set<string>([
  'Account',
  'Terms',
  'SalesRep',
  'Template',
  'CustomerMsg',
  'ShipMethod',
  'CustomerType',
  'JobType',
  'PriceLevel',
  'PaymentMethod',
  'UnitOfMeasureSet',
  'Vendor',
]);

function isAux(category: ListCategory): category is AuxListType {
  return AUX.has(category);
}

function storedValues(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, toStoredText(v)]));
}

function setOrDelete(
  target: Record<string, string>,
  key: string,
  value: string | undefined,
): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

function toMs(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' ? value : Date.parse(value);
}
