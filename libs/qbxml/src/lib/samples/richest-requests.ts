import type { QbAddress, QbRequest, QbRequestType } from '../requests/request-types';

const CUSTOMER = { ListID: '80000101-1716300700' };
const ITEM_SERVICE = { ListID: '80000071-1716300400' };
const ITEM_PART = { ListID: '80000072-1716300401' };
const CLASS = { ListID: '80000061-1716300300' };
const SITE = { ListID: '80000081-1716300500' };
const GUID = '{3F2504E0-4F89-11D3-9A0C-0305E82C3301}';
const IN_SUMMER = '2024-06-01T08:00:00-04:00';

const ADDRESS: QbAddress = {
  Addr1: 'Plomberie Côté & Fils',
  Addr2: 'Attn: Comptes à payer',
  Addr3: '1200, rue de l’Église',
  Addr4: 'Bureau 4',
  Addr5: 'Entrée arrière',
  City: 'Saint-Jérôme',
  State: 'QC',
  PostalCode: 'J7Z 5T3',
  Country: 'Canada',
  Note: 'Livraison après 8 h',
};

/**
 * One request per kind, in its richest form: every optional element the connector uses
 * filled in (with accents, XML specials and typographic punctuation in the text), valid
 * for qbXML 13.0 in the US edition. `npm run qbxml:samples` writes them out; the schema
 * test validates them with Intuit's XSD.
 */
export function richestSampleRequests(): Record<QbRequestType, QbRequest> {
  return {
    HostQuery: {
      type: 'HostQuery',
      requestID: 'host-1',
      IncludeListMetaData: { IncludeMaxCapacity: true },
    },
    CompanyQuery: { type: 'CompanyQuery', requestID: 'company-1', OwnerID: ['0', GUID] },
    PreferencesQuery: { type: 'PreferencesQuery', requestID: 'prefs-1' },
    CustomerQuery: customerQuery(),
    CustomerAdd: customerAdd(),
    CustomerMod: customerMod(),
    ItemQuery: itemQuery(),
    ClassQuery: listQuery('ClassQuery'),
    InventorySiteQuery: inventorySiteQuery(),
    SalesTaxCodeQuery: listQuery('SalesTaxCodeQuery'),
    InvoiceAdd: invoiceAdd(),
    InvoiceMod: invoiceMod(),
    InvoiceQuery: invoiceQuery(),
    SalesOrderAdd: salesOrderAdd(),
    SalesOrderMod: salesOrderMod(),
    SalesOrderQuery: salesOrderQuery(),
    ListDeletedQuery: listDeletedQuery(),
    TxnDeletedQuery: txnDeletedQuery(),
  };
}

function customerQuery(): QbRequest {
  return {
    type: 'CustomerQuery',
    requestID: 'customers-1',
    iterator: 'Start',
    metaData: 'MetaDataAndResponseData',
    MaxReturned: 500,
    ActiveStatus: 'All',
    FromModifiedDate: IN_SUMMER,
    ToModifiedDate: '2024-12-31T23:59:59',
    NameFilter: { MatchCriterion: 'Contains', Name: 'Côté' },
    TotalBalanceFilter: { Operator: 'GreaterThanEqual', Amount: '0.00' },
    ClassFilter: { ListIDWithChildren: CLASS.ListID },
    IncludeRetElement: [
      'ListID',
      'EditSequence',
      'Name',
      'FullName',
      'IsActive',
      'ParentRef',
    ],
    OwnerID: ['0'],
  };
}

function customerFields() {
  return {
    IsActive: true,
    ClassRef: CLASS,
    ParentRef: CUSTOMER,
    CompanyName: 'Plomberie Côté & Fils',
    Salutation: 'M.',
    FirstName: 'Zoë',
    MiddleName: 'A',
    LastName: 'Brontë',
    JobTitle: 'Propriétaire',
    BillAddress: ADDRESS,
    ShipAddress: { ...ADDRESS, Addr1: 'Chantier “Nord”' },
    ShipToAddress: [{ Name: 'Chantier Nord', ...ADDRESS, DefaultShipTo: true }],
    Phone: '450-555-0100',
    AltPhone: '450-555-0101',
    Fax: '450-555-0102',
    Email: 'zoe@example.com',
    Cc: 'compta@example.com',
    Contact: 'Zoë Brontë',
    AltContact: 'Émile Côté',
    CustomerTypeRef: { FullName: 'Résidentiel' },
    TermsRef: { FullName: 'Net 30' },
    SalesRepRef: { FullName: 'ZB' },
    SalesTaxCodeRef: { FullName: 'Tax' },
    ItemSalesTaxRef: { FullName: 'QC Sales Tax' },
    ResaleNumber: 'R-1234',
    AccountNumber: 'PL-8841',
    CreditLimit: '5000.00',
    JobStatus: 'InProgress' as const,
    JobStartDate: '2024-06-01',
    JobProjectedEndDate: '2024-07-15',
    JobDesc: 'Rénovation salle de bain – phase 2',
    JobTypeRef: { FullName: 'Rénovation' },
    Notes: 'Client depuis 2019.\nPréfère les appels le matin.',
    PreferredDeliveryMethod: 'Email' as const,
    PriceLevelRef: { FullName: 'Contractors' },
  };
}

function customerAdd(): QbRequest {
  return {
    type: 'CustomerAdd',
    requestID: 'customer-add-1',
    Name: 'Chantier Saint-Jérôme',
    ...customerFields(),
    OpenBalance: '0.00',
    OpenBalanceDate: '2024-06-01',
    ExternalGUID: GUID,
    IncludeRetElement: ['ListID', 'EditSequence', 'FullName'],
  };
}

function customerMod(): QbRequest {
  return {
    type: 'CustomerMod',
    requestID: 'customer-mod-1',
    ListID: '80000102-1716300701',
    EditSequence: '1716300701',
    Name: 'Chantier Saint-Jérôme',
    ...customerFields(),
    IncludeRetElement: ['ListID', 'EditSequence'],
  };
}

function itemQuery(): QbRequest {
  return {
    type: 'ItemQuery',
    requestID: 'items-1',
    iterator: 'Continue',
    iteratorID: '{eb05f701-e727-472f-8ade-6753c4f67a46}',
    MaxReturned: 500,
    ActiveStatus: 'All',
    FromModifiedDate: '2024-06-01T08:00:00',
    NameRangeFilter: { FromName: 'A', ToName: 'M' },
    IncludeRetElement: ['ListID', 'Name', 'FullName', 'IsActive', 'SalesOrPurchase'],
    OwnerID: ['0'],
  };
}

function listQuery(type: 'ClassQuery' | 'SalesTaxCodeQuery'): QbRequest {
  return {
    type,
    requestID: `${type}-1`,
    MaxReturned: 1000,
    ActiveStatus: 'All',
    FromModifiedDate: IN_SUMMER,
    ToModifiedDate: '2024-12-31T23:59:59',
    NameFilter: { MatchCriterion: 'StartsWith', Name: 'Rés' },
    IncludeRetElement: ['ListID', 'Name', 'FullName', 'IsActive'],
  };
}

function inventorySiteQuery(): QbRequest {
  return {
    type: 'InventorySiteQuery',
    requestID: 'sites-1',
    ActiveStatus: 'All',
    FromModifiedDate: IN_SUMMER,
    NameFilter: { MatchCriterion: 'EndsWith', Name: 'Dépôt' },
    IncludeRetElement: ['ListID', 'Name', 'IsActive', 'IsDefaultSite'],
  };
}

function salesHeader() {
  return {
    CustomerRef: CUSTOMER,
    ClassRef: CLASS,
    TemplateRef: { FullName: 'Intuit Service Invoice' },
    TxnDate: '2024-06-03',
    RefNumber: 'FS-10302',
    BillAddress: ADDRESS,
    ShipAddress: ADDRESS,
    PONumber: 'PO-7781',
    TermsRef: { ListID: '80000091-1716300600' },
    DueDate: '2024-07-03',
    SalesRepRef: { FullName: 'ZB' },
    FOB: 'Montréal',
    ShipDate: '2024-06-03',
    ShipMethodRef: { FullName: 'Camion' },
    ItemSalesTaxRef: { FullName: 'QC Sales Tax' },
    Memo: 'Technicien : Zoë Brontë – arrivée 8 h 05; « très bon travail » & <merci>',
    CustomerMsgRef: { FullName: 'Merci de votre confiance!' },
    IsToBePrinted: false,
    IsToBeEmailed: true,
    CustomerSalesTaxCodeRef: { FullName: 'Tax' },
    Other: 'Bon de travail 8841',
    ExternalGUID: GUID,
  };
}

function line(desc: string) {
  return {
    ItemRef: ITEM_SERVICE,
    Desc: desc,
    Quantity: '1.75',
    UnitOfMeasure: 'hour',
    Rate: '110.00',
    ClassRef: CLASS,
    Amount: '192.50',
    OptionForPriceRuleConflict: 'BasePrice' as const,
    InventorySiteRef: SITE,
    InventorySiteLocationRef: { FullName: 'Étagère A' },
    LotNumber: 'L-2024-06',
    SalesTaxCodeRef: { FullName: 'Tax' },
    Other1: 'Visite 2',
    Other2: 'Tech ZB',
  };
}

function invoiceAdd(): QbRequest {
  return {
    type: 'InvoiceAdd',
    requestID: 'invoice-add-1',
    ...salesHeader(),
    ARAccountRef: { FullName: 'Accounts Receivable' },
    IsPending: false,
    InvoiceLineAdd: [
      { ...line('Débouchage évier, siphon ½"'), ServiceDate: '2024-06-03' },
      {
        ItemRef: ITEM_PART,
        Desc: 'PEX pipe per ft',
        Quantity: '3',
        RatePercent: '12.3456',
      },
      { ItemRef: ITEM_PART, Desc: 'Forfait', PriceLevelRef: { FullName: 'Contractors' } },
      { Desc: 'Merci! Travail garanti 90 jours.' },
    ],
    InvoiceLineGroupAdd: [
      {
        ItemGroupRef: { FullName: 'Kit chauffe-eau' },
        Quantity: '1',
        InventorySiteRef: SITE,
      },
    ],
    IncludeRetElement: ['TxnID', 'EditSequence', 'TxnNumber', 'RefNumber', 'Subtotal'],
  };
}

function invoiceMod(): QbRequest {
  const { CustomerRef: _customer, ExternalGUID: _guid, ...header } = salesHeader();
  return {
    type: 'InvoiceMod',
    requestID: 'invoice-mod-1',
    TxnID: '3C1-1716700000',
    EditSequence: '1716700000',
    CustomerRef: CUSTOMER,
    ...header,
    ARAccountRef: { FullName: 'Accounts Receivable' },
    IsPending: false,
    InvoiceLineMod: [
      {
        TxnLineID: '3C2-1716700000',
        ...line('Débouchage évier'),
        ServiceDate: '2024-06-03',
      },
      { TxnLineID: '-1', Desc: 'Ligne ajoutée après la visite' },
    ],
    IncludeRetElement: ['TxnID', 'EditSequence'],
  };
}

function txnQueryFields() {
  return {
    MaxReturned: 100,
    ModifiedDateRangeFilter: {
      FromModifiedDate: IN_SUMMER,
      ToModifiedDate: '2024-12-31T23:59:59',
    },
    EntityFilter: { ListIDWithChildren: CUSTOMER.ListID },
    RefNumberFilter: { MatchCriterion: 'StartsWith' as const, RefNumber: 'FS-' },
    IncludeLineItems: true,
    IncludeLinkedTxns: true,
    IncludeRetElement: ['TxnID', 'EditSequence', 'RefNumber', 'ExternalGUID'],
    OwnerID: ['0'],
  };
}

function invoiceQuery(): QbRequest {
  return {
    type: 'InvoiceQuery',
    requestID: 'invoices-1',
    iterator: 'Start',
    ...txnQueryFields(),
    AccountFilter: { FullName: ['Accounts Receivable'] },
    PaidStatus: 'All',
  };
}

function salesOrderAdd(): QbRequest {
  const { ServiceDate: _unused, ...soLine } = {
    ...line('Remplacement anode'),
    ServiceDate: '',
  };
  return {
    type: 'SalesOrderAdd',
    requestID: 'so-add-1',
    ...salesHeader(),
    IsManuallyClosed: false,
    SalesOrderLineAdd: [
      { ...soLine, IsManuallyClosed: false },
      { ItemRef: ITEM_PART, Quantity: '0.5', Rate: '99.995' },
      { Desc: 'Ligne descriptive seulement' },
    ],
    SalesOrderLineGroupAdd: [
      { ItemGroupRef: { FullName: 'Kit chauffe-eau' }, Quantity: '2' },
    ],
    IncludeRetElement: ['TxnID', 'EditSequence', 'RefNumber'],
  };
}

function salesOrderMod(): QbRequest {
  const { CustomerRef: _customer, ExternalGUID: _guid, ...header } = salesHeader();
  return {
    type: 'SalesOrderMod',
    requestID: 'so-mod-1',
    TxnID: '3D0-1716000000',
    EditSequence: '1716000000',
    ...header,
    IsManuallyClosed: false,
    SalesOrderLineMod: [
      { TxnLineID: '3D1-1716000000', ItemRef: ITEM_PART, Quantity: '2', Rate: '38.50' },
      {
        TxnLineID: '-1',
        ItemRef: ITEM_SERVICE,
        Desc: 'Main-d’œuvre',
        Quantity: '1',
        Rate: '89',
      },
    ],
  };
}

function salesOrderQuery(): QbRequest {
  return {
    type: 'SalesOrderQuery',
    requestID: 'sales-orders-1',
    iterator: 'Start',
    ...txnQueryFields(),
  };
}

function listDeletedQuery(): QbRequest {
  return {
    type: 'ListDeletedQuery',
    requestID: 'deleted-lists-1',
    ListDelType: [
      'Customer',
      'Class',
      'InventorySite',
      'ItemService',
      'ItemInventory',
      'SalesTaxCode',
    ],
    DeletedDateRangeFilter: {
      FromDeletedDate: IN_SUMMER,
      ToDeletedDate: '2024-12-31T23:59:59',
    },
    IncludeRetElement: ['ListDelType', 'ListID', 'FullName', 'TimeDeleted'],
  };
}

function txnDeletedQuery(): QbRequest {
  return {
    type: 'TxnDeletedQuery',
    requestID: 'deleted-txns-1',
    TxnDelType: ['Invoice', 'SalesOrder'],
    DeletedDateRangeFilter: { FromDeletedDate: IN_SUMMER },
  };
}
