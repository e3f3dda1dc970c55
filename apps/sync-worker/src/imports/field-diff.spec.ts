import { diffFields, sameValue } from './field-diff';
import { deactivationWrite, orderingKeyOf, upsertWrite } from './outbox-writes';
import type { MappedRecord } from './record-mapping';

const sent = {
  typeRef: { label: 'Client QuickBooks' },
  label: 'Acme',
  address: { street: '1 King St', city: 'Sherbrooke', phone: '555-0100' },
  active: true,
};

describe('diffFields', () => {
  it('finds nothing to send when the record is as last sent, whatever the key order', () => {
    const same = {
      active: true,
      address: { phone: '555-0100', city: 'Sherbrooke', street: '1 King St' },
      label: 'Acme',
      typeRef: { label: 'Client QuickBooks' },
    };
    expect(diffFields(sent, same)).toEqual({});
  });

  it('sends only the fields that changed, a changed address whole', () => {
    const changed = {
      ...sent,
      label: 'Acme Inc',
      address: { ...sent.address, phone: '555-0199' },
    };
    expect(diffFields(sent, changed)).toEqual({
      label: 'Acme Inc',
      address: { street: '1 King St', city: 'Sherbrooke', phone: '555-0199' },
    });
  });

  it('clears a field sent before and now empty, but never the type or the client', () => {
    const { address: _address, ...rest } = sent;
    expect(
      diffFields({ ...sent, clientListId: 'C1' }, { label: rest.label, active: true }),
    ).toEqual({ address: null });
  });

  it('sends every field for a record never sent', () => {
    expect(diffFields(null, sent)).toEqual(sent);
  });

  it('compares dynamic properties one by one', () => {
    const before = { properties: { 'q.type': 'Service', 'q.other': 'x' } };
    expect(
      diffFields(before, { properties: { 'q.type': 'Service', 'q.new': 'y' } }),
    ).toEqual({
      properties: { 'q.new': 'y', 'q.other': null },
    });
    expect(
      diffFields(before, { properties: { 'q.type': 'Service', 'q.other': 'x' } }),
    ).toEqual({});
    expect(diffFields(before, {})).toEqual({
      properties: { 'q.type': null, 'q.other': null },
    });
  });
});

describe('sameValue', () => {
  it('compares JSON values structurally', () => {
    expect(sameValue({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameValue({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameValue('1', 1)).toBe(false);
    expect(sameValue(null, {})).toBe(false);
  });
});

describe('outbox writes', () => {
  const location: MappedRecord = {
    kind: 'location',
    qbListId: 'J1',
    qbFullName: 'Acme:Kitchen',
    qbParentListId: 'C1',
    qbEditSequence: '1',
    qbTimeModified: null,
    active: true,
    fields: {
      typeRef: { label: 'Chantier' },
      label: 'Kitchen',
      active: true,
      clientListId: 'C1',
    },
  };

  it('orders a client and its locations under one key', () => {
    expect(orderingKeyOf('client', 'C1', {})).toBe('customer:C1');
    expect(orderingKeyOf('location', 'J1', { clientListId: 'C1' })).toBe('customer:C1');
    expect(orderingKeyOf('product', 'I1', {})).toBe('item:I1');
    expect(orderingKeyOf('class', 'K1', {})).toBe('class:K1');
    expect(orderingKeyOf('site', 'S1', {})).toBe('site:S1');
  });

  it('creates a location with its client link and the address-matching flag', () => {
    expect(upsertWrite('co', location, location.fields, true)).toEqual({
      companyId: 'co',
      orderingKey: 'customer:C1',
      operation: 'upsertNode',
      payload: {
        input: {
          externalId: 'J1',
          typeRef: { label: 'Chantier' },
          label: 'Kitchen',
          active: true,
        },
        link: { kind: 'location', qbListId: 'J1' },
        clientLink: { qbListId: 'C1' },
        matchAddress: true,
      },
    });
  });

  it('updates a location with the changed fields only', () => {
    expect(upsertWrite('co', location, { label: 'Kitchen 2' }, false)?.payload).toEqual({
      input: { externalId: 'J1', label: 'Kitchen 2' },
      link: { kind: 'location', qbListId: 'J1' },
    });
  });

  it('sends nothing to ProgressionLIVE for sales tax codes', () => {
    const code: MappedRecord = {
      ...location,
      kind: 'salesTaxCode',
      fields: { name: 'GST' },
    };
    expect(upsertWrite('co', code, code.fields, true)).toBeNull();
    expect(
      deactivationWrite('co', { kind: 'salesTaxCode', qbListId: 'T', data: {} }),
    ).toBeNull();
  });

  it('deactivates with the active flag alone', () => {
    expect(
      deactivationWrite('co', {
        kind: 'location',
        qbListId: 'J1',
        data: { clientListId: 'C1' },
      }),
    ).toEqual({
      companyId: 'co',
      orderingKey: 'customer:C1',
      operation: 'upsertNode',
      payload: {
        input: { externalId: 'J1', active: false },
        link: { kind: 'location', qbListId: 'J1' },
      },
    });
  });
});
