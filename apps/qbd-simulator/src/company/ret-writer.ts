import { formatFixed, parseDecimal, sum } from '../shared/decimal';
import { group, leaf, type QbNode } from '../qbxml/qb-node';
import type { CompanyStore } from './company-store';
import type { ListRecord, TxnLine, TxnRecord } from './model';
import { formatQbDateTime } from './qb-time';
import {
  GROUP_LINE_TEMPLATES,
  LINE_TEMPLATES,
  LIST_TEMPLATES,
  TXN_TEMPLATES,
  type RetTemplate,
} from './ret-templates';

type Computed = Record<string, () => QbNode | QbNode[] | undefined>;

/** Turns records into Ret elements in the schema's element order. */
export class RetWriter {
  constructor(private readonly store: CompanyStore) {}

  list(record: ListRecord): QbNode {
    const template = LIST_TEMPLATES[record.listType as keyof typeof LIST_TEMPLATES];
    const computed: Computed = {
      ...this.listCore(record),
      BillAddressBlock: () =>
        addressBlock('BillAddressBlock', record.values, 'BillAddress'),
      ShipAddressBlock: () =>
        addressBlock('ShipAddressBlock', record.values, 'ShipAddress'),
      SiteAddressBlock: () =>
        addressBlock('SiteAddressBlock', record.values, 'SiteAddress'),
      ParentSiteRef: () => this.ref('ParentSiteRef', record.ParentID),
      TotalBalance: () => leaf('TotalBalance', this.totalBalance(record)),
      ItemGroupLine: () => this.componentLines(record, 'ItemGroupLine', 'ItemRef'),
      ItemInventoryAssemblyLine: () =>
        this.componentLines(record, 'ItemInventoryAssemblyLine', 'ItemInventoryRef'),
      'ItemSalesTaxRef*': () =>
        (record.lines ?? []).map((l) => this.ref('ItemSalesTaxRef', l.itemId)!),
    };
    return {
      name: `${record.listType}Ret`,
      children: this.render(template, record.values, record.refs, computed),
    };
  }

  txn(record: TxnRecord, includeLines: boolean): QbNode {
    const tz = this.store.settings.timeZone;
    const computed: Computed = {
      TxnID: () => leaf('TxnID', record.TxnID),
      TimeCreated: () => leaf('TimeCreated', formatQbDateTime(record.TimeCreated, tz)),
      TimeModified: () => leaf('TimeModified', formatQbDateTime(record.TimeModified, tz)),
      EditSequence: () => leaf('EditSequence', record.EditSequence),
      TxnNumber: () => leaf('TxnNumber', record.TxnNumber),
      BillAddressBlock: () =>
        addressBlock('BillAddressBlock', record.values, 'BillAddress'),
      ShipAddressBlock: () =>
        addressBlock('ShipAddressBlock', record.values, 'ShipAddress'),
    };
    const children = this.render(
      TXN_TEMPLATES[record.txnType],
      record.values,
      record.refs,
      computed,
    );
    if (includeLines)
      children.push(...record.lines.map((line) => this.line(record, line)));
    return { name: `${record.txnType}Ret`, children };
  }

  ref(name: string, listId: string | undefined): QbNode | undefined {
    if (!listId) return undefined;
    const target = this.store.lists.get(listId);
    return group(name, [leaf('ListID', listId), leaf('FullName', target?.FullName)]);
  }

  private line(record: TxnRecord, line: TxnLine): QbNode {
    const computed: Computed = { TxnLineID: () => leaf('TxnLineID', line.TxnLineID) };
    if (line.members) {
      const template = GROUP_LINE_TEMPLATES[record.txnType];
      return {
        name: `${record.txnType}LineGroupRet`,
        children: [
          ...this.render(template, line.values, line.refs, computed),
          ...line.members.map((member) => this.line(record, member)),
        ],
      };
    }
    return {
      name: `${record.txnType}LineRet`,
      children: this.render(
        LINE_TEMPLATES[record.txnType],
        line.values,
        line.refs,
        computed,
      ),
    };
  }

  private listCore(record: ListRecord): Computed {
    const tz = this.store.settings.timeZone;
    return {
      ListID: () => leaf('ListID', record.ListID),
      TimeCreated: () => leaf('TimeCreated', formatQbDateTime(record.TimeCreated, tz)),
      TimeModified: () => leaf('TimeModified', formatQbDateTime(record.TimeModified, tz)),
      EditSequence: () => leaf('EditSequence', record.EditSequence),
      Name: () => leaf('Name', record.Name),
      FullName: () => leaf('FullName', record.FullName),
      IsActive: () => leaf('IsActive', record.IsActive),
      ParentRef: () => this.ref('ParentRef', record.ParentID),
      Sublevel: () => leaf('Sublevel', record.Sublevel),
    };
  }

  private render(
    template: RetTemplate,
    values: Record<string, string>,
    refs: Record<string, string>,
    computed: Computed,
  ): QbNode[] {
    const out: QbNode[] = [];
    for (const entry of template) {
      const node = this.entry(entry, values, refs, computed);
      if (Array.isArray(node)) out.push(...node);
      else if (node) out.push(node);
    }
    return out;
  }

  private entry(
    entry: string | [string, string[]],
    values: Record<string, string>,
    refs: Record<string, string>,
    computed: Computed,
  ): QbNode | QbNode[] | undefined {
    if (Array.isArray(entry)) {
      const [name, leaves] = entry;
      return group(
        name,
        leaves.map((l) => this.value(`${name}.${l}`, l, values, refs)),
      );
    }
    const make = computed[entry];
    if (make) return make();
    return this.value(entry, entry, values, refs);
  }

  private value(
    key: string,
    name: string,
    values: Record<string, string>,
    refs: Record<string, string>,
  ): QbNode | undefined {
    if (name.endsWith('Ref')) return this.ref(name, refs[key]);
    return leaf(name, values[key]);
  }

  private totalBalance(record: ListRecord): string | undefined {
    if (record.listType !== 'Customer') return undefined;
    return formatFixed(sum(this.balances(record).map(parseDecimal)), 2);
  }

  private balances(record: ListRecord): string[] {
    const own = record.values['Balance'] ?? '0.00';
    const children = this.store.childrenOf(record.ListID).flatMap((id) => {
      const c = this.store.lists.get(id);
      return c ? this.balances(c) : [];
    });
    return [own, ...children];
  }

  private componentLines(record: ListRecord, name: string, refName: string): QbNode[] {
    return (record.lines ?? []).map(
      (line) =>
        group(name, [
          this.ref(refName, line.itemId),
          leaf('Quantity', line.quantity),
        ]) as QbNode,
    );
  }
}

/** The printable address block QuickBooks derives from an address. */
function addressBlock(
  name: string,
  values: Record<string, string>,
  prefix: string,
): QbNode | undefined {
  const v = (k: string) => values[`${prefix}.${k}`];
  const lines = ['Addr1', 'Addr2', 'Addr3', 'Addr4', 'Addr5']
    .map(v)
    .filter(Boolean) as string[];
  const cityLine = [v('City'), [v('State'), v('PostalCode')].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  if (cityLine) lines.push(cityLine);
  if (v('Country')) lines.push(v('Country') as string);
  return group(
    name,
    lines.slice(0, 5).map((text, i) => leaf(`Addr${i + 1}`, text)),
  );
}
