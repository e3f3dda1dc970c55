import { DEFAULT_SETTINGS } from '@qbd/domain';
import type { CustomerRet, ItemRet } from '@qbd/qbxml';
import {
  compactFields,
  itemTypeLabel,
  mapClass,
  mapCustomer,
  mapItem,
  mapJob,
  mapSalesTaxCode,
  mapSite,
  qbAddressToPl,
  topCustomerName,
  type MappingSettings,
} from './record-mapping';

const settings: MappingSettings = {
  ...DEFAULT_SETTINGS,
  customerType: 'Client QuickBooks',
  jobLocationType: 'Chantier',
  productType: 'Produit QuickBooks',
  productQuickBooksTypeField: 'quickbooks.typeArticle',
  classProperty: 'Classe',
  siteProperty: 'Site',
};

const customer = (extra: Partial<CustomerRet> = {}): CustomerRet => ({
  ListID: '80000001-1',
  TimeModified: '2024-06-01T08:00:00-05:00',
  EditSequence: '17',
  Name: 'Tremblay, Marie',
  FullName: 'Tremblay, Marie',
  IsActive: true,
  Sublevel: 0,
  ...extra,
});

const item = (kind: ItemRet['kind'], extra: Partial<ItemRet> = {}): ItemRet => ({
  kind,
  ListID: '80000101-1',
  Name: 'WH-40',
  FullName: 'Water Heaters:WH-40',
  IsActive: true,
  Sublevel: 1,
  ...extra,
});

describe('compactFields', () => {
  it('drops empty values at every depth and trims text', () => {
    expect(
      compactFields({
        a: ' x ',
        b: '',
        c: null,
        d: undefined,
        e: { f: '  ', g: 0 },
        h: { i: '' },
        j: false,
      }),
    ).toEqual({ a: 'x', e: { g: 0 }, j: false });
  });
});

describe('qbAddressToPl', () => {
  it('skips the addressee line and keeps street, unit, city, province and postal code', () => {
    expect(
      qbAddressToPl(
        {
          Addr1: 'Plomberie Tremblay inc.',
          Addr2: '1200, rue Principale',
          Addr3: 'Bureau 4',
          City: 'Sherbrooke',
          State: 'QC',
          PostalCode: 'J1H 1A1',
          Country: 'Canada',
        },
        ['Plomberie Tremblay Inc'],
      ),
    ).toEqual({
      street: '1200, rue Principale',
      suite: 'Bureau 4',
      city: 'Sherbrooke',
      province: 'QC',
      postalCode: 'J1H 1A1',
      country: 'Canada',
    });
  });

  it('skips "Attn" lines and takes the first line with a civic number as the street', () => {
    expect(
      qbAddressToPl({
        Addr1: 'Attn: Accounts payable',
        Addr2: 'Building C',
        Addr3: '77 Elm Road',
        City: 'Albany',
      }),
    ).toEqual({
      street: '77 Elm Road',
      city: 'Albany',
    });
  });

  it('falls back to the first remaining line when no line has a number', () => {
    expect(qbAddressToPl({ Addr1: 'Rang Saint-Joseph', City: 'Magog' })).toEqual({
      street: 'Rang Saint-Joseph',
      city: 'Magog',
    });
  });

  it('is empty without an address', () => {
    expect(qbAddressToPl(undefined)).toEqual({});
  });
});

describe('mapCustomer', () => {
  it('maps a customer to a client of the configured type, with its contact details', () => {
    const record = mapCustomer(
      customer({
        CompanyName: 'Plomberie Tremblay',
        BillAddress: {
          Addr1: 'Plomberie Tremblay',
          Addr2: '12 King St W',
          City: 'Sherbrooke',
          State: 'QC',
          PostalCode: 'J1H1A1',
        },
        Phone: '819-555-0100',
        Fax: '',
        Email: 'marie@tremblay.test',
      }),
      settings,
    );
    expect(record).toEqual({
      kind: 'client',
      qbListId: '80000001-1',
      qbFullName: 'Tremblay, Marie',
      qbParentListId: null,
      qbEditSequence: '17',
      qbTimeModified: '2024-06-01T08:00:00-05:00',
      active: true,
      fields: {
        typeRef: { label: 'Client QuickBooks' },
        label: 'Tremblay, Marie',
        address: {
          street: '12 King St W',
          city: 'Sherbrooke',
          province: 'QC',
          postalCode: 'J1H1A1',
          phone: '819-555-0100',
          email: 'marie@tremblay.test',
        },
        active: true,
      },
    });
  });

  it('mirrors an inactive customer as inactive and sends no empty address', () => {
    const record = mapCustomer(customer({ IsActive: false }), settings);
    expect(record.active).toBe(false);
    expect(record.fields).toEqual({
      typeRef: { label: 'Client QuickBooks' },
      label: 'Tremblay, Marie',
      active: false,
    });
  });

  it('refuses a record without a name, with a bookkeeper message', () => {
    expect(() => mapCustomer(customer({ Name: ' ' }), settings)).toThrow(
      expect.objectContaining({
        code: 'IMPORT_RECORD_WITHOUT_NAME',
        fixableBy: 'bookkeeper',
      }),
    );
  });

  it('refuses a record without a ListID', () => {
    expect(() => mapCustomer(customer({ ListID: '' }), settings)).toThrow(
      expect.objectContaining({ code: 'IMPORT_RECORD_WITHOUT_ID' }),
    );
  });
});

describe('mapJob', () => {
  const job = customer({
    ListID: '80000003-1',
    Name: 'Phase 2',
    FullName: 'Tremblay, Marie:Kitchen:Phase 2',
    Sublevel: 2,
    ParentRef: { ListID: '80000002-1', FullName: 'Tremblay, Marie:Kitchen' },
    BillAddress: { Addr1: '12 King St W', City: 'Sherbrooke' },
  });

  it('labels the location without its customer and points it at the top client', () => {
    const record = mapJob(job, '80000001-1', settings);
    expect(record).toMatchObject({
      kind: 'location',
      qbParentListId: '80000002-1',
      qbFullName: 'Tremblay, Marie:Kitchen:Phase 2',
    });
    expect(record.fields).toEqual({
      typeRef: { label: 'Chantier' },
      label: 'Kitchen:Phase 2',
      address: { street: '12 King St W', city: 'Sherbrooke' },
      active: true,
      clientListId: '80000001-1',
    });
  });

  it('prefers the ship-to address (the work site) when it has a street', () => {
    const shipped = { ...job, ShipAddress: { Addr1: '9 Oak Lane', City: 'Magog' } };
    expect(mapJob(shipped, '80000001-1', settings).fields.address).toEqual({
      street: '9 Oak Lane',
      city: 'Magog',
    });
    const cityOnly = { ...job, ShipAddress: { City: 'Magog' } };
    expect(mapJob(cityOnly, '80000001-1', settings).fields.address).toEqual({
      street: '12 King St W',
      city: 'Sherbrooke',
    });
  });

  it('finds the top-level customer name in the FullName', () => {
    expect(topCustomerName('Tremblay, Marie:Kitchen:Phase 2')).toBe('Tremblay, Marie');
    expect(topCustomerName('Solo')).toBe('Solo');
  });
});

describe('mapItem', () => {
  it.each<[string, ItemRet, { description?: string; price?: string }]>([
    [
      'service on one side',
      item('ItemService', { SalesOrPurchase: { Desc: 'Labour', Price: '95.00' } }),
      { description: 'Labour', price: '95.00' },
    ],
    [
      'service bought and sold',
      item('ItemService', {
        SalesAndPurchase: {
          SalesDesc: 'Sub-contract',
          SalesPrice: '120.50',
          PurchaseCost: '80.00',
        },
      }),
      { description: 'Sub-contract', price: '120.50' },
    ],
    [
      'percentage price (no unit price)',
      item('ItemService', { SalesOrPurchase: { PricePercent: '18.0' } }),
      {},
    ],
    [
      'inventory part',
      item('ItemInventory', { SalesDesc: 'Heater 40 gal', SalesPrice: '780.00' }),
      { description: 'Heater 40 gal', price: '780.00' },
    ],
    [
      'assembly',
      item('ItemInventoryAssembly', { SalesDesc: 'Kit', SalesPrice: '13.00' }),
      { description: 'Kit', price: '13.00' },
    ],
    [
      'group',
      item('ItemGroup', { ItemDesc: 'Bathroom bundle' }),
      { description: 'Bathroom bundle' },
    ],
    [
      'subtotal',
      item('ItemSubtotal', { ItemDesc: 'Subtotal' }),
      { description: 'Subtotal' },
    ],
  ])('%s', (_name, ret, expected) => {
    const record = mapItem(ret, settings);
    expect(record.kind).toBe('product');
    expect(record.fields).toEqual({
      typeRef: { label: 'Produit QuickBooks' },
      label: 'WH-40',
      code: 'Water Heaters:WH-40',
      ...expected,
      active: true,
      properties: { 'quickbooks.typeArticle': itemTypeLabel(ret.kind, 'en') },
    });
  });

  it('keeps the price as QuickBooks wrote it (a decimal string)', () => {
    const record = mapItem(
      item('ItemService', { SalesOrPurchase: { Price: '0.12345' } }),
      settings,
    );
    expect(record.fields.price).toBe('0.12345');
  });

  it('writes the item type in the company QuickBooks language, or not at all', () => {
    const french = mapItem(item('ItemOtherCharge'), {
      ...settings,
      quickBooksLanguage: 'fr',
    });
    expect(french.fields.properties).toEqual({
      'quickbooks.typeArticle': 'Autres frais',
    });
    const none = mapItem(item('ItemOtherCharge'), {
      ...settings,
      productQuickBooksTypeField: null,
    });
    expect(none.fields).not.toHaveProperty('properties');
  });

  it('mirrors an inactive item as inactive', () => {
    expect(
      mapItem(item('ItemInventory', { IsActive: false }), settings).fields.active,
    ).toBe(false);
  });
});

describe('classes, sites and sales tax codes', () => {
  it('maps a class to a value of the class entity, labelled with its full name', () => {
    const record = mapClass(
      {
        ListID: 'C1',
        Name: 'East',
        FullName: 'Regions:East',
        IsActive: true,
        Sublevel: 1,
        ParentRef: { ListID: 'C0' },
      },
      settings,
    );
    expect(record).toMatchObject({
      kind: 'class',
      qbParentListId: 'C0',
      fields: { typeRef: { label: 'Classe' }, label: 'Regions:East', active: true },
    });
  });

  it('maps a site to a value of the site entity', () => {
    const record = mapSite(
      {
        ListID: 'S1',
        Name: 'Warehouse',
        IsActive: false,
        ParentSiteRef: { ListID: 'S0' },
      },
      settings,
    );
    expect(record).toMatchObject({
      kind: 'site',
      qbFullName: 'Warehouse',
      qbParentListId: 'S0',
      fields: { typeRef: { label: 'Site' }, label: 'Warehouse', active: false },
    });
  });

  it('keeps a sales tax code for exports only', () => {
    const record = mapSalesTaxCode({
      ListID: 'T1',
      Name: 'GST',
      IsActive: true,
      IsTaxable: true,
      Desc: 'GST 5%',
      ItemSalesTaxRef: { ListID: 'I9', FullName: 'GST' },
    });
    expect(record).toMatchObject({
      kind: 'salesTaxCode',
      fields: {
        name: 'GST',
        description: 'GST 5%',
        taxable: true,
        itemSalesTax: 'GST',
        itemSalesTaxListId: 'I9',
        active: true,
      },
    });
  });
});
