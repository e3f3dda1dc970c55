import { join } from 'node:path';
import { CompanyFile, type CompanyFileOptions } from '../company/company-file';
import { usEnterpriseSettings, type CompanySettings } from '../company/company-settings';
import { sharedFixturesDir } from '../shared/fixtures-dir';
import { parseXml, type XmlElement } from '../xml/xml-tree';
import { readFileSync } from 'node:fs';
import { FixtureLoader, priceItemsFromLines } from './fixture-loader';

/** Real QuickBooks answers from shared/fixtures/qbxml whose records make up the demo file. */
export const DEMO_FIXTURES = [
  'customer-add-rs_ok_with-address.xml',
  'customer-query-rs_iterator_18-remaining.xml',
  'customer-query-rs_nonascii-numeric-charref.xml',
  'invoice-query-rs_iterator_2-invoices.xml',
  'item-query-rs_inventory-assembly.xml',
  'item-query-rs_service_iterator-0-remaining.xml',
  'estimate-query-rs_iterator_cp1252-charrefs_desc-only-lines_trimmed.xml',
  'bill-query-rs_intuit-sdk-sample.xml',
];

// Added on purpose, not taken from the fixtures: the public samples contain no class,
// inventory site, sales-tax group, or several item kinds, and a demo of the import needs them.
const INVENTED_AT = '2024-01-15T09:00:00-05:00';

/**
 * The bundled demo company: a US Enterprise file (classes, sites and sales orders on) with
 * the customers, jobs, items and invoices of the public qbXML fixtures, their ListIDs and
 * times kept, plus the few invented records listed in {@link addInventedRecords}.
 */
export function demoCompany(
  settings: Partial<CompanySettings> = {},
  options: CompanyFileOptions = {},
): CompanyFile {
  // Records built while loading get fixed times, so the demo file is the same on every run.
  const company = new CompanyFile(
    usEnterpriseSettings({ companyName: 'Example Field Services', ...settings }),
    { ...options, clock: () => Date.parse(INVENTED_AT) },
  );
  if (company.settings.country === 'CA') seedCanadianTaxCodes(company);
  const loader = new FixtureLoader(company);
  const dir = join(sharedFixturesDir(), 'qbxml');
  const lines: XmlElement[] = [];
  for (const file of DEMO_FIXTURES) {
    const text = readFileSync(join(dir, file), 'utf8');
    loader.loadDocument(text);
    lines.push(...salesLines(text));
  }
  priceItemsFromLines(company, lines);
  seedReferenceLists(company);
  addInventedRecords(company);
  company.store.now = options.clock ?? Date.now;
  return company;
}

function salesLines(text: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    if (/(Invoice|Estimate|SalesOrder)LineRet$/.test(e.name)) out.push(e);
    e.children.forEach(walk);
  };
  walk(parseXml(text.trimStart()).root);
  return out;
}

// The standard US codes and the default account/templates, where the fixtures lack them.
function seedReferenceLists(company: CompanyFile): void {
  const at = { TimeCreated: INVENTED_AT };
  const data = company.data;
  const ensure = (
    type: 'SalesTaxCode' | 'Account' | 'Template',
    name: string,
    values = {},
  ) => {
    const record = data.find(type === 'SalesTaxCode' ? 'SalesTaxCode' : type, name);
    if (!record) data.add(type, { name, values, ...at });
    else Object.assign(record.values, { ...values, ...record.values });
  };
  ensure('SalesTaxCode', 'Tax', { IsTaxable: 'true', Desc: 'Taxable Sales' });
  ensure('SalesTaxCode', 'Non', { IsTaxable: 'false', Desc: 'Non-Taxable Sales' });
  ensure('Account', 'Accounts Receivable');
  ensure('Template', 'Intuit Product Invoice');
  ensure('Template', 'Custom Sales Order');
}

/** GST/HST/PST style codes of a Canadian file: the code is the tax. */
function seedCanadianTaxCodes(company: CompanyFile): void {
  const data = company.data;
  const at = { TimeCreated: INVENTED_AT };
  data.add('ItemSalesTax', {
    name: 'GST',
    values: { TaxRate: '5.0', ItemDesc: 'Goods and Services Tax' },
    ...at,
  });
  data.add('ItemSalesTax', {
    name: 'QST',
    values: { TaxRate: '9.975', ItemDesc: 'Quebec Sales Tax' },
    ...at,
  });
  data.add('ItemSalesTax', {
    name: 'HST ON',
    values: { TaxRate: '13.0', ItemDesc: 'Harmonized Sales Tax (ON)' },
    ...at,
  });
  data.add('ItemSalesTaxGroup', {
    name: 'GST/QST',
    values: { ItemDesc: 'GST and QST' },
    lines: [{ item: 'GST' }, { item: 'QST' }],
    ...at,
  });
  const code = (name: string, desc: string, taxable: boolean, item?: string) =>
    data.add('SalesTaxCode', {
      name,
      values: { IsTaxable: String(taxable), Desc: desc },
      refs: item ? { ItemSalesTaxRef: item } : {},
      ...at,
    });
  code('G', 'GST only', true, 'GST');
  code('H', 'HST', true, 'HST ON');
  code('S', 'GST and PST', true, 'GST/QST');
  code('E', 'Exempt', false);
  code('Z', 'Zero-rated', false);
}

function addInventedRecords(company: CompanyFile): void {
  const data = company.data;
  const at = { TimeCreated: INVENTED_AT };
  for (const name of ['Residential', 'Commercial']) data.add('Class', { name, ...at });
  data.add('Class', { name: 'Maintenance contracts', parent: 'Commercial', ...at });
  data.add('InventorySite', {
    name: 'Main warehouse',
    values: {
      IsDefaultSite: 'true',
      SiteDesc: 'Shop and main stock',
      'SiteAddress.City': 'Burlington',
    },
    ...at,
  });
  data.add('InventorySite', {
    name: 'Service van 12',
    values: { IsDefaultSite: 'false', SiteDesc: 'Truck stock' },
    ...at,
  });
  data.add('ItemOtherCharge', {
    name: 'Trip charge',
    values: {
      'SalesOrPurchase.Desc': 'Travel to site',
      'SalesOrPurchase.Price': '45.00',
    },
    refs: { SalesTaxCodeRef: 'Non', 'SalesOrPurchase.AccountRef': 'Service Income' },
    ...at,
  });
  data.add('ItemDiscount', {
    name: 'Loyalty 10%',
    values: { ItemDesc: 'Loyal customer discount', DiscountRatePercent: '10.0' },
    ...at,
  });
  data.add('ItemSubtotal', { name: 'Subtotal', values: { ItemDesc: 'Subtotal' }, ...at });
  data.add('ItemPayment', {
    name: 'Deposit',
    values: { ItemDesc: 'Deposit received' },
    ...at,
  });
  data.add('ItemGroup', {
    name: 'Annual tune-up kit',
    values: { ItemDesc: 'Inspection and trip', IsPrintItemsInGroup: 'true' },
    lines: [
      { item: 'Test Service Item 1', quantity: '1' },
      { item: 'Trip charge', quantity: '1' },
    ],
    ...at,
  });
  data.add('ItemFixedAsset', {
    name: 'Service van 12',
    values: {
      AcquiredAs: 'New',
      PurchaseDesc: 'Ford Transit 2022',
      PurchaseDate: '2022-03-01',
      PurchaseCost: '48000.00',
    },
    ...at,
  });
  if (company.settings.country === 'US') {
    data.add('ItemSalesTaxGroup', {
      name: 'CT + local',
      values: { ItemDesc: 'State and local' },
      lines: [{ item: 'CT State Tax' }],
      ...at,
    });
  }
}
