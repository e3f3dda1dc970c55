import { CompanyFile } from '../company/company-file';
import { caPremierSettings } from '../company/company-settings';
import { ITEM_TYPES } from '../company/model';
import { demoCompany } from './demo-company';

describe('demoCompany', () => {
  const company = demoCompany();

  it('holds the fixture records with their real ListIDs and TxnIDs', () => {
    expect(
      company.data.find('Customer', '8000001B-1405768916')?.values['CompanyName'],
    ).toBe('Joes Garage');
    expect(company.data.find('Item', 'Retail 12oz bags-BOM:esp-boss-12')?.ListID).toBe(
      '80000317-1228629275',
    );
    expect(company.data.transactions('Invoice').map((t) => t.TxnID)).toEqual([
      '4-1232328070',
      '7-1232328243',
    ]);
  });

  it('has jobs four levels deep and items of every kind', () => {
    const deep = company.data.find('Customer', 'Acme Tech:Construction:SFO:P-2404');

    expect(deep?.Sublevel).toBe(3);
    expect(new Set(company.data.list('Item').map((i) => i.listType))).toEqual(
      new Set(ITEM_TYPES),
    );
    expect(company.data.list('Class').length).toBeGreaterThan(0);
    expect(company.data.list('InventorySite').length).toBeGreaterThan(0);
  });

  it('learns prices and descriptions of items from the documents that use them', () => {
    const item = company.data.find('Item', 'Test Service Item 1');

    expect(item?.values['SalesOrPurchase.Price']).toBe('39.00');
    expect(item?.values['SalesOrPurchase.Desc']).toBe('Test Service Item Description');
    expect(company.data.find('Item', 'CT State Tax')?.values['TaxRate']).toBe('6.00');
  });

  it('is the same file on every run', () => {
    expect(demoCompany().toSnapshot()).toEqual(company.toSnapshot());
  });

  it('continues numbering after the last invoice of the fixtures', () => {
    expect(company.store.lastRefNumbers.Invoice).toBe('1');
    expect(company.store.nextTxnNumber()).toBe(4);
  });

  it('can be Canadian, with GST/HST/PST codes', () => {
    const canadian = demoCompany(caPremierSettings());

    expect(canadian.settings.country).toBe('CA');
    expect(
      ['G', 'H', 'S', 'E', 'Z'].every((code) => canadian.data.find('SalesTaxCode', code)),
    ).toBe(true);
  });

  it('survives a save and load unchanged', () => {
    const copy = CompanyFile.fromSnapshot(company.toSnapshot());

    expect(copy.toSnapshot()).toEqual(company.toSnapshot());
    expect(
      copy.data.find('Customer', 'Acme Tech:Construction:SFO:P-2404')?.Sublevel,
    ).toBe(3);
  });
});
