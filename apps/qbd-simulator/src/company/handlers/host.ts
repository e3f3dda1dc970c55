import { group, leaf, type QbNode } from '../../qbxml/qb-node';
import { status } from '../../qbxml/status';
import { majorVersionOf } from '../company-settings';
import type { CompanyStore } from '../company-store';
import type { RequestHandler } from '../handler-context';

// HostQuery, CompanyQuery and PreferencesQuery: what the Web Connector asks on opening the
// file and passes to the gateway as strHCPResponse, built from the simulated file's settings
// in the shape of a real QuickBooks Pro 2014 answer.

export const hostQuery: RequestHandler = (ctx) => ({
  status: status.ok(),
  rets: [hostRet(ctx.store)],
});
export const companyQuery: RequestHandler = (ctx) => ({
  status: status.ok(),
  rets: [companyRet(ctx.store)],
});
export const preferencesQuery: RequestHandler = (ctx) => ({
  status: status.ok(),
  rets: [preferencesRet(ctx.store)],
});

export function hostRet(store: CompanyStore): QbNode {
  const s = store.settings;
  return group('HostRet', [
    leaf('ProductName', s.productName),
    leaf('MajorVersion', majorVersionOf(s.productName)),
    leaf('MinorVersion', 0),
    leaf('Country', s.country),
    ...s.supportedVersions.map((v) => leaf('SupportedQBXMLVersion', v)),
    leaf('IsAutomaticLogin', false),
    leaf('QBFileMode', s.fileMode),
  ])!;
}

export function companyRet(store: CompanyStore): QbNode {
  const s = store.settings;
  const us = s.country === 'US';
  const address = us
    ? {
        Addr1: '100 Main Street',
        City: 'Burlington',
        State: 'VT',
        PostalCode: '05401',
        Country: 'US',
      }
    : {
        Addr1: '100 rue Principale',
        City: 'Montréal',
        State: 'QC',
        PostalCode: 'H2X 1Y4',
        Country: 'CA',
      };
  return group('CompanyRet', [
    leaf('IsSampleCompany', false),
    leaf('CompanyName', s.companyName),
    leaf('LegalCompanyName', s.companyName),
    group(
      'Address',
      Object.entries(address)
        .filter(([k]) => k !== 'Addr1')
        .map(([k, v]) => leaf(k, v)),
    ),
    group('AddressBlock', [
      leaf('Addr1', address.Addr1),
      leaf('Addr2', `${address.City}, ${address.State} ${address.PostalCode}`),
    ]),
    group(
      'LegalAddress',
      Object.entries(address).map(([k, v]) => leaf(k, v)),
    ),
    leaf('Phone', '555-0100'),
    leaf('Email', 'office@example.com'),
    leaf('FirstMonthFiscalYear', 'January'),
    leaf('FirstMonthIncomeTaxYear', 'January'),
    leaf('CompanyType', 'GeneralServiceBased'),
    us ? leaf('EIN', '12-3456789') : undefined,
    us ? leaf('TaxForm', 'Form1120') : undefined,
    group('AccountantCopy', [leaf('AccountantCopyExists', false)]),
    ...store.dataExtensions.map((d) =>
      group('DataExtRet', [
        leaf('OwnerID', d.OwnerID),
        leaf('DataExtName', d.DataExtName),
        leaf('DataExtType', 'STR255TYPE'),
        leaf('DataExtValue', d.DataExtValue),
      ]),
    ),
  ])!;
}

export function preferencesRet(store: CompanyStore): QbNode {
  const s = store.settings;
  const defaultTaxItem = store
    .listOf('Item')
    .find((i) => i.listType === 'ItemSalesTax' && i.IsActive);
  const taxCode = (name: string) => store.findByFullName('SalesTaxCode', name);
  const ref = (name: string, listId?: string, fullName?: string) =>
    listId
      ? group(name, [leaf('ListID', listId), leaf('FullName', fullName)])
      : undefined;
  return group('PreferencesRet', [
    group('AccountingPreferences', [
      leaf('IsUsingAccountNumbers', false),
      leaf('IsRequiringAccounts', true),
      leaf('IsUsingClassTracking', s.classTracking),
      leaf('IsUsingAuditTrail', true),
      leaf('IsAssigningJournalEntryNumbers', true),
    ]),
    group('FinanceChargePreferences', [
      leaf('AnnualInterestRate', '0.00'),
      leaf('MinFinanceCharge', '0.00'),
      leaf('GracePeriod', 0),
      leaf('IsAssessingForOverdueCharges', false),
      leaf('CalculateChargesFrom', 'DueDate'),
      leaf('IsMarkedToBePrinted', false),
    ]),
    group('JobsAndEstimatesPreferences', [
      leaf('IsUsingEstimates', true),
      leaf('IsUsingProgressInvoicing', false),
      leaf('IsPrintingItemsWithZeroAmounts', false),
    ]),
    group('MultiCurrencyPreferences', [leaf('IsMultiCurrencyOn', false)]),
    group('MultiLocationInventoryPreferences', [
      leaf('IsMultiLocationInventoryAvailable', s.inventorySites),
      leaf('IsMultiLocationInventoryEnabled', s.inventorySites),
    ]),
    group('PurchasesAndVendorsPreferences', [
      leaf('IsUsingInventory', true),
      leaf('DaysBillsAreDue', 10),
      leaf('IsAutomaticallyUsingDiscounts', false),
    ]),
    group('ReportsPreferences', [
      leaf('AgingReportBasis', 'AgeFromDueDate'),
      leaf('SummaryReportBasis', 'Accrual'),
    ]),
    group('SalesAndCustomersPreferences', [
      leaf('IsTrackingReimbursedExpensesAsIncome', false),
      leaf('IsAutoApplyingPayments', true),
      group('PriceLevels', [
        leaf('IsUsingPriceLevels', true),
        leaf('IsRoundingSalesPriceUp', true),
      ]),
    ]),
    s.country === 'US' && defaultTaxItem && taxCode('Tax') && taxCode('Non')
      ? group('SalesTaxPreferences', [
          ref('DefaultItemSalesTaxRef', defaultTaxItem.ListID, defaultTaxItem.FullName),
          leaf('PaySalesTax', 'Monthly'),
          ref('DefaultTaxableSalesTaxCodeRef', taxCode('Tax')?.ListID, 'Tax'),
          ref('DefaultNonTaxableSalesTaxCodeRef', taxCode('Non')?.ListID, 'Non'),
        ])
      : undefined,
    group('TimeTrackingPreferences', [leaf('FirstDayOfWeek', 'Monday')]),
    group('CurrentAppAccessRights', [
      leaf('IsAutomaticLoginAllowed', false),
      leaf('IsPersonalDataAccessAllowed', false),
    ]),
    group('ItemsAndInventoryPreferences', [
      leaf('EnhancedInventoryReceivingEnabled', false),
      leaf('IsTrackingSerialOrLotNumber', 'None'),
      leaf('FIFOEnabled', false),
      leaf('IsRSBEnabled', false),
      leaf('IsBarcodeEnabled', false),
    ]),
  ])!;
}
