import { CompanyFile } from '../company/company-file';
import { usEnterpriseSettings, type CompanySettings } from '../company/company-settings';

/** A clock that moves one second each time it is read, from a fixed start. */
export function steppingClock(startIso = '2024-05-22T14:10:00Z'): () => number {
  let now = Date.parse(startIso);
  return () => {
    now += 1000;
    return now;
  };
}

/**
 * A small US Enterprise company: tax codes, a sales-tax item, two customers (one with a
 * job and a sub-job), an inactive customer, service and inventory items, classes, sites.
 */
export function smallCompany(settings: Partial<CompanySettings> = {}): CompanyFile {
  const company = new CompanyFile(usEnterpriseSettings(settings), {
    clock: steppingClock(),
  });
  const data = company.data;
  data.add('SalesTaxCode', {
    name: 'Tax',
    values: { IsTaxable: 'true', Desc: 'Taxable Sales' },
  });
  data.add('SalesTaxCode', {
    name: 'Non',
    values: { IsTaxable: 'false', Desc: 'Non-Taxable Sales' },
  });
  data.add('ItemSalesTax', {
    name: 'VT State',
    values: { TaxRate: '6.0', ItemDesc: 'Vermont sales tax' },
  });
  data.add('Account', { name: 'Accounts Receivable' });
  data.add('Class', { name: 'Residential' });
  data.add('Class', { name: 'Commercial' });
  data.add('InventorySite', {
    name: 'Main warehouse',
    values: { IsDefaultSite: 'true' },
  });
  data.add('Customer', {
    name: 'Harbor Line Electric',
    values: {
      'BillAddress.Addr1': '12 Harbor Street',
      'BillAddress.City': 'Burlington',
      'BillAddress.State': 'VT',
    },
    refs: { SalesTaxCodeRef: 'Tax', ItemSalesTaxRef: 'VT State', TermsRef: 'Net 30' },
  });
  data.add('Customer', { name: 'Kestrel Apartments', refs: { SalesTaxCodeRef: 'Non' } });
  data.add('Customer', { name: 'Unit 4B', parent: 'Kestrel Apartments' });
  data.add('Customer', { name: 'Boiler room', parent: 'Kestrel Apartments:Unit 4B' });
  data.add('Customer', { name: 'Maple Court HOA', active: false });
  data.add('ItemService', {
    name: 'Panel inspection',
    values: {
      'SalesOrPurchase.Desc': 'Panel inspection',
      'SalesOrPurchase.Price': '150.00',
    },
    refs: { SalesTaxCodeRef: 'Non' },
  });
  data.add('ItemInventory', {
    name: 'Breaker 20A',
    values: { SalesDesc: 'Breaker 20A', SalesPrice: '50.00', QuantityOnHand: '40' },
    refs: { SalesTaxCodeRef: 'Tax' },
  });
  data.add('ItemService', { name: 'Old model', active: false });
  return company;
}
