// The company file's records. Field names are Intuit's (this is the QuickBooks side of the
// simulation); leaf values are kept as the text QuickBooks would store, nested aggregates
// (addresses, item pricing blocks) under dotted keys such as "BillAddress.City", and
// references as the ListID of the record they point to.

export const ITEM_TYPES = [
  'ItemService',
  'ItemInventory',
  'ItemInventoryAssembly',
  'ItemNonInventory',
  'ItemOtherCharge',
  'ItemGroup',
  'ItemDiscount',
  'ItemSubtotal',
  'ItemPayment',
  'ItemSalesTax',
  'ItemSalesTaxGroup',
  'ItemFixedAsset',
] as const;

export type ItemType = (typeof ITEM_TYPES)[number];

/** Lists the simulator models in full (queries, adds, references, deletions). */
export type ListType = 'Customer' | 'Class' | 'InventorySite' | 'SalesTaxCode' | ItemType;

/** Lists kept only so references to them resolve (accounts, terms, templates, ...). */
export type AuxListType =
  | 'Account'
  | 'Terms'
  | 'SalesRep'
  | 'Template'
  | 'CustomerMsg'
  | 'ShipMethod'
  | 'CustomerType'
  | 'JobType'
  | 'PriceLevel'
  | 'PaymentMethod'
  | 'UnitOfMeasureSet'
  | 'Vendor';

export type TxnType = 'Invoice' | 'SalesOrder';

export interface ListRecord {
  listType: ListType | AuxListType;
  ListID: string;
  TimeCreated: number;
  TimeModified: number;
  EditSequence: string;
  Name: string;
  FullName: string;
  Sublevel: number;
  IsActive: boolean;
  ParentID?: string;
  values: Record<string, string>;
  refs: Record<string, string>;
  /** ItemGroupLine / ItemInventoryAssemblyLine / ItemSalesTaxRef (tax groups). */
  lines?: ItemComponentLine[];
}

export interface ItemComponentLine {
  itemId: string;
  quantity?: string;
}

export interface TxnLine {
  TxnLineID: string;
  values: Record<string, string>;
  refs: Record<string, string>;
  /** For a group line (ItemGroupRef): the member lines QuickBooks expanded it into. */
  members?: TxnLine[];
}

export interface TxnRecord {
  txnType: TxnType;
  TxnID: string;
  TimeCreated: number;
  TimeModified: number;
  EditSequence: string;
  TxnNumber: number;
  values: Record<string, string>;
  refs: Record<string, string>;
  lines: TxnLine[];
}

export interface ListDeletion {
  ListDelType: ListType;
  ListID: string;
  TimeCreated: number;
  TimeDeleted: number;
  FullName: string;
}

export interface TxnDeletion {
  TxnDelType: TxnType;
  TxnID: string;
  TimeCreated: number;
  TimeDeleted: number;
  RefNumber?: string;
}

export interface DataExtension {
  OwnerID: string;
  DataExtName: string;
  DataExtValue: string;
}

export function isItemType(type: string): type is ItemType {
  return (ITEM_TYPES as readonly string[]).includes(type);
}

/** Which list a reference element points into. */
export const REF_TARGETS: Record<
  string,
  'Customer' | 'Class' | 'Item' | 'InventorySite' | 'SalesTaxCode' | AuxListType
> = {
  CustomerRef: 'Customer',
  ClassRef: 'Class',
  ItemRef: 'Item',
  ItemInventoryRef: 'Item',
  ItemGroupRef: 'Item',
  ItemSalesTaxRef: 'Item',
  ItemPurchaseTaxRef: 'Item',
  InventorySiteRef: 'InventorySite',
  SalesTaxCodeRef: 'SalesTaxCode',
  CustomerSalesTaxCodeRef: 'SalesTaxCode',
  PurchaseTaxCodeRef: 'SalesTaxCode',
  ARAccountRef: 'Account',
  AccountRef: 'Account',
  IncomeAccountRef: 'Account',
  COGSAccountRef: 'Account',
  AssetAccountRef: 'Account',
  ExpenseAccountRef: 'Account',
  DepositToAccountRef: 'Account',
  OverrideItemAccountRef: 'Account',
  TermsRef: 'Terms',
  SalesRepRef: 'SalesRep',
  TemplateRef: 'Template',
  CustomerMsgRef: 'CustomerMsg',
  ShipMethodRef: 'ShipMethod',
  CustomerTypeRef: 'CustomerType',
  JobTypeRef: 'JobType',
  PriceLevelRef: 'PriceLevel',
  PreferredPaymentMethodRef: 'PaymentMethod',
  PaymentMethodRef: 'PaymentMethod',
  UnitOfMeasureSetRef: 'UnitOfMeasureSet',
  PrefVendorRef: 'Vendor',
  TaxVendorRef: 'Vendor',
};
