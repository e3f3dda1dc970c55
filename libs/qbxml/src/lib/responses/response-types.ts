/**
 * Records QuickBooks returns, with Intuit's names. Money, rates and quantities are
 * decimal strings; booleans are booleans; integers (Sublevel, TxnNumber) are numbers;
 * date-times are QuickBooks' raw strings (see `qbDateTimeToIso` for their time-zone quirk).
 * Repeating children are arrays. Elements not listed here are still present on the object.
 */

export interface QbRefRet {
  ListID?: string;
  FullName?: string;
}

export interface QbAddressRet {
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

export interface QbAddressBlockRet {
  Addr1?: string;
  Addr2?: string;
  Addr3?: string;
  Addr4?: string;
  Addr5?: string;
}

export interface DataExtRet {
  OwnerID?: string;
  DataExtName: string;
  DataExtType: string;
  DataExtValue: string;
}

/** Identity and concurrency fields of every list record. */
export interface QbListRecordRet {
  ListID: string;
  TimeCreated?: string;
  TimeModified?: string;
  /** Optimistic-concurrency token every Mod must send back. */
  EditSequence?: string;
  Name?: string;
  /** Ancestors' names joined with ":" (`Customer:Job`). */
  FullName?: string;
  IsActive?: boolean;
  ParentRef?: QbRefRet;
  /** 0 at the top level; jobs and sub-items are 1 or more. */
  Sublevel?: number;
  DataExtRet?: DataExtRet[];
  [element: string]: unknown;
}

/** A customer, or a job when `Sublevel` ≥ 1 (then `ParentRef` names its customer). */
export interface CustomerRet extends QbListRecordRet {
  ClassRef?: QbRefRet;
  CompanyName?: string;
  Salutation?: string;
  FirstName?: string;
  MiddleName?: string;
  LastName?: string;
  JobTitle?: string;
  BillAddress?: QbAddressRet;
  BillAddressBlock?: QbAddressBlockRet;
  ShipAddress?: QbAddressRet;
  ShipAddressBlock?: QbAddressBlockRet;
  ShipToAddress?: (QbAddressRet & { Name: string; DefaultShipTo?: boolean })[];
  Phone?: string;
  AltPhone?: string;
  Fax?: string;
  Email?: string;
  Cc?: string;
  Contact?: string;
  AltContact?: string;
  CustomerTypeRef?: QbRefRet;
  TermsRef?: QbRefRet;
  SalesRepRef?: QbRefRet;
  Balance?: string;
  TotalBalance?: string;
  SalesTaxCodeRef?: QbRefRet;
  ItemSalesTaxRef?: QbRefRet;
  ResaleNumber?: string;
  AccountNumber?: string;
  CreditLimit?: string;
  PreferredPaymentMethodRef?: QbRefRet;
  JobStatus?: 'Awarded' | 'Closed' | 'InProgress' | 'None' | 'NotAwarded' | 'Pending';
  JobStartDate?: string;
  JobProjectedEndDate?: string;
  JobEndDate?: string;
  JobDesc?: string;
  JobTypeRef?: QbRefRet;
  Notes?: string;
  PreferredDeliveryMethod?: string;
  PriceLevelRef?: QbRefRet;
  ExternalGUID?: string;
  CurrencyRef?: QbRefRet;
}

/** The item record types an ItemQuery returns, named after their `…Ret` element. */
export type ItemKind =
  | 'ItemService'
  | 'ItemNonInventory'
  | 'ItemOtherCharge'
  | 'ItemInventory'
  | 'ItemInventoryAssembly'
  | 'ItemFixedAsset'
  | 'ItemSubtotal'
  | 'ItemDiscount'
  | 'ItemPayment'
  | 'ItemSalesTax'
  | 'ItemSalesTaxGroup'
  | 'ItemGroup';

/** Pricing of service, non-inventory and other-charge items used on one side only. */
export interface SalesOrPurchaseRet {
  Desc?: string;
  Price?: string;
  /** Percentage without "%" (QuickBooks sometimes adds one). */
  PricePercent?: string;
  AccountRef?: QbRefRet;
}

/** Pricing of items used on both the sales and the purchase side. */
export interface SalesAndPurchaseRet {
  SalesDesc?: string;
  SalesPrice?: string;
  IncomeAccountRef?: QbRefRet;
  PurchaseDesc?: string;
  PurchaseCost?: string;
  ExpenseAccountRef?: QbRefRet;
  PrefVendorRef?: QbRefRet;
}

/** Any item record; `kind` says which `…Ret` it came from. */
export interface ItemRet extends QbListRecordRet {
  kind: ItemKind;
  BarCodeValue?: string;
  ClassRef?: QbRefRet;
  UnitOfMeasureSetRef?: QbRefRet;
  SalesTaxCodeRef?: QbRefRet;
  /** Service, NonInventory, OtherCharge. */
  SalesOrPurchase?: SalesOrPurchaseRet;
  SalesAndPurchase?: SalesAndPurchaseRet;
  /** Inventory, InventoryAssembly, FixedAsset. */
  SalesDesc?: string;
  SalesPrice?: string;
  IncomeAccountRef?: QbRefRet;
  PurchaseDesc?: string;
  PurchaseCost?: string;
  COGSAccountRef?: QbRefRet;
  PrefVendorRef?: QbRefRet;
  AssetAccountRef?: QbRefRet;
  ManufacturerPartNumber?: string;
  ReorderPoint?: string;
  Max?: string;
  /** Company-wide; can be negative. */
  QuantityOnHand?: string;
  AverageCost?: string;
  QuantityOnOrder?: string;
  QuantityOnSalesOrder?: string;
  ItemInventoryAssemblyLine?: { ItemInventoryRef?: QbRefRet; Quantity?: string }[];
  /** Group and SalesTaxGroup. */
  ItemDesc?: string;
  ItemGroupLine?: { ItemRef?: QbRefRet; Quantity?: string; UnitOfMeasure?: string }[];
  ItemSalesTaxRef?: QbRefRet[];
  /** Discount. */
  DiscountRate?: string;
  DiscountRatePercent?: string;
  /** SalesTax. */
  TaxRate?: string;
  TaxVendorRef?: QbRefRet;
}

/** A class (Name 31, FullName 159; only meaningful with class tracking on). */
export type ClassRet = QbListRecordRet;

export interface InventorySiteRet extends QbListRecordRet {
  ParentSiteRef?: QbRefRet;
  IsDefaultSite?: boolean;
  SiteDesc?: string;
  Contact?: string;
  Phone?: string;
  Fax?: string;
  Email?: string;
  SiteAddress?: QbAddressRet;
  SiteAddressBlock?: QbAddressBlockRet;
}

/**
 * A sales tax code. US: only says taxable (`Tax`) or not (`Non`); the rate comes from the
 * sales-tax item. Canada/UK: the code is the tax and links its sales-tax item.
 */
export interface SalesTaxCodeRet extends QbListRecordRet {
  IsTaxable?: boolean;
  Desc?: string;
  ItemSalesTaxRef?: QbRefRet;
  ItemPurchaseTaxRef?: QbRefRet;
}

export interface ListDeletedRet {
  ListDelType: string;
  ListID: string;
  TimeCreated?: string;
  TimeDeleted?: string;
  FullName?: string;
}

export interface TxnDeletedRet {
  TxnDelType: string;
  TxnID: string;
  TimeCreated?: string;
  TimeDeleted?: string;
  RefNumber?: string;
}

export interface LinkedTxnRet {
  TxnID: string;
  TxnType?: string;
  TxnDate?: string;
  RefNumber?: string;
  LinkType?: string;
  Amount?: string;
}

/** A document line (invoice or sales order). */
export interface TxnLineRet {
  TxnLineID: string;
  /** Absent on description-only lines. */
  ItemRef?: QbRefRet;
  Desc?: string;
  Quantity?: string;
  UnitOfMeasure?: string;
  Rate?: string;
  RatePercent?: string;
  ClassRef?: QbRefRet;
  Amount?: string;
  InventorySiteRef?: QbRefRet;
  InventorySiteLocationRef?: QbRefRet;
  SerialNumber?: string;
  LotNumber?: string;
  ServiceDate?: string;
  SalesTaxCodeRef?: QbRefRet;
  Other1?: string;
  Other2?: string;
  DataExtRet?: DataExtRet[];
  [element: string]: unknown;
}

export interface TxnLineGroupRet {
  TxnLineID: string;
  ItemGroupRef?: QbRefRet;
  Desc?: string;
  Quantity?: string;
  TotalAmount?: string;
  [element: string]: unknown;
}

/** Header fields shared by invoices and sales orders. */
export interface QbSalesTxnRet {
  TxnID: string;
  TimeCreated?: string;
  TimeModified?: string;
  EditSequence?: string;
  TxnNumber?: number;
  CustomerRef?: QbRefRet;
  ClassRef?: QbRefRet;
  TemplateRef?: QbRefRet;
  TxnDate?: string;
  RefNumber?: string;
  BillAddress?: QbAddressRet;
  ShipAddress?: QbAddressRet;
  PONumber?: string;
  TermsRef?: QbRefRet;
  DueDate?: string;
  SalesRepRef?: QbRefRet;
  ShipDate?: string;
  Subtotal?: string;
  ItemSalesTaxRef?: QbRefRet;
  SalesTaxPercentage?: string;
  SalesTaxTotal?: string;
  TotalAmount?: string;
  Memo?: string;
  CustomerMsgRef?: QbRefRet;
  IsToBePrinted?: boolean;
  IsToBeEmailed?: boolean;
  CustomerSalesTaxCodeRef?: QbRefRet;
  Other?: string;
  ExternalGUID?: string;
  LinkedTxn?: LinkedTxnRet[];
  DataExtRet?: DataExtRet[];
  [element: string]: unknown;
}

export interface InvoiceRet extends QbSalesTxnRet {
  ARAccountRef?: QbRefRet;
  IsPending?: boolean;
  IsFinanceCharge?: boolean;
  AppliedAmount?: string;
  BalanceRemaining?: string;
  IsPaid?: boolean;
  InvoiceLineRet?: TxnLineRet[];
  InvoiceLineGroupRet?: TxnLineGroupRet[];
}

export interface SalesOrderRet extends QbSalesTxnRet {
  IsManuallyClosed?: boolean;
  IsFullyInvoiced?: boolean;
  SalesOrderLineRet?: (TxnLineRet & { Invoiced?: string; IsManuallyClosed?: boolean })[];
  SalesOrderLineGroupRet?: TxnLineGroupRet[];
}

/** The Add/Mod `ErrorRecovery` block (qbXML 11.0+): which object a write concerned. */
export interface ErrorRecoveryRet {
  ListID?: string;
  OwnerID?: string;
  TxnID?: string;
  TxnNumber?: number;
  EditSequence?: string;
  ExternalGUID?: string;
}

/** Records per response type, for {@link recordsOf}. */
export interface QbRecordTypes {
  CustomerQueryRs: CustomerRet;
  CustomerAddRs: CustomerRet;
  CustomerModRs: CustomerRet;
  ItemQueryRs: ItemRet;
  ClassQueryRs: ClassRet;
  InventorySiteQueryRs: InventorySiteRet;
  SalesTaxCodeQueryRs: SalesTaxCodeRet;
  InvoiceAddRs: InvoiceRet;
  InvoiceModRs: InvoiceRet;
  InvoiceQueryRs: InvoiceRet;
  SalesOrderAddRs: SalesOrderRet;
  SalesOrderModRs: SalesOrderRet;
  SalesOrderQueryRs: SalesOrderRet;
  ListDeletedQueryRs: ListDeletedRet;
  TxnDeletedQueryRs: TxnDeletedRet;
}
