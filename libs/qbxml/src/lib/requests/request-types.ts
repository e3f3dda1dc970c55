/**
 * Typed qbXML requests, with Intuit's element names. Each request is one object whose
 * `type` names the message (`CustomerQuery` → `CustomerQueryRq`); attributes
 * (`requestID`, `iterator`, `iteratorID`, `metaData`, `defMacro`) and elements sit side by
 * side. For Add/Mod requests the elements are those of the inner aggregate (`InvoiceAdd`,
 * `CustomerMod` ...) plus `IncludeRetElement`.
 *
 * Conventions: money, rates and quantities are decimal strings (`'38.50'`, `'12.3456'`,
 * `'0.5'`); dates are `YYYY-MM-DD`; date-times `YYYY-MM-DDTHH:MM:SS` (an offset, if given,
 * is dropped; see `toQbDateTimeFilter`); booleans are booleans. Empty values are omitted
 * from the XML; empty ids are refused.
 */

/** A reference to a list record: ListID (preferred) and/or FullName; never both empty. */
export interface QbRef {
  ListID?: string;
  FullName?: string;
}

export interface QbAddress {
  Addr1?: string;
  Addr2?: string;
  Addr3?: string;
  Addr4?: string;
  Addr5?: string;
  City?: string;
  State?: string;
  PostalCode?: string;
  Country?: string;
  Note?: string;
}

export interface QbShipToAddress extends QbAddress {
  Name: string;
  DefaultShipTo?: boolean;
}

export interface QbDataExt {
  OwnerID: string;
  DataExtName: string;
  DataExtValue: string;
}

export type QbActiveStatus = 'ActiveOnly' | 'InactiveOnly' | 'All';
export type QbMatchCriterion = 'StartsWith' | 'Contains' | 'EndsWith';

export interface QbNameFilter {
  MatchCriterion: QbMatchCriterion;
  Name: string;
}

export interface QbNameRangeFilter {
  FromName?: string;
  ToName?: string;
}

export interface QbRequestBase {
  /** Echoed on the matching response; at most 50 characters. */
  requestID: string;
}

/** Attributes of list and transaction queries (not of Host/Company/Preferences). */
export interface QbQueryBase extends QbRequestBase {
  /** qbXML 4.0+: also (or only) return how many records match. */
  metaData?: 'NoMetaData' | 'MetaDataOnly' | 'MetaDataAndResponseData';
}

/**
 * Iterator attributes (qbXML 5.0+). Start a query with `iterator: 'Start'` and the
 * filters; continue with `iterator: 'Continue'`, the `iteratorID` from the previous
 * response and the same filters; `'Stop'` releases it early.
 */
export type QbIterator =
  | { iterator?: undefined; iteratorID?: undefined }
  | { iterator: 'Start'; iteratorID?: undefined }
  | { iterator: 'Continue' | 'Stop'; iteratorID: string };

/** The filters every list query shares (choose ids, full names, or these). */
export interface QbListFilter {
  /** One id or several (a single value is sent as one element). */
  ListID?: string | string[];
  FullName?: string | string[];
  MaxReturned?: number;
  /** Lists return active records only unless told otherwise; sync uses `All`. */
  ActiveStatus?: QbActiveStatus;
  FromModifiedDate?: string;
  ToModifiedDate?: string;
  NameFilter?: QbNameFilter;
  NameRangeFilter?: QbNameRangeFilter;
  IncludeRetElement?: string[];
}

export interface QbListIdFilter {
  ListID?: string[];
  FullName?: string[];
  ListIDWithChildren?: string;
  FullNameWithChildren?: string;
}

export interface HostQueryRequest extends QbRequestBase {
  type: 'HostQuery';
  IncludeListMetaData?: { IncludeMaxCapacity: boolean };
  IncludeRetElement?: string[];
}

export interface CompanyQueryRequest extends QbRequestBase {
  type: 'CompanyQuery';
  IncludeRetElement?: string[];
  /** `'0'` returns custom fields; a GUID returns that application's data extensions. */
  OwnerID?: string[];
}

export interface PreferencesQueryRequest extends QbRequestBase {
  type: 'PreferencesQuery';
  IncludeRetElement?: string[];
}

export type CustomerQueryRequest = QbQueryBase &
  QbIterator &
  QbListFilter & {
    type: 'CustomerQuery';
    TotalBalanceFilter?: {
      Operator:
        'LessThan' | 'LessThanEqual' | 'Equal' | 'GreaterThan' | 'GreaterThanEqual';
      Amount: string;
    };
    CurrencyFilter?: { ListID?: string[]; FullName?: string[] };
    /** qbXML 12.0+. */
    ClassFilter?: QbListIdFilter;
    OwnerID?: string[];
  };

export type ItemQueryRequest = QbQueryBase &
  QbIterator &
  QbListFilter & {
    type: 'ItemQuery';
    OwnerID?: string[];
  };

/** ClassQuery has no iterator. */
export interface ClassQueryRequest extends QbQueryBase, QbListFilter {
  type: 'ClassQuery';
}

/** SalesTaxCodeQuery has no iterator. */
export interface SalesTaxCodeQueryRequest extends QbQueryBase, QbListFilter {
  type: 'SalesTaxCodeQuery';
}

/**
 * InventorySiteQuery (qbXML 10.0+, QuickBooks Enterprise with Advanced Inventory, US
 * edition only): no iterator and no MaxReturned.
 */
export interface InventorySiteQueryRequest
  extends QbQueryBase, Omit<QbListFilter, 'MaxReturned'> {
  type: 'InventorySiteQuery';
}

export type QbListDelType =
  | 'Class'
  | 'Customer'
  | 'InventorySite'
  | 'ItemDiscount'
  | 'ItemFixedAsset'
  | 'ItemGroup'
  | 'ItemInventory'
  | 'ItemInventoryAssembly'
  | 'ItemNonInventory'
  | 'ItemOtherCharge'
  | 'ItemPayment'
  | 'ItemSalesTax'
  | 'ItemSalesTaxGroup'
  | 'ItemService'
  | 'ItemSubtotal'
  | 'SalesTaxCode'
  | (string & {});

/** Records deleted from lists (no iterator). */
export interface ListDeletedQueryRequest extends QbQueryBase {
  type: 'ListDeletedQuery';
  ListDelType: QbListDelType[];
  DeletedDateRangeFilter?: { FromDeletedDate?: string; ToDeletedDate?: string };
  IncludeRetElement?: string[];
}

/** Transactions deleted (no iterator). */
export interface TxnDeletedQueryRequest extends QbQueryBase {
  type: 'TxnDeletedQuery';
  TxnDelType: string[];
  DeletedDateRangeFilter?: { FromDeletedDate?: string; ToDeletedDate?: string };
  IncludeRetElement?: string[];
}

/** Transaction query filters (InvoiceQuery, SalesOrderQuery). */
export interface QbTxnFilter {
  /** One value or several (a single value is sent as one element). */
  TxnID?: string | string[];
  RefNumber?: string | string[];
  RefNumberCaseSensitive?: string | string[];
  MaxReturned?: number;
  /** Transactions take modified dates inside this filter (lists take them directly). */
  ModifiedDateRangeFilter?: { FromModifiedDate?: string; ToModifiedDate?: string };
  TxnDateRangeFilter?: { FromTxnDate?: string; ToTxnDate?: string; DateMacro?: string };
  EntityFilter?: QbListIdFilter;
  RefNumberFilter?: { MatchCriterion: QbMatchCriterion; RefNumber: string };
  RefNumberRangeFilter?: { FromRefNumber?: string; ToRefNumber?: string };
  CurrencyFilter?: { ListID?: string[]; FullName?: string[] };
  IncludeLineItems?: boolean;
  IncludeLinkedTxns?: boolean;
  IncludeRetElement?: string[];
  OwnerID?: string[];
}

export type InvoiceQueryRequest = QbQueryBase &
  QbIterator &
  QbTxnFilter & {
    type: 'InvoiceQuery';
    AccountFilter?: QbListIdFilter;
    PaidStatus?: 'All' | 'PaidOnly' | 'NotPaidOnly';
  };

export type SalesOrderQueryRequest = QbQueryBase &
  QbIterator &
  QbTxnFilter & {
    type: 'SalesOrderQuery';
  };

/** Customer (and job) fields shared by CustomerAdd and CustomerMod. */
export interface QbCustomerFields {
  IsActive?: boolean;
  /** qbXML 12.0+. */
  ClassRef?: QbRef;
  /** Set on a job (sub-customer): its customer. */
  ParentRef?: QbRef;
  CompanyName?: string;
  Salutation?: string;
  FirstName?: string;
  MiddleName?: string;
  LastName?: string;
  JobTitle?: string;
  BillAddress?: QbAddress;
  ShipAddress?: QbAddress;
  ShipToAddress?: QbShipToAddress[];
  PrintAs?: string;
  Phone?: string;
  AltPhone?: string;
  Fax?: string;
  Email?: string;
  Cc?: string;
  Contact?: string;
  AltContact?: string;
  CustomerTypeRef?: QbRef;
  TermsRef?: QbRef;
  SalesRepRef?: QbRef;
  SalesTaxCodeRef?: QbRef;
  /** US edition only. */
  ItemSalesTaxRef?: QbRef;
  ResaleNumber?: string;
  AccountNumber?: string;
  CreditLimit?: string;
  PreferredPaymentMethodRef?: QbRef;
  JobStatus?: 'Awarded' | 'Closed' | 'InProgress' | 'None' | 'NotAwarded' | 'Pending';
  JobStartDate?: string;
  JobProjectedEndDate?: string;
  JobEndDate?: string;
  JobDesc?: string;
  JobTypeRef?: QbRef;
  Notes?: string;
  PreferredDeliveryMethod?: 'None' | 'Email' | 'Fax' | 'Mail';
  PriceLevelRef?: QbRef;
  CurrencyRef?: QbRef;
}

export interface CustomerAddRequest extends QbRequestBase, QbCustomerFields {
  type: 'CustomerAdd';
  Name: string;
  OpenBalance?: string;
  OpenBalanceDate?: string;
  ExternalGUID?: string;
  IncludeRetElement?: string[];
}

export interface CustomerModRequest extends QbRequestBase, QbCustomerFields {
  type: 'CustomerMod';
  ListID: string;
  EditSequence: string;
  Name?: string;
  IncludeRetElement?: string[];
}

/** Line fields shared by invoice and sales-order lines. */
export interface QbTxnLineFields {
  /** Omit for a description-only line. */
  ItemRef?: QbRef;
  Desc?: string;
  Quantity?: string;
  UnitOfMeasure?: string;
  /** Up to 5 decimals; QuickBooks computes Amount = Quantity × Rate. */
  Rate?: string;
  RatePercent?: string;
  PriceLevelRef?: QbRef;
  ClassRef?: QbRef;
  /** Exactly 2 decimals; send either Rate or Amount, or both when consistent. */
  Amount?: string;
  /** qbXML 13.0+. */
  OptionForPriceRuleConflict?: 'Zero' | 'BasePrice';
  /** qbXML 10.0+, US edition. */
  InventorySiteRef?: QbRef;
  /** qbXML 12.0+, US edition. */
  InventorySiteLocationRef?: QbRef;
  SerialNumber?: string;
  LotNumber?: string;
  SalesTaxCodeRef?: QbRef;
  Other1?: string;
  Other2?: string;
}

export interface InvoiceLineAdd extends QbTxnLineFields {
  defMacro?: string;
  ServiceDate?: string;
  OverrideItemAccountRef?: QbRef;
  LinkToTxn?: { TxnID: string; TxnLineID: string };
  DataExt?: QbDataExt[];
}

export interface QbLineGroupAdd {
  ItemGroupRef: QbRef;
  Desc?: string;
  Quantity?: string;
  UnitOfMeasure?: string;
  InventorySiteRef?: QbRef;
  InventorySiteLocationRef?: QbRef;
  DataExt?: QbDataExt[];
}

export interface InvoiceLineGroupAdd extends QbLineGroupAdd {
  ServiceDate?: string;
}

export interface SalesOrderLineAdd extends QbTxnLineFields {
  IsManuallyClosed?: boolean;
  DataExt?: QbDataExt[];
}

/** Header fields shared by invoices and sales orders. */
export interface QbSalesTxnHeader {
  CustomerRef: QbRef;
  ClassRef?: QbRef;
  TemplateRef?: QbRef;
  TxnDate?: string;
  /** At most 11 characters; omit to let QuickBooks number the document. */
  RefNumber?: string;
  BillAddress?: QbAddress;
  ShipAddress?: QbAddress;
  PONumber?: string;
  TermsRef?: QbRef;
  DueDate?: string;
  SalesRepRef?: QbRef;
  FOB?: string;
  ShipDate?: string;
  ShipMethodRef?: QbRef;
  /** US edition: the sales-tax item (rate); elsewhere tax codes carry the tax. */
  ItemSalesTaxRef?: QbRef;
  Memo?: string;
  CustomerMsgRef?: QbRef;
  IsToBePrinted?: boolean;
  IsToBeEmailed?: boolean;
  /** Not in the US edition. */
  IsTaxIncluded?: boolean;
  CustomerSalesTaxCodeRef?: QbRef;
  Other?: string;
  ExchangeRate?: string;
  /** qbXML 9.0+: `{GUID}` QuickBooks keeps on the document (our idempotency key). */
  ExternalGUID?: string;
  IncludeRetElement?: string[];
}

export interface InvoiceAddRequest extends QbRequestBase, QbSalesTxnHeader {
  type: 'InvoiceAdd';
  defMacro?: string;
  ARAccountRef?: QbRef;
  IsPending?: boolean;
  IsFinanceCharge?: boolean;
  LinkToTxnID?: string[];
  SetCredit?: { CreditTxnID: string; AppliedAmount: string; Override?: boolean }[];
  InvoiceLineAdd?: InvoiceLineAdd[];
  /** Sent after all InvoiceLineAdd elements. */
  InvoiceLineGroupAdd?: InvoiceLineGroupAdd[];
}

export interface SalesOrderAddRequest extends QbRequestBase, QbSalesTxnHeader {
  type: 'SalesOrderAdd';
  defMacro?: string;
  IsManuallyClosed?: boolean;
  SalesOrderLineAdd?: SalesOrderLineAdd[];
  /** Sent after all SalesOrderLineAdd elements. */
  SalesOrderLineGroupAdd?: QbLineGroupAdd[];
}

/** A modified line: `TxnLineID` of an existing line, or `'-1'` to add one. */
export interface InvoiceLineMod extends QbTxnLineFields {
  TxnLineID: string;
  OverrideUOMSetRef?: QbRef;
  ServiceDate?: string;
  OverrideItemAccountRef?: QbRef;
}

export interface SalesOrderLineMod extends QbTxnLineFields {
  TxnLineID: string;
  OverrideUOMSetRef?: QbRef;
  IsManuallyClosed?: boolean;
}

type ModHeader = Omit<QbSalesTxnHeader, 'CustomerRef' | 'ExternalGUID'> & {
  TxnID: string;
  /** The EditSequence last read; QuickBooks answers 3200 when it is stale. */
  EditSequence: string;
  CustomerRef?: QbRef;
};

/**
 * InvoiceMod. Quirk: when any InvoiceLineMod is sent, QuickBooks deletes every existing
 * line that is not listed, so a modification must list all lines it keeps (by TxnLineID).
 */
export interface InvoiceModRequest extends QbRequestBase, ModHeader {
  type: 'InvoiceMod';
  ARAccountRef?: QbRef;
  IsPending?: boolean;
  InvoiceLineMod?: InvoiceLineMod[];
}

/** SalesOrderMod; the same rule about listing every kept line applies. */
export interface SalesOrderModRequest extends QbRequestBase, ModHeader {
  type: 'SalesOrderMod';
  IsManuallyClosed?: boolean;
  SalesOrderLineMod?: SalesOrderLineMod[];
}

/** Every request this library can build. */
export type QbRequest =
  | HostQueryRequest
  | CompanyQueryRequest
  | PreferencesQueryRequest
  | CustomerQueryRequest
  | CustomerAddRequest
  | CustomerModRequest
  | ItemQueryRequest
  | ClassQueryRequest
  | InventorySiteQueryRequest
  | SalesTaxCodeQueryRequest
  | InvoiceAddRequest
  | InvoiceModRequest
  | InvoiceQueryRequest
  | SalesOrderAddRequest
  | SalesOrderModRequest
  | SalesOrderQueryRequest
  | ListDeletedQueryRequest
  | TxnDeletedQueryRequest;

/** The `type` of every request kind. */
export type QbRequestType = QbRequest['type'];

/** Every request kind, in the order samples and tests list them. */
export const QB_REQUEST_TYPES: readonly QbRequestType[] = Object.freeze([
  'HostQuery',
  'CompanyQuery',
  'PreferencesQuery',
  'CustomerQuery',
  'CustomerAdd',
  'CustomerMod',
  'ItemQuery',
  'ClassQuery',
  'InventorySiteQuery',
  'SalesTaxCodeQuery',
  'InvoiceAdd',
  'InvoiceMod',
  'InvoiceQuery',
  'SalesOrderAdd',
  'SalesOrderMod',
  'SalesOrderQuery',
  'ListDeletedQuery',
  'TxnDeletedQuery',
] as const);
