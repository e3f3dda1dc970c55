import { QbxmlError } from '../errors/qbxml-error';

/** The QuickBooks Desktop editions the connector serves. */
export type QbCountry = 'US' | 'CA' | 'UK';

/** The qbXML dialect one request document is written in. */
export interface QbxmlTarget {
  /** A plain qbXML version such as `'13.0'`. */
  version: string;
  country: QbCountry;
}

/**
 * The qbXML versions this library can speak, lowest first, highest last.
 *
 * - 13.0 is the ceiling because Intuit's 13.0 schema is the one every request is validated
 *   against; QuickBooks 2015 and later still accept 13.0 (older versions stay supported).
 * - 5.0 (QuickBooks 2006) is the floor because list imports need iterators, which arrived
 *   in 5.0 (Intuit's reference annotates `iterator`/`iteratorID` with 5.0).
 */
export const SUPPORTED_QBXML_VERSIONS: readonly string[] = Object.freeze([
  '5.0',
  '6.0',
  '7.0',
  '8.0',
  '9.0',
  '10.0',
  '11.0',
  '12.0',
  '13.0',
]);

const PLAIN_VERSION = /^\d+\.\d+$/;

/** Compares two plain qbXML versions (`'9.0'` < `'10.0'`), numerically. */
export function compareQbxmlVersions(a: string, b: string): number {
  const [aMajor, aMinor] = a.split('.').map(Number);
  const [bMajor, bMinor] = b.split('.').map(Number);
  return aMajor !== bMajor ? aMajor - bMajor : aMinor - bMinor;
}

/** True when `version` is at least `floor`. */
export function isAtLeast(version: string, floor: string): boolean {
  return compareQbxmlVersions(version, floor) >= 0;
}

/**
 * Chooses the qbXML version to speak with one QuickBooks: the highest version both this
 * library and the host support.
 *
 * Quirk: Canadian and UK editions before QuickBooks 2008 only list prefixed legacy specs
 * (`CA2.0`, `CA3.0`, `UK2.0`, `UK3.0`) with a different tax model and no iterators; those
 * entries are ignored, so such a host ends up with no common version. Later non-US editions
 * list plain numbers and are handled like the US edition.
 *
 * @param hostSupported the `SupportedQBXMLVersion` values of the host's HostQueryRs
 * @param country the edition (from HostRet/Country or the Web Connector's qbXMLCountry)
 * @throws QbxmlError `QBXML_VERSION_UNSUPPORTED` when there is no common version
 */
export function negotiateVersion(
  hostSupported: readonly string[],
  country: QbCountry,
): string {
  const host = new Set(
    hostSupported.map((v) => v.trim()).filter((v) => PLAIN_VERSION.test(v)),
  );
  const common = SUPPORTED_QBXML_VERSIONS.filter(
    (v) => host.has(v) || host.has(v.replace(/\.0$/, '')),
  );
  const best = common[common.length - 1];
  if (best) return best;
  throw versionUnsupported(hostSupported, country);
}

function versionUnsupported(
  hostSupported: readonly string[],
  country: QbCountry,
): QbxmlError {
  const floor = SUPPORTED_QBXML_VERSIONS[0];
  const listed = hostSupported.join(', ') || 'none';
  return new QbxmlError({
    code: 'QBXML_VERSION_UNSUPPORTED',
    fixableBy: 'bookkeeper',
    retryable: false,
    text: {
      en: `This QuickBooks (${country} edition, qbXML ${listed}) is too old for the connector, which needs qbXML ${floor} or later. Please upgrade QuickBooks.`,
      fr: `Cette version de QuickBooks (édition ${country}, qbXML ${listed}) est trop ancienne pour le connecteur, qui exige qbXML ${floor} ou plus récent. Veuillez mettre QuickBooks à jour.`,
    },
    details: { hostSupported: [...hostSupported], country },
  });
}

/** Reads a country code from QuickBooks (`US`, `CA`, `UK`); refuses other editions. */
export function toQbCountry(value: string | undefined): QbCountry {
  const code = (value ?? 'US').trim().toUpperCase();
  if (code === 'US' || code === 'CA' || code === 'UK') return code;
  throw new QbxmlError({
    code: 'QBXML_EDITION_UNSUPPORTED',
    fixableBy: 'nobody',
    retryable: false,
    text: {
      en: `The ${code} edition of QuickBooks is not supported by the connector (US, Canada and UK only).`,
      fr: `L'édition ${code} de QuickBooks n'est pas prise en charge par le connecteur (États-Unis, Canada et Royaume-Uni seulement).`,
    },
    details: { country: code },
  });
}
