import {
  compareAddresses,
  findMatchingLocation,
  normaliseAddress,
  normaliseCity,
  normalisePostalCode,
  normaliseProvince,
  normaliseStreetLine,
  type AddressParts,
} from './address-normalizer';

describe('normaliseStreetLine', () => {
  it.each([
    ['123 Main St', { civic: '123', street: 'main street', suite: '' }],
    ['123 MAIN STREET', { civic: '123', street: 'main street', suite: '' }],
    ['123  main   st.', { civic: '123', street: 'main street', suite: '' }],
    ['123 Main St W', { civic: '123', street: 'main street west', suite: '' }],
    ['123 St-Denis St', { civic: '123', street: 'saint denis street', suite: '' }],
    ['123 rue St-Denis', { civic: '123', street: 'rue saint denis', suite: '' }],
    ['123, r. Saint-Denis', { civic: '123', street: 'rue saint denis', suite: '' }],
    [
      '4500 boul. René-Lévesque O',
      { civic: '4500', street: 'boulevard rene levesque west', suite: '' },
    ],
    [
      '4500 Boulevard Rene Levesque Ouest',
      { civic: '4500', street: 'boulevard rene levesque west', suite: '' },
    ],
    [
      '12 Ste-Catherine Ave',
      { civic: '12', street: 'sainte catherine avenue', suite: '' },
    ],
    ['77 Elm Rd, Suite 200', { civic: '77', street: 'elm road', suite: '200' }],
    ['77 Elm Road Ste 200', { civic: '77', street: 'elm road', suite: '200' }],
    ['77 Elm Road #200', { civic: '77', street: 'elm road', suite: '200' }],
    ['200-77 Elm Road', { civic: '77', street: 'elm road', suite: '200' }],
    ['77 chemin du Lac, app. 4', { civic: '77', street: 'chemin du lac', suite: '4' }],
    ['77 Local Road', { civic: '77', street: 'local road', suite: '' }],
    ['15B Pine Dr', { civic: '15b', street: 'pine drive', suite: '' }],
    ['Unit B, 9 Oak Ln', { civic: '9', street: 'oak lane', suite: 'b' }],
  ])('%s', (line, expected) => {
    expect(normaliseStreetLine(line)).toEqual(expected);
  });
});

describe('normalisePostalCode', () => {
  it.each([
    ['h2x1y4', 'H2X 1Y4'],
    ['H2X 1Y4', 'H2X 1Y4'],
    [' h2x-1y4 ', 'H2X 1Y4'],
    ['12345', '12345'],
    ['12345-6789', '12345-6789'],
    ['123456789', '12345-6789'],
    ['SW1A 1AA', 'SW1A1AA'],
    ['', ''],
  ])('%s → %s', (raw, expected) => {
    expect(normalisePostalCode(raw)).toBe(expected);
  });
});

describe('normaliseCity and normaliseProvince', () => {
  it('treats St/Saint, accents and hyphens alike', () => {
    expect(normaliseCity('St-Jérôme')).toBe(normaliseCity('Saint Jerome'));
    expect(normaliseCity('Ste-Adèle')).toBe('sainte adele');
    expect(normaliseCity('Montréal')).toBe('montreal');
  });

  it('reads province and state names as their codes', () => {
    expect(normaliseProvince('Québec')).toBe('qc');
    expect(normaliseProvince('QC')).toBe('qc');
    expect(normaliseProvince('Colombie-Britannique')).toBe('bc');
    expect(normaliseProvince('New York')).toBe('ny');
    expect(normaliseProvince('ny')).toBe('ny');
  });
});

describe('normaliseAddress', () => {
  it('is null without a street line', () => {
    expect(normaliseAddress({ city: 'Montreal', postalCode: 'H2X1Y4' })).toBeNull();
  });

  it('reads a unit given in its own field', () => {
    expect(normaliseAddress({ street: '77 Elm Rd', suite: 'Suite 200' })?.suite).toBe(
      '200',
    );
    expect(normaliseAddress({ street: '77 Elm Rd', suite: '200' })?.suite).toBe('200');
  });
});

const site: AddressParts = {
  street: '1234 St-Denis St.',
  suite: 'Suite 5',
  city: 'Montréal',
  province: 'QC',
  postalCode: 'h2x 1y4',
};

describe('compareAddresses', () => {
  it.each<[string, AddressParts]>([
    [
      'full spelling',
      {
        street: '1234 Saint Denis Street',
        suite: '5',
        city: 'Montreal',
        province: 'Québec',
        postalCode: 'H2X1Y4',
      },
    ],
    [
      'unit inside the street line',
      { street: '1234 ST DENIS STREET #5', city: 'MONTREAL', postalCode: 'H2X-1Y4' },
    ],
    [
      'Canadian unit-civic form',
      { street: '5-1234 Saint-Denis St', city: 'montreal', postalCode: 'H2X 1Y4' },
    ],
    [
      'no postal code on one side, same city',
      { street: '1234 St Denis Street', suite: 'Ste 5', city: 'Montreal' },
    ],
  ])('same place: %s', (_name, other) => {
    const result = compareAddresses(site, other);
    expect(result).toEqual({
      same: true,
      reason: expect.stringContaining('1234 saint denis street, unit 5'),
    });
  });

  it.each<[string, AddressParts, string]>([
    [
      'another civic number',
      { ...site, street: '1236 St-Denis St.' },
      'civic number differs',
    ],
    ['another street type', { ...site, street: '1234 St-Denis Ave' }, 'street differs'],
    ['another street', { ...site, street: '1234 St-Laurent St' }, 'street differs'],
    ['another unit', { ...site, suite: 'Suite 6' }, 'unit differs'],
    ['no unit', { ...site, suite: null }, 'unit differs'],
    ['another postal code', { ...site, postalCode: 'H2X 1Y5' }, 'postal code differs'],
    ['another province', { ...site, province: 'ON' }, 'province differs'],
    [
      'another city without postal codes',
      { ...site, postalCode: null, city: 'Laval' },
      'city differs',
    ],
    [
      'nothing to place it',
      { street: site.street, suite: site.suite },
      'neither postal code nor city',
    ],
    ['no street', { city: 'Montreal', postalCode: 'H2X 1Y4' }, 'no street line'],
  ])('near miss: %s', (_name, other, reason) => {
    const result = compareAddresses(site, other);
    expect(result.same).toBe(false);
    expect(result.reason).toContain(reason);
  });

  it('accepts a five-digit ZIP against ZIP+4, not two different ZIP+4', () => {
    const zip = {
      street: '9 Oak Lane',
      city: 'Albany',
      province: 'NY',
      postalCode: '12207',
    };
    expect(compareAddresses(zip, { ...zip, postalCode: '12207-1234' }).same).toBe(true);
    expect(
      compareAddresses(
        { ...zip, postalCode: '12207-1111' },
        { ...zip, postalCode: '12207-1234' },
      ).same,
    ).toBe(false);
    expect(compareAddresses(zip, { ...zip, postalCode: '12208' }).same).toBe(false);
  });
});

describe('findMatchingLocation', () => {
  const job = { externalId: '80000010-1', address: site };

  it('prefers the location that already carries the job ListID', () => {
    const match = findMatchingLocation(job, [
      { id: '5', address: site },
      { id: '9', externalId: '80000010-1', address: { street: 'elsewhere' } },
    ]);
    expect(match?.location.id).toBe('9');
    expect(match?.reason).toContain('external id');
  });

  it('links the lowest-id free location with the same address', () => {
    const match = findMatchingLocation(job, [
      { id: '12', address: { ...site, street: '1234 Saint-Denis Street' } },
      { id: '7', address: { ...site, postalCode: 'H2X1Y4' } },
      { id: '3', externalId: 'OTHER-SYSTEM', address: site },
    ]);
    expect(match?.location.id).toBe('7');
    expect(match?.reason).toMatch(
      /^same address: 1234 saint denis street, unit 5, postal code H2X 1Y4$/,
    );
  });

  it('creates nothing to link when only near misses exist', () => {
    const match = findMatchingLocation(job, [
      { id: '1', address: { ...site, street: '1243 St-Denis St.' } },
      { id: '2', address: { ...site, suite: '15' } },
      { id: '3', address: null },
    ]);
    expect(match).toBeNull();
  });

  it('does not link a job without an address', () => {
    expect(
      findMatchingLocation({ externalId: 'x' }, [{ id: '1', address: site }]),
    ).toBeNull();
  });
});
