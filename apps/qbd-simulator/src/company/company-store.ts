import type { CompanySettings } from './company-settings';
import {
  isItemType,
  type AuxListType,
  type DataExtension,
  type ListDeletion,
  type ListRecord,
  type ListType,
  type TxnDeletion,
  type TxnRecord,
  type TxnType,
} from './model';

/** A list as references see it: every item type shares one name space, "Item". */
export type ListCategory =
  'Customer' | 'Class' | 'InventorySite' | 'SalesTaxCode' | 'Item' | AuxListType;

export function categoryOf(type: ListType | AuxListType): ListCategory {
  return isItemType(type) ? 'Item' : type;
}

/** Everything that makes up the company file, in a JSON-friendly shape. */
export interface CompanySnapshot {
  format: 'qbd-simulator/company@1';
  settings: CompanySettings;
  counters: { list: number; txn: number; txnNumber: number };
  lastRefNumbers: Partial<Record<TxnType, string>>;
  lists: ListRecord[];
  txns: TxnRecord[];
  listDeletions: ListDeletion[];
  txnDeletions: TxnDeletion[];
  dataExtensions: DataExtension[];
}

/**
 * The records of one company file and the indexes QuickBooks keeps on them: ListID/TxnID
 * lookups, case-insensitive full names per list, parent/child links, the deletion logs and
 * the counters behind new IDs. It knows nothing about qbXML.
 */
export class CompanyStore {
  readonly lists = new Map<string, ListRecord>();
  readonly txns = new Map<string, TxnRecord>();
  listDeletions: ListDeletion[] = [];
  txnDeletions: TxnDeletion[] = [];
  dataExtensions: DataExtension[] = [];
  lastRefNumbers: Partial<Record<TxnType, string>> = {};

  private counters = { list: 0, txn: 0, txnNumber: 0 };
  private readonly names = new Map<ListCategory, Map<string, string>>();
  private readonly children = new Map<string, Set<string>>();
  private readonly sorted = new Map<ListCategory, ListRecord[]>();

  constructor(
    public settings: CompanySettings,
    /** Source of "now" (ms since epoch); swapped while loading data with fixed times. */
    public now: () => number,
  ) {}

  // ListIDs look like "80000031-1716300000": a hex sequence number from 0x80000000 and the
  // creation time in seconds. TxnIDs and TxnLineIDs share a shorter sequence ("2B7-…").
  newListId(createdMs: number): string {
    this.counters.list += 1;
    return `${(0x80000000 + this.counters.list).toString(16).toUpperCase()}-${seconds(createdMs)}`;
  }

  newTxnId(createdMs: number): string {
    this.counters.txn += 1;
    return `${this.counters.txn.toString(16).toUpperCase()}-${seconds(createdMs)}`;
  }

  nextTxnNumber(): number {
    this.counters.txnNumber += 1;
    return this.counters.txnNumber;
  }

  /** EditSequence is the modification time in seconds, kept strictly increasing per record. */
  editSequence(modifiedMs: number, previous?: string): string {
    const candidate = seconds(modifiedMs);
    if (previous !== undefined && Number(previous) >= candidate)
      return String(Number(previous) + 1);
    return String(candidate);
  }

  addList(record: ListRecord): void {
    this.lists.set(record.ListID, record);
    this.nameIndex(categoryOf(record.listType)).set(
      record.FullName.toLowerCase(),
      record.ListID,
    );
    if (record.ParentID) this.childSet(record.ParentID).add(record.ListID);
    this.sorted.delete(categoryOf(record.listType));
  }

  /** Re-indexes a record after its Name or parent changed, cascading to descendants. */
  reindexName(record: ListRecord, oldFullName: string, oldParentId?: string): void {
    const category = categoryOf(record.listType);
    this.nameIndex(category).delete(oldFullName.toLowerCase());
    if (oldParentId) this.children.get(oldParentId)?.delete(record.ListID);
    const parent = record.ParentID ? this.lists.get(record.ParentID) : undefined;
    record.FullName = parent ? `${parent.FullName}:${record.Name}` : record.Name;
    record.Sublevel = parent ? parent.Sublevel + 1 : 0;
    this.nameIndex(category).set(record.FullName.toLowerCase(), record.ListID);
    if (record.ParentID) this.childSet(record.ParentID).add(record.ListID);
    for (const childId of this.childrenOf(record.ListID)) {
      const c = this.lists.get(childId);
      if (c) this.reindexName(c, c.FullName, record.ListID);
    }
    this.sorted.delete(category);
  }

  removeList(record: ListRecord): void {
    this.lists.delete(record.ListID);
    this.nameIndex(categoryOf(record.listType)).delete(record.FullName.toLowerCase());
    if (record.ParentID) this.children.get(record.ParentID)?.delete(record.ListID);
    this.sorted.delete(categoryOf(record.listType));
  }

  findByFullName(category: ListCategory, fullName: string): ListRecord | undefined {
    const id = this.nameIndex(category).get(fullName.toLowerCase());
    return id === undefined ? undefined : this.lists.get(id);
  }

  findById(category: ListCategory, listId: string): ListRecord | undefined {
    const record = this.lists.get(listId);
    return record && categoryOf(record.listType) === category ? record : undefined;
  }

  childrenOf(listId: string): string[] {
    return [...(this.children.get(listId) ?? [])];
  }

  /** The records of one list in QuickBooks' list order: by full name, parents first. */
  listOf(category: ListCategory): ListRecord[] {
    let records = this.sorted.get(category);
    if (!records) {
      records = [...this.lists.values()].filter(
        (r) => categoryOf(r.listType) === category,
      );
      records.sort(compareFullNames);
      this.sorted.set(category, records);
    }
    return records;
  }

  /** Call after changing a record in place so list order is recomputed. */
  touched(record: ListRecord): void {
    this.sorted.delete(categoryOf(record.listType));
  }

  addTxn(record: TxnRecord): void {
    this.txns.set(record.TxnID, record);
    // TxnNumber is QuickBooks' running count: new documents continue after loaded ones.
    this.counters.txnNumber = Math.max(this.counters.txnNumber, record.TxnNumber);
  }

  txnsOf(type: TxnType): TxnRecord[] {
    return [...this.txns.values()].filter((t) => t.txnType === type);
  }

  toSnapshot(): CompanySnapshot {
    return structuredClone({
      format: 'qbd-simulator/company@1' as const,
      settings: this.settings,
      counters: this.counters,
      lastRefNumbers: this.lastRefNumbers,
      lists: [...this.lists.values()],
      txns: [...this.txns.values()],
      listDeletions: this.listDeletions,
      txnDeletions: this.txnDeletions,
      dataExtensions: this.dataExtensions,
    });
  }

  static fromSnapshot(snapshot: CompanySnapshot, now: () => number): CompanyStore {
    if (snapshot.format !== 'qbd-simulator/company@1') {
      throw new Error(`unknown company state format: ${String(snapshot.format)}`);
    }
    const store = new CompanyStore(snapshot.settings, now);
    store.counters = { ...snapshot.counters };
    store.lastRefNumbers = { ...snapshot.lastRefNumbers };
    for (const record of snapshot.lists) store.addList(record);
    for (const txn of snapshot.txns) store.addTxn(txn);
    store.listDeletions = snapshot.listDeletions;
    store.txnDeletions = snapshot.txnDeletions;
    store.dataExtensions = snapshot.dataExtensions;
    return store;
  }

  private nameIndex(category: ListCategory): Map<string, string> {
    let index = this.names.get(category);
    if (!index) {
      index = new Map();
      this.names.set(category, index);
    }
    return index;
  }

  private childSet(parentId: string): Set<string> {
    let set = this.children.get(parentId);
    if (!set) {
      set = new Set();
      this.children.set(parentId, set);
    }
    return set;
  }
}

export function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}

function compareFullNames(a: ListRecord, b: ListRecord): number {
  const left = a.FullName.toLowerCase().split(':');
  const right = b.FullName.toLowerCase().split(':');
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    if (left[i] !== right[i]) return left[i] < right[i] ? -1 : 1;
  }
  return left.length - right.length;
}
