import { readFileSync } from 'node:fs';
import type { CompanyFile } from '../company/company-file';
import type { ListCategory } from '../company/company-store';
import {
  isItemType,
  REF_TARGETS,
  type AuxListType,
  type ItemType,
  type ListRecord,
  type ListType,
  type TxnLine,
  type TxnRecord,
} from '../company/model';
import { add, formatFixed, parseDecimal } from '../shared/decimal';
import { child, childText, parseXml, type XmlElement } from '../xml/xml-tree';

const CORE = new Set([
  'ListID',
  'TimeCreated',
  'TimeModified',
  'EditSequence',
  'Name',
  'FullName',
  'IsActive',
  'ParentRef',
  'Sublevel',
  'TotalBalance',
  'BillAddressBlock',
  'ShipAddressBlock',
  'SiteAddressBlock',
  'DataExtRet',
  'ItemInventoryAssemblyLine',
  'ItemGroupLine',
]);
const AGGREGATES = new Set([
  'BillAddress',
  'ShipAddress',
  'SiteAddress',
  'SalesOrPurchase',
  'SalesAndPurchase',
]);
const TXN_SKIP = new Set([
  'TxnID',
  'TimeCreated',
  'TimeModified',
  'EditSequence',
  'TxnNumber',
  'BillAddressBlock',
  'ShipAddressBlock',
  'LinkedTxn',
  'DataExtRet',
]);

/**
 * Loads the records found in real qbXML responses into a company file, keeping their
 * ListIDs, TxnIDs, times and EditSequences. Records only referenced (a job's parent, an
 * item on an invoice line, an account) are created from the reference so every link
 * resolves. Several fixtures come from different real files, so a reference whose ListID is
 * unknown but whose name already exists is joined to the existing record.
 */
export class FixtureLoader {
  private readonly idMap = new Map<string, string>();

  constructor(private readonly company: CompanyFile) {}

  loadFile(path: string): void {
    this.loadDocument(readFileSync(path, 'utf8'));
  }

  loadDocument(qbxml: string): void {
    const doc = parseXml(qbxml.trimStart());
    for (const rs of doc.root.children.flatMap((msgs) => msgs.children)) {
      for (const ret of rs.children) this.loadRet(ret);
    }
  }

  private loadRet(ret: XmlElement): void {
    const type = ret.name.replace(/Ret$/, '');
    if (
      type === 'Customer' ||
      type === 'Class' ||
      type === 'InventorySite' ||
      type === 'SalesTaxCode' ||
      isItemType(type)
    ) {
      this.loadList(type, ret);
    } else if (type === 'Invoice' || type === 'SalesOrder') {
      this.loadTxn(type, ret);
    } else {
      this.loadReferencesOnly(ret);
    }
  }

  private loadList(type: ListType, ret: XmlElement): ListRecord | undefined {
    const fullName = childText(ret, 'FullName') ?? childText(ret, 'Name') ?? '';
    const category = categoryFor(type);
    const existing = this.company.data.find(category, fullName);
    const listId = childText(ret, 'ListID');
    if (existing) {
      if (listId) this.idMap.set(listId, existing.ListID);
      return existing;
    }
    const parentRef = child(ret, 'ParentRef');
    const parent = parentRef
      ? this.ensure(category, parentRef, type)
      : this.ensureParents(category, fullName, type);
    const fields = this.readFields(ret, CORE);
    const record = this.company.data.add(type, {
      name: fullName.split(':').pop() ?? fullName,
      parent: parent?.ListID,
      active: childText(ret, 'IsActive') !== 'false',
      ListID: listId && !this.company.store.lists.has(listId) ? listId : undefined,
      TimeCreated: childText(ret, 'TimeCreated'),
      TimeModified: childText(ret, 'TimeModified'),
      EditSequence: childText(ret, 'EditSequence'),
      values: fields.values,
    });
    Object.assign(record.refs, fields.refs);
    record.lines = this.componentLines(ret);
    if (listId) this.idMap.set(listId, record.ListID);
    return record;
  }

  private loadTxn(type: 'Invoice' | 'SalesOrder', ret: XmlElement): void {
    const txnId = childText(ret, 'TxnID') ?? '';
    if (this.company.store.txns.has(txnId)) return;
    const header = this.readFields(ret, new Set([...TXN_SKIP, `${type}LineRet`]));
    const lines: TxnLine[] = ret.children
      .filter((c) => c.name === `${type}LineRet`)
      .map((line) => ({
        TxnLineID: childText(line, 'TxnLineID') ?? '',
        ...this.readFields(line, new Set(['TxnLineID']), line),
      }));
    const txn: TxnRecord = {
      txnType: type,
      TxnID: txnId,
      TimeCreated: Date.parse(childText(ret, 'TimeCreated') ?? ''),
      TimeModified: Date.parse(childText(ret, 'TimeModified') ?? ''),
      EditSequence: childText(ret, 'EditSequence') ?? '',
      TxnNumber: Number(childText(ret, 'TxnNumber') ?? '0'),
      values: header.values,
      refs: header.refs,
      lines,
    };
    this.company.data.insertTxn(txn);
    this.learnTaxRate(txn.refs['ItemSalesTaxRef'], txn.values['SalesTaxPercentage']);
    this.company.store.lastRefNumbers[type] =
      txn.values['RefNumber'] ?? this.company.store.lastRefNumbers[type];
    if (type === 'Invoice') this.addToBalance(txn);
  }

  private loadReferencesOnly(ret: XmlElement): void {
    const header = this.readFields(ret, new Set(), ret);
    this.learnTaxRate(
      header.refs['ItemSalesTaxRef'],
      header.values['SalesTaxPercentage'],
    );
    for (const line of ret.children.filter((c) => c.name.endsWith('LineRet'))) {
      this.readFields(line, new Set(), line);
    }
  }

  private readFields(
    element: XmlElement,
    skip: Set<string>,
    lineContext?: XmlElement,
  ): { values: Record<string, string>; refs: Record<string, string> } {
    const values: Record<string, string> = {};
    const refs: Record<string, string> = {};
    for (const c of element.children) {
      if (skip.has(c.name) || c.name.endsWith('LineRet')) continue;
      if (c.name.endsWith('Ref')) {
        const target = REF_TARGETS[c.name];
        if (target)
          refs[c.name] = this.ensure(target, c, itemTypeHint(c, lineContext)).ListID;
      } else if (c.children.length === 0) {
        values[c.name] = c.text.replace(/%$/, '');
      } else if (AGGREGATES.has(c.name)) {
        for (const leaf of c.children) {
          if (leaf.name.endsWith('Ref'))
            refs[`${c.name}.${leaf.name}`] = this.ensure('Account', leaf).ListID;
          else values[`${c.name}.${leaf.name}`] = leaf.text.replace(/%$/, '');
        }
      }
    }
    return { values, refs };
  }

  /** The record a reference points to, created from the reference when missing. */
  private ensure(
    category: ListCategory,
    ref: XmlElement,
    typeHint?: ListType,
  ): ListRecord {
    const listId = childText(ref, 'ListID');
    const mapped = listId ? this.idMap.get(listId) : undefined;
    const byId = mapped ?? listId;
    const found = byId ? this.company.store.lists.get(byId) : undefined;
    if (found) return found;
    const fullName = childText(ref, 'FullName') ?? listId ?? 'Unnamed';
    const byName = this.company.data.find(category, fullName);
    if (byName) {
      if (listId) this.idMap.set(listId, byName.ListID);
      return byName;
    }
    const type = (category === 'Item' ? (typeHint ?? 'ItemService') : category) as
      ListType | AuxListType;
    const parent = this.ensureParents(category, fullName, type as ListType);
    const record = this.company.data.add(type, {
      name: fullName.split(':').pop() ?? fullName,
      parent: parent?.ListID,
      ListID: listId && !this.company.store.lists.has(listId) ? listId : undefined,
      values: defaultValues(type),
    });
    if (listId) this.idMap.set(listId, record.ListID);
    return record;
  }

  private ensureParents(
    category: ListCategory,
    fullName: string,
    type: ListType,
  ): ListRecord | undefined {
    const parts = fullName.split(':');
    let parent: ListRecord | undefined;
    for (let i = 1; i < parts.length; i += 1) {
      const name = parts.slice(0, i).join(':');
      parent =
        this.company.data.find(category, name) ??
        this.company.data.add(type, {
          name: parts[i - 1],
          parent: parent?.ListID,
          values: defaultValues(type),
        });
    }
    return parent;
  }

  private componentLines(ret: XmlElement): ListRecord['lines'] {
    const lines = ret.children.filter(
      (c) => c.name === 'ItemInventoryAssemblyLine' || c.name === 'ItemGroupLine',
    );
    if (lines.length === 0) return undefined;
    return lines.map((line) => {
      const ref = child(line, 'ItemInventoryRef') ?? child(line, 'ItemRef');
      return {
        itemId: this.ensure('Item', ref!, 'ItemInventory').ListID,
        quantity: childText(line, 'Quantity'),
      };
    });
  }

  /** A sales-tax item known only from documents takes the percentage they show. */
  private learnTaxRate(itemId: string | undefined, percentage: string | undefined): void {
    const item = itemId ? this.company.store.lists.get(itemId) : undefined;
    if (item && percentage && item.values['TaxRate'] === undefined)
      item.values['TaxRate'] = percentage;
  }

  private addToBalance(txn: TxnRecord): void {
    const customer = this.company.store.lists.get(txn.refs['CustomerRef']);
    const balance = txn.values['BalanceRemaining'];
    if (!customer || balance === undefined) return;
    const current = parseDecimal(customer.values['Balance'] ?? '0');
    customer.values['Balance'] = formatFixed(add(current, parseDecimal(balance)), 2);
  }
}

function categoryFor(type: ListType): ListCategory {
  return isItemType(type) ? 'Item' : (type as ListCategory);
}

// An item known only from a sales line gets a plausible kind: "Inventory" in its name makes
// it an inventory part, lines of the estimate fixture are resold hardware (non-inventory),
// everything else a service.
function itemTypeHint(ref: XmlElement, line?: XmlElement): ItemType | undefined {
  if (ref.name === 'ItemSalesTaxRef') return 'ItemSalesTax';
  if (ref.name === 'ItemInventoryRef') return 'ItemInventory';
  if (ref.name !== 'ItemRef') return undefined;
  const name = childText(ref, 'FullName') ?? '';
  if (/inventory/i.test(name)) return 'ItemInventory';
  if (line?.name === 'EstimateLineRet') return 'ItemNonInventory';
  return 'ItemService';
}

function defaultValues(type: ListType | AuxListType): Record<string, string> {
  if (type === 'SalesTaxCode') return { IsTaxable: 'true' };
  return {};
}

/** Fills item prices and descriptions from the sales lines that use them. */
export function priceItemsFromLines(company: CompanyFile, lines: XmlElement[]): void {
  for (const line of lines) {
    const ref = child(line, 'ItemRef');
    const item = ref
      ? company.data.find(
          'Item',
          childText(ref, 'ListID') ?? childText(ref, 'FullName') ?? '',
        )
      : undefined;
    if (!item) continue;
    const desc = childText(line, 'Desc');
    const rate = childText(line, 'Rate');
    const inventory =
      item.listType === 'ItemInventory' || item.listType === 'ItemNonInventory';
    const descKey =
      inventory && item.listType === 'ItemInventory'
        ? 'SalesDesc'
        : 'SalesOrPurchase.Desc';
    const priceKey =
      inventory && item.listType === 'ItemInventory'
        ? 'SalesPrice'
        : 'SalesOrPurchase.Price';
    if (desc && !item.values[descKey]) item.values[descKey] = desc;
    if (rate && !item.values[priceKey])
      item.values[priceKey] = formatFixed(parseDecimal(rate), 2);
    const code = child(line, 'SalesTaxCodeRef');
    const codeRecord = code
      ? company.data.find('SalesTaxCode', childText(code, 'FullName') ?? '')
      : undefined;
    if (codeRecord && !item.refs['SalesTaxCodeRef'])
      item.refs['SalesTaxCodeRef'] = codeRecord.ListID;
  }
}
