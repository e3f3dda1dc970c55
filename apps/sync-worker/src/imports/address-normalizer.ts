/**
 * Address comparison for linking QuickBooks jobs to locations that already exist in
 * ProgressionLIVE. Two spellings of the same place ("123 St-Denis St., Suite 4" and
 * "123 rue Saint-Denis street #4") must compare equal, while a different civic number,
 * street type, unit or postal code must not: a wrong link would move another site's
 * history onto this job, which is worse than a duplicate location.
 */

/** The parts of an address the comparison looks at (ProgressionLIVE's split). */
export interface AddressParts {
  street?: string | null;
  suite?: string | null;
  city?: string | null;
  province?: string | null;
  postalCode?: string | null;
  country?: string | null;
}

/** An address reduced to comparable keys; empty strings where a part is unknown. */
export interface NormalisedAddress {
  civic: string;
  street: string;
  suite: string;
  city: string;
  province: string;
  postalCode: string;
  country: string;
}

const STREET_WORDS: Record<string, string> = {
  str: 'street',
  street: 'street',
  av: 'avenue',
  ave: 'avenue',
  avn: 'avenue',
  avenue: 'avenue',
  rd: 'road',
  road: 'road',
  blvd: 'boulevard',
  blv: 'boulevard',
  boul: 'boulevard',
  bd: 'boulevard',
  boulevard: 'boulevard',
  dr: 'drive',
  drv: 'drive',
  drive: 'drive',
  ln: 'lane',
  lane: 'lane',
  ct: 'court',
  crt: 'court',
  court: 'court',
  pl: 'place',
  place: 'place',
  hwy: 'highway',
  highway: 'highway',
  pkwy: 'parkway',
  parkway: 'parkway',
  cres: 'crescent',
  cresc: 'crescent',
  crescent: 'crescent',
  cir: 'circle',
  circle: 'circle',
  ter: 'terrace',
  terr: 'terrace',
  terrace: 'terrace',
  sq: 'square',
  square: 'square',
  rte: 'route',
  route: 'route',
  ch: 'chemin',
  chem: 'chemin',
  chemin: 'chemin',
  mtee: 'montee',
  montee: 'montee',
  rue: 'rue',
  saint: 'saint',
  ste: 'sainte',
  sainte: 'sainte',
  mt: 'mount',
  mount: 'mount',
};

const DIRECTIONS: Record<string, string> = {
  n: 'north',
  north: 'north',
  nord: 'north',
  s: 'south',
  south: 'south',
  sud: 'south',
  e: 'east',
  east: 'east',
  est: 'east',
  w: 'west',
  west: 'west',
  o: 'west',
  ouest: 'west',
  ne: 'northeast',
  nw: 'northwest',
  no: 'northwest',
  se: 'southeast',
  sw: 'southwest',
  so: 'southwest',
};

// A unit marker followed by its value: "Suite 200", "apt. 3", "#5", "bureau 12", "unité B".
// "Ste" only counts as "suite" before a value with a digit; otherwise it is "Sainte".
// A value is a number ("200", "3b", "b12") or a single letter ("B"), so that a street
// called "Local Road" keeps its name.
const UNIT_MARKER =
  /(?:^|\s)(?:(suite|apt|apartment|app|appartement|unit|unite|bureau|local|porte)\s*#?\s*([a-z]?[0-9][a-z0-9]*|[a-z])|(ste)\s*#?\s*([a-z]?[0-9][a-z0-9]*)|#\s*([a-z]?[0-9][a-z0-9]*|[a-z]))(?=$|\s)/;

/** Lower case, no accents, punctuation as spaces, single spaces. */
export function normaliseText(value: string | null | undefined): string {
  if (!value) return '';
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9#]+/g, ' ')
    .trim();
}

/** The street line split into civic number, street name and unit. */
export function normaliseStreetLine(line: string | null | undefined): {
  civic: string;
  street: string;
  suite: string;
} {
  let text = normaliseText(line).replace(/#/g, ' # ');
  let suite = '';

  const unit = UNIT_MARKER.exec(text);
  if (unit) {
    suite = normaliseUnit(unit[2] ?? unit[4] ?? unit[5] ?? '');
    text = `${text.slice(0, unit.index)} ${text.slice(unit.index + unit[0].length)}`;
  }

  // Canadian style "200-123 Main St": unit, hyphen, civic number. normaliseText turned the
  // hyphen into a space, so read the raw line for it.
  const raw = (line ?? '').trim();
  const unitFirst = /^([0-9]+[a-z]?|[a-z][0-9]*)\s*-\s*([0-9]+[a-z]?)\s+/i.exec(raw);
  let words = text.replace(/#/g, ' ').split(' ').filter(Boolean);
  if (unitFirst && !suite) {
    suite = normaliseUnit(unitFirst[1] ?? '');
    words = words.slice(2);
    words.unshift((unitFirst[2] ?? '').toLowerCase());
  }

  const civic = /^[0-9]+[a-z]?$/.test(words[0] ?? '') ? (words.shift() as string) : '';
  return { civic, street: streetWords(words).join(' '), suite };
}

function normaliseUnit(value: string): string {
  return value.toLowerCase().replace(/^0+(?=\d)/, '');
}

/**
 * Expands abbreviations. "St" is the street type at the end of the name (possibly
 * before a direction: "Main St W") and "Saint" anywhere else ("St-Denis", "St Catherine
 * St"); "r." opening the name is "rue".
 */
function streetWords(words: string[]): string[] {
  return words.map((word, index) => {
    if (word === 'st') return onlyDirectionsAfter(words, index) ? 'street' : 'saint';
    if (word === 'r' && index === 0) return 'rue';
    return DIRECTIONS[word] ?? STREET_WORDS[word] ?? word;
  });
}

function onlyDirectionsAfter(words: string[], index: number): boolean {
  return words.slice(index + 1).every((word) => DIRECTIONS[word] !== undefined);
}

/** City names: case, accents, hyphens, and St/Ste for Saint/Sainte. */
export function normaliseCity(value: string | null | undefined): string {
  return normaliseText(value)
    .split(' ')
    .filter(Boolean)
    .map((word) => (word === 'st' ? 'saint' : word === 'ste' ? 'sainte' : word))
    .join(' ');
}

/**
 * Canadian codes as "A1A 1A1"; US ZIP codes as "12345" or "12345-6789"; anything else
 * upper case without spaces.
 */
export function normalisePostalCode(value: string | null | undefined): string {
  const compact = (value ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (/^[A-Z][0-9][A-Z][0-9][A-Z][0-9]$/.test(compact)) {
    return `${compact.slice(0, 3)} ${compact.slice(3)}`;
  }
  if (/^[0-9]{9}$/.test(compact)) return `${compact.slice(0, 5)}-${compact.slice(5)}`;
  return compact;
}

const PROVINCES: Record<string, string> = {
  quebec: 'qc',
  ontario: 'on',
  'british columbia': 'bc',
  'colombie britannique': 'bc',
  alberta: 'ab',
  manitoba: 'mb',
  saskatchewan: 'sk',
  'nova scotia': 'ns',
  'nouvelle ecosse': 'ns',
  'new brunswick': 'nb',
  'nouveau brunswick': 'nb',
  'prince edward island': 'pe',
  'ile du prince edouard': 'pe',
  'newfoundland and labrador': 'nl',
  'terre neuve et labrador': 'nl',
  newfoundland: 'nl',
  yukon: 'yt',
  'northwest territories': 'nt',
  'territoires du nord ouest': 'nt',
  nunavut: 'nu',
  pq: 'qc',
  que: 'qc',
  ont: 'on',
};

const US_STATES: Record<string, string> = {
  alabama: 'al',
  alaska: 'ak',
  arizona: 'az',
  arkansas: 'ar',
  california: 'ca',
  colorado: 'co',
  connecticut: 'ct',
  delaware: 'de',
  'district of columbia': 'dc',
  florida: 'fl',
  georgia: 'ga',
  hawaii: 'hi',
  idaho: 'id',
  illinois: 'il',
  indiana: 'in',
  iowa: 'ia',
  kansas: 'ks',
  kentucky: 'ky',
  louisiana: 'la',
  maine: 'me',
  maryland: 'md',
  massachusetts: 'ma',
  michigan: 'mi',
  minnesota: 'mn',
  mississippi: 'ms',
  missouri: 'mo',
  montana: 'mt',
  nebraska: 'ne',
  nevada: 'nv',
  'new hampshire': 'nh',
  'new jersey': 'nj',
  'new mexico': 'nm',
  'new york': 'ny',
  'north carolina': 'nc',
  'north dakota': 'nd',
  ohio: 'oh',
  oklahoma: 'ok',
  oregon: 'or',
  pennsylvania: 'pa',
  'rhode island': 'ri',
  'south carolina': 'sc',
  'south dakota': 'sd',
  tennessee: 'tn',
  texas: 'tx',
  utah: 'ut',
  vermont: 'vt',
  virginia: 'va',
  washington: 'wa',
  'west virginia': 'wv',
  wisconsin: 'wi',
  wyoming: 'wy',
};

/** Provinces and states as their two-letter codes, in English or French. */
export function normaliseProvince(value: string | null | undefined): string {
  const text = normaliseText(value);
  return PROVINCES[text] ?? US_STATES[text] ?? text;
}

const COUNTRIES: Record<string, string> = {
  canada: 'ca',
  ca: 'ca',
  can: 'ca',
  usa: 'us',
  us: 'us',
  'united states': 'us',
  'united states of america': 'us',
  'etats unis': 'us',
  'etats unis d amerique': 'us',
  uk: 'uk',
  gb: 'uk',
  'united kingdom': 'uk',
  'royaume uni': 'uk',
};

export function normaliseCountry(value: string | null | undefined): string {
  const text = normaliseText(value);
  return COUNTRIES[text] ?? text;
}

/** The comparable form of an address; null when it has no street line to compare. */
export function normaliseAddress(
  parts: AddressParts | null | undefined,
): NormalisedAddress | null {
  if (!parts) return null;
  const line = normaliseStreetLine(parts.street);
  if (!line.street) return null;
  const suite =
    line.suite ||
    normaliseStreetLine(`x ${parts.suite ?? ''}`).suite ||
    normaliseUnitField(parts.suite);
  return {
    civic: line.civic,
    street: line.street,
    suite,
    city: normaliseCity(parts.city),
    province: normaliseProvince(parts.province),
    postalCode: normalisePostalCode(parts.postalCode),
    country: normaliseCountry(parts.country),
  };
}

// A bare suite field ("200", "B") carries no marker.
function normaliseUnitField(value: string | null | undefined): string {
  return normaliseUnit(normaliseText(value).replace(/[\s#]/g, ''));
}

export type AddressComparison =
  { same: true; reason: string } | { same: false; reason: string };

/**
 * Whether two addresses name the same place: same civic number, street and unit, and
 * the same postal code (or, when one of them has none, the same city). Province and
 * country may be missing on either side but must agree when both are given.
 */
export function compareAddresses(a: AddressParts, b: AddressParts): AddressComparison {
  const x = normaliseAddress(a);
  const y = normaliseAddress(b);
  if (!x || !y) return { same: false, reason: 'no street line to compare' };

  const streetMismatch = compareStreet(x, y);
  if (streetMismatch) return { same: false, reason: streetMismatch };

  const regionMismatch = compareRegion(x, y);
  if (regionMismatch) return { same: false, reason: regionMismatch };

  const locality = compareLocality(x, y);
  if (!locality.same) return locality;

  const unit = x.suite ? `, unit ${x.suite}` : '';
  const number = x.civic ? `${x.civic} ` : '';
  return {
    same: true,
    reason: `same address: ${number}${x.street}${unit}, ${locality.reason}`,
  };
}

function compareStreet(x: NormalisedAddress, y: NormalisedAddress): string | null {
  if (x.civic !== y.civic)
    return `civic number differs (${x.civic || '-'} / ${y.civic || '-'})`;
  if (x.street !== y.street) return `street differs (${x.street} / ${y.street})`;
  if (x.suite !== y.suite) return `unit differs (${x.suite || '-'} / ${y.suite || '-'})`;
  return null;
}

function compareRegion(x: NormalisedAddress, y: NormalisedAddress): string | null {
  if (x.province && y.province && x.province !== y.province) {
    return `province differs (${x.province} / ${y.province})`;
  }
  if (x.country && y.country && x.country !== y.country) {
    return `country differs (${x.country} / ${y.country})`;
  }
  return null;
}

function compareLocality(x: NormalisedAddress, y: NormalisedAddress): AddressComparison {
  if (x.postalCode && y.postalCode) {
    return samePostalCode(x.postalCode, y.postalCode)
      ? { same: true, reason: `postal code ${longer(x.postalCode, y.postalCode)}` }
      : {
          same: false,
          reason: `postal code differs (${x.postalCode} / ${y.postalCode})`,
        };
  }
  if (x.city && y.city) {
    return x.city === y.city
      ? { same: true, reason: `city ${x.city}` }
      : { same: false, reason: `city differs (${x.city} / ${y.city})` };
  }
  return { same: false, reason: 'neither postal code nor city on both sides' };
}

// ZIP+4 narrows a ZIP code down to a block; a five-digit ZIP on one side still agrees.
function samePostalCode(a: string, b: string): boolean {
  if (a === b) return true;
  const zip = /^([0-9]{5})(?:-[0-9]{4})?$/;
  const za = zip.exec(a);
  const zb = zip.exec(b);
  if (!za || !zb) return false;
  const bothPlusFour = a.length > 5 && b.length > 5;
  return !bothPlusFour && za[1] === zb[1];
}

function longer(a: string, b: string): string {
  return a.length >= b.length ? a : b;
}

/** A location that may be linked to a job. */
export interface LocationCandidate {
  id: string;
  externalId?: string | null;
  address?: AddressParts | null;
}

export interface LocationMatch<T extends LocationCandidate> {
  location: T;
  reason: string;
}

/**
 * The existing location a job should be linked to instead of creating a new one: the one
 * already carrying the job's ListID, else the first (lowest id) with the same address
 * that no other system has claimed through its external id.
 */
export function findMatchingLocation<T extends LocationCandidate>(
  job: { externalId: string; address?: AddressParts | null },
  candidates: readonly T[],
): LocationMatch<T> | null {
  const own = candidates.find((candidate) => candidate.externalId === job.externalId);
  if (own)
    return {
      location: own,
      reason: `location already carries external id ${job.externalId}`,
    };
  if (!job.address) return null;

  const free = candidates
    .filter((candidate) => !candidate.externalId)
    .sort((a, b) => compareIds(a.id, b.id));
  for (const candidate of free) {
    if (!candidate.address) continue;
    const comparison = compareAddresses(job.address, candidate.address);
    if (comparison.same) return { location: candidate, reason: comparison.reason };
  }
  return null;
}

function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
