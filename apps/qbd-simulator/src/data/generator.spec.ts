import { ITEM_TYPES } from '../company/model';
import { generateCompany } from './generator';

describe('generateCompany', () => {
  it('gives the same company for the same seed, ids and times included', () => {
    const options = {
      customers: 300,
      jobsPerCustomer: 4,
      items: 400,
      classes: 8,
      sites: 3,
      seed: 'same',
    };

    const a = generateCompany(options).toSnapshot();
    const b = generateCompany(options).toSnapshot();
    const c = generateCompany({ ...options, seed: 'other' }).toSnapshot();

    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a.lists.map((l) => l.FullName))).not.toBe(
      JSON.stringify(c.lists.map((l) => l.FullName)),
    );
  });

  it('makes the requested records: customers, nested jobs, classes, sites and every item kind', () => {
    const company = generateCompany({
      customers: 200,
      jobsPerCustomer: 4,
      items: 600,
      classes: 9,
      sites: 4,
      seed: 7,
    });
    const customers = company.data.list('Customer');
    const items = company.data.list('Item');

    expect(customers.filter((c) => c.Sublevel === 0)).toHaveLength(200);
    expect(customers.filter((c) => c.Sublevel === 1)).toHaveLength(800);
    expect(customers.filter((c) => c.Sublevel === 2)).toHaveLength(200);
    expect(items).toHaveLength(600);
    expect(new Set(items.map((i) => i.listType))).toEqual(new Set(ITEM_TYPES));
    expect(company.data.list('Class')).toHaveLength(9);
    expect(company.data.list('InventorySite')).toHaveLength(4);
  });

  it('writes accented French and English names and addresses within QuickBooks’ limits', () => {
    const company = generateCompany({ customers: 400, jobsPerCustomer: 1, seed: 3 });
    const customers = company.data.list('Customer');
    const text = customers
      .map((c) => `${c.Name} ${c.values['BillAddress.City'] ?? ''}`)
      .join(' ');

    expect(text).toMatch(/[éèêàçôÉ]/);
    expect(text).toMatch(
      /\b(Plumbing|Electric|Roofing|Landscaping|HVAC|Property|Contracting|Mechanical)\b/,
    );
    expect(text).toMatch(
      /\b(Plomberie|Électricité|Chauffage|Construction|Rénovations|Toitures|Entreprises)\b/,
    );
    expect(customers.every((c) => c.Name.length <= 41 && !c.Name.includes(':'))).toBe(
      true,
    );
    expect(new Set(customers.map((c) => c.FullName.toLowerCase())).size).toBe(
      customers.length,
    );
  });

  it('builds 50 000 customers and 50 000 items', () => {
    const company = generateCompany({ customers: 50_000, items: 50_000, seed: 'big' });

    expect(company.data.list('Customer')).toHaveLength(50_000);
    expect(company.data.list('Item')).toHaveLength(50_000);
  }, 30_000);
});
