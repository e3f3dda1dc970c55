import { CompanyFile, type CompanyFileOptions } from '../company/company-file';
import { usEnterpriseSettings, type CompanySettings } from '../company/company-settings';
import type { ItemType, ListRecord } from '../company/model';
import { Random } from '../shared/random';
import {
  asciiSlug,
  CLASS_NAMES,
  ENGLISH_COMPANY,
  ENGLISH_FIRST,
  ENGLISH_LAST,
  ENGLISH_STREETS,
  FRENCH_COMPANY,
  FRENCH_FIRST,
  FRENCH_LAST,
  FRENCH_STREETS,
  ITEM_CATEGORIES,
  JOB_NAMES,
  PRODUCT_ITEMS,
  SERVICE_ITEMS,
  TOWNS,
  type Town,
} from './names';

export interface GeneratorOptions {
  customers: number;
  /** Jobs under each customer; one job in four gets a sub-job of its own. */
  jobsPerCustomer?: number;
  /** Items, spread over every item kind. */
  items?: number;
  classes?: number;
  sites?: number;
  seed?: number | string;
  settings?: Partial<CompanySettings>;
  /** Share of French-speaking customers (0..1), 0.5 by default. */
  frenchShare?: number;
}

const START = Date.UTC(2019, 0, 7, 14, 0, 0);
const SPAN_MS = 5 * 365 * 24 * 3600 * 1000;

/** How often each item kind appears, out of 100. */
const ITEM_MIX: [ItemType, number][] = [
  ['ItemService', 30],
  ['ItemInventory', 25],
  ['ItemNonInventory', 17],
  ['ItemOtherCharge', 8],
  ['ItemInventoryAssembly', 5],
  ['ItemGroup', 4],
  ['ItemDiscount', 3],
  ['ItemFixedAsset', 3],
  ['ItemSalesTax', 2],
  ['ItemSubtotal', 1],
  ['ItemPayment', 1],
  ['ItemSalesTaxGroup', 1],
];

/**
 * A company file of any size with realistic French and English customers, jobs (nested),
 * items of every kind, classes and inventory sites. The same options and seed always give
 * the same file, ListIDs and times included.
 */
export function generateCompany(
  options: GeneratorOptions,
  fileOptions: CompanyFileOptions = {},
): CompanyFile {
  const random = new Random(options.seed ?? 1);
  let tick = START;
  const clock = () => tick;
  const company = new CompanyFile(
    usEnterpriseSettings({
      companyName: 'Generated Services',
      validateSchema: true,
      ...options.settings,
    }),
    { ...fileOptions, clock },
  );
  const g = new Generation(company, random, options.frenchShare ?? 0.5, (ms) => {
    tick = ms;
  });

  g.referenceLists();
  g.classes(options.classes ?? 0);
  g.sites(options.sites ?? 0);
  g.items(options.items ?? 0);
  g.customers(options.customers, options.jobsPerCustomer ?? 0);

  company.store.now = fileOptions.clock ?? Date.now;
  return company;
}

class Generation {
  private readonly taxCodes: string[];

  constructor(
    private readonly company: CompanyFile,
    private readonly random: Random,
    private readonly frenchShare: number,
    private readonly setTime: (ms: number) => void,
  ) {
    this.taxCodes =
      company.settings.country === 'CA' ? ['S', 'G', 'E'] : ['Tax', 'Tax', 'Non'];
  }

  referenceLists(): void {
    this.at(START);
    const data = this.company.data;
    if (this.company.settings.country === 'CA') {
      data.add('ItemSalesTax', {
        name: 'TPS',
        values: { TaxRate: '5.0', ItemDesc: 'Taxe sur les produits et services' },
      });
      data.add('ItemSalesTax', {
        name: 'TVQ',
        values: { TaxRate: '9.975', ItemDesc: 'Taxe de vente du Québec' },
      });
      data.add('ItemSalesTaxGroup', {
        name: 'TPS/TVQ',
        values: { ItemDesc: 'TPS et TVQ' },
        lines: [{ item: 'TPS' }, { item: 'TVQ' }],
      });
      data.add('SalesTaxCode', {
        name: 'S',
        values: { IsTaxable: 'true', Desc: 'TPS et TVQ' },
        refs: { ItemSalesTaxRef: 'TPS/TVQ' },
      });
      data.add('SalesTaxCode', {
        name: 'G',
        values: { IsTaxable: 'true', Desc: 'TPS seulement' },
        refs: { ItemSalesTaxRef: 'TPS' },
      });
      data.add('SalesTaxCode', {
        name: 'E',
        values: { IsTaxable: 'false', Desc: 'Exonéré' },
      });
    } else {
      data.add('SalesTaxCode', {
        name: 'Tax',
        values: { IsTaxable: 'true', Desc: 'Taxable Sales' },
      });
      data.add('SalesTaxCode', {
        name: 'Non',
        values: { IsTaxable: 'false', Desc: 'Non-Taxable Sales' },
      });
      data.add('ItemSalesTax', {
        name: 'State Tax',
        values: { TaxRate: '6.0', ItemDesc: 'State sales tax' },
      });
    }
    for (const name of [
      'Accounts Receivable',
      'Revenus de service',
      'Ventes',
      'Coût des ventes',
      'Stocks',
    ]) {
      data.add('Account', { name });
    }
    data.add('Template', { name: 'Intuit Product Invoice' });
    for (const name of ['Net 30', 'Net 15', 'Payable sur réception'])
      data.add('Terms', { name });
  }

  classes(count: number): void {
    const top = Math.min(count, CLASS_NAMES.length);
    for (let i = 0; i < top; i += 1) this.add('Class', { name: CLASS_NAMES[i] });
    for (let i = top; i < count; i += 1) {
      const parent = CLASS_NAMES[i % top];
      this.add('Class', { name: `Secteur ${i - top + 1}`, parent });
    }
  }

  sites(count: number): void {
    for (let i = 0; i < count; i += 1) {
      const town = this.random.pick(TOWNS);
      const name =
        i === 0
          ? 'Entrepôt principal'
          : i % 5 === 0
            ? `Succursale ${town.city} ${i}`
            : `Camion ${String(i).padStart(2, '0')}`;
      this.add('InventorySite', {
        name: name.slice(0, 31),
        values: {
          IsDefaultSite: String(i === 0),
          SiteDesc: i === 0 ? 'Stock principal' : 'Stock mobile',
          'SiteAddress.City': town.city,
          'SiteAddress.State': town.state,
        },
      });
    }
  }

  items(count: number): void {
    const total = ITEM_MIX.reduce((s, [, w]) => s + w, 0);
    const existing = this.company.data.list('Item').length;
    const categories = ITEM_CATEGORIES.slice(0, Math.max(0, count - existing)).map(
      (name) =>
        this.add('ItemService', { name, values: { 'SalesOrPurchase.Desc': name } }),
    );
    const recent = new Map<ItemType, ListRecord[]>();
    for (let i = existing + categories.length; i < count; i += 1) {
      let roll = this.random.int(1, total);
      const type = ITEM_MIX.find(([, w]) => (roll -= w) <= 0)![0];
      const item = this.item(type, i, categories, recent);
      const list = recent.get(type) ?? [];
      list.push(item);
      if (list.length > 50) list.shift();
      recent.set(type, list);
    }
  }

  customers(count: number, jobsPerCustomer: number): void {
    for (let i = 0; i < count; i += 1) {
      const french = this.random.chance(this.frenchShare);
      const town = this.town(french);
      const customer = this.customer(french, town, i);
      for (let j = 1; j <= jobsPerCustomer; j += 1) {
        const job = this.job(customer, town, j);
        if (j % 4 === 0) this.job(job, town, j * 10);
      }
    }
  }

  private customer(french: boolean, town: Town, n: number): ListRecord {
    const first = this.random.pick(french ? FRENCH_FIRST : ENGLISH_FIRST);
    const lastNames = french ? FRENCH_LAST : ENGLISH_LAST;
    const last = this.random.chance(0.3)
      ? `${this.random.pick(lastNames)}-${this.random.pick(lastNames)}`
      : this.random.pick(lastNames);
    const isCompany = this.random.chance(0.6);
    const display = isCompany
      ? this.random.pick(french ? FRENCH_COMPANY : ENGLISH_COMPANY)(last)
      : `${last}, ${first}`;
    const name = this.unique('Customer', display.slice(0, 36), n);
    const values: Record<string, string> = {
      FirstName: first,
      LastName: last,
      Phone: this.phone(town),
      Email: `${asciiSlug(first)}.${asciiSlug(last)}@example.com`,
      ...this.address(
        'BillAddress',
        isCompany ? display : `${first} ${last}`,
        town,
        french,
      ),
    };
    if (isCompany) values['CompanyName'] = display.slice(0, 41);
    if (this.random.chance(0.3)) values['AccountNumber'] = String(10000 + n);
    const refs: Record<string, string> = {
      SalesTaxCodeRef: this.random.pick(this.taxCodes),
      TermsRef: this.random.pick(['Net 30', 'Net 15', 'Payable sur réception']),
    };
    if (this.company.settings.country === 'US') refs['ItemSalesTaxRef'] = 'State Tax';
    return this.add('Customer', {
      name,
      values,
      refs,
      active: !this.random.chance(0.03),
    });
  }

  private job(parent: ListRecord, town: Town, n: number): ListRecord {
    const name = this.random.pick(JOB_NAMES)(n);
    const street = `${this.random.int(1, 9999)} ${this.random.pick(town.french ? FRENCH_STREETS : ENGLISH_STREETS)}`;
    return this.add('Customer', {
      name: this.unique('Customer', name, n, parent),
      parent: parent.ListID,
      values: {
        JobStatus: this.random.pick([
          'None',
          'InProgress',
          'Awarded',
          'Pending',
          'Closed',
        ]),
        JobDesc: `${name} – ${street}`.slice(0, 99),
        ...this.address('ShipAddress', street, town, town.french),
      },
      refs: { SalesTaxCodeRef: parent.refs['SalesTaxCodeRef'] },
      active: !this.random.chance(0.05),
    });
  }

  private item(
    type: ItemType,
    n: number,
    categories: ListRecord[],
    made: Map<ItemType, ListRecord[]>,
  ): ListRecord {
    const base = ['ItemService', 'ItemOtherCharge'].includes(type)
      ? SERVICE_ITEMS
      : PRODUCT_ITEMS;
    const label = `${this.random.pick(base)} ${n}`.slice(0, 31);
    const price = this.money(5, 2500);
    const tax = this.random.pick(this.taxCodes);
    const parent =
      ['ItemService', 'ItemInventory', 'ItemNonInventory'].includes(type) &&
      this.random.chance(0.4)
        ? this.random.pick(categories).ListID
        : undefined;
    const common = {
      name: this.unique('Item', label, n),
      parent,
      active: !this.random.chance(0.03),
    };
    switch (type) {
      case 'ItemService':
      case 'ItemOtherCharge':
      case 'ItemNonInventory':
        return this.add(type, {
          ...common,
          values: { 'SalesOrPurchase.Desc': label, 'SalesOrPurchase.Price': price },
          refs: {
            SalesTaxCodeRef: tax,
            'SalesOrPurchase.AccountRef': 'Revenus de service',
          },
        });
      case 'ItemInventory':
      case 'ItemInventoryAssembly':
        return this.add(type, {
          ...common,
          values: {
            SalesDesc: label,
            SalesPrice: price,
            PurchaseDesc: label,
            PurchaseCost: this.money(2, 1200),
            QuantityOnHand: String(this.random.int(-5, 400)),
            QuantityOnOrder: '0',
            QuantityOnSalesOrder: '0',
          },
          refs: {
            SalesTaxCodeRef: tax,
            IncomeAccountRef: 'Ventes',
            COGSAccountRef: 'Coût des ventes',
            AssetAccountRef: 'Stocks',
          },
          lines:
            type === 'ItemInventoryAssembly'
              ? this.components(made, 'ItemInventory')
              : undefined,
        });
      case 'ItemGroup':
        return this.add(type, {
          ...common,
          values: { ItemDesc: label, IsPrintItemsInGroup: 'true' },
          lines: this.components(made),
        });
      case 'ItemDiscount':
        return this.add(type, {
          ...common,
          values: {
            ItemDesc: 'Escompte',
            DiscountRatePercent: String(this.random.int(2, 20)),
          },
        });
      case 'ItemSalesTax':
        return this.add(type, {
          ...common,
          values: { ItemDesc: 'Taxe municipale', TaxRate: `${this.random.int(1, 9)}.0` },
        });
      case 'ItemSalesTaxGroup':
        return this.add(type, {
          ...common,
          values: { ItemDesc: 'Groupe de taxes' },
          lines: this.components(made, 'ItemSalesTax'),
        });
      case 'ItemFixedAsset':
        return this.add(type, {
          ...common,
          values: {
            AcquiredAs: 'New',
            PurchaseDesc: label,
            PurchaseCost: this.money(500, 60000),
          },
        });
      default:
        return this.add(type, { ...common, values: { ItemDesc: label } });
    }
  }

  private components(
    made: Map<ItemType, ListRecord[]>,
    type?: ItemType,
  ): { item: string; quantity?: string }[] {
    const pool = type
      ? (made.get(type) ?? [])
      : [...(made.get('ItemService') ?? []), ...(made.get('ItemInventory') ?? [])];
    if (pool.length === 0) return [];
    const picked = new Set<string>();
    for (let i = 0; i < this.random.int(1, 3); i += 1)
      picked.add(this.random.pick(pool).ListID);
    return [...picked].map((item) => ({
      item,
      quantity: type === 'ItemSalesTax' ? undefined : String(this.random.int(1, 4)),
    }));
  }

  private add(
    type: Parameters<CompanyFile['data']['add']>[0],
    input: Parameters<CompanyFile['data']['add']>[1],
  ): ListRecord {
    const created = START + Math.floor(this.random.next() * SPAN_MS);
    const modified = this.random.chance(0.3)
      ? created + Math.floor(this.random.next() * 90 * 24 * 3600 * 1000)
      : created;
    this.at(created);
    return this.company.data.add(type, {
      ...input,
      TimeCreated: created,
      TimeModified: modified,
    });
  }

  private unique(
    category: 'Customer' | 'Item',
    name: string,
    n: number,
    parent?: ListRecord,
  ): string {
    const full = (candidate: string) =>
      parent ? `${parent.FullName}:${candidate}` : candidate;
    if (!this.company.data.find(category, full(name))) return name;
    const max = category === 'Customer' ? 41 : 31;
    return `${name.slice(0, max - String(n).length - 1)} ${n}`;
  }

  private address(
    prefix: string,
    firstLine: string,
    town: Town,
    french: boolean,
  ): Record<string, string> {
    const street = `${this.random.int(1, 9999)} ${this.random.pick(french ? FRENCH_STREETS : ENGLISH_STREETS)}`;
    return {
      [`${prefix}.Addr1`]: firstLine.slice(0, 41),
      [`${prefix}.Addr2`]: street.slice(0, 41),
      [`${prefix}.City`]: town.city,
      [`${prefix}.State`]: town.state,
      [`${prefix}.PostalCode`]: this.postalCode(town),
      [`${prefix}.Country`]: town.country === 'CA' ? 'Canada' : 'USA',
    };
  }

  private postalCode(town: Town): string {
    if (town.country === 'US') return town.postal;
    const letter = () => 'ABCEGHJKLMNPRSTVWXYZ'[this.random.int(0, 19)];
    return `${town.postal} ${this.random.int(0, 9)}${letter()}${this.random.int(0, 9)}`;
  }

  private phone(town: Town): string {
    const area: Record<string, string> = {
      QC: '514',
      ON: '613',
      NB: '506',
      VT: '802',
      MA: '617',
      ME: '207',
      NY: '518',
    };
    return `${area[town.state] ?? '555'}-555-01${String(this.random.int(0, 99)).padStart(2, '0')}`;
  }

  private town(french: boolean): Town {
    const choices = TOWNS.filter((t) => t.french === french);
    return this.random.pick(choices);
  }

  private money(min: number, max: number): string {
    const cents = this.random.int(min * 100, max * 100);
    return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  }

  private at(ms: number): void {
    this.setTime(ms);
  }
}
