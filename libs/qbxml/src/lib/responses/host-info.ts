import { QbxmlError } from '../errors/qbxml-error';
import { isAtLeast, toQbCountry, type QbCountry } from '../version/qbxml-version';
import { parseResponseDocument } from './parse-response';
import type { QbResponse } from './response-reader';
import type { DataExtRet } from './response-types';

/** QuickBooks product line, read from the product name. */
export type QbEdition = 'Pro' | 'Premier' | 'Accountant' | 'Enterprise' | 'Other';

/** What the first `sendRequestXML` of a session tells about the QuickBooks and its file. */
export interface HostInfo {
  productName: string;
  majorVersion?: string;
  minorVersion?: string;
  country: QbCountry;
  supportedQbxmlVersions: string[];
  isAutomaticLogin?: boolean;
  /** `SingleUser` or `MultiUser`. */
  qbFileMode?: string;
  companyName?: string;
  legalCompanyName?: string;
  isSampleCompany?: boolean;
  /** Classes may be sent (`AccountingPreferences/IsUsingClassTracking`). */
  classTrackingEnabled: boolean;
  /**
   * Inventory sites may be queried and sent. True only when the preferences say
   * multi-location inventory is both available and enabled (QuickBooks Enterprise with an
   * Advanced Inventory subscription), the edition is US (Intuit offers neither the
   * preference nor sites' quantities elsewhere) and the host speaks qbXML 10.0 or later
   * (when sites arrived).
   */
  inventorySitesEnabled: boolean;
  /** Inventory items are used (`PurchasesAndVendorsPreferences/IsUsingInventory`). */
  inventoryEnabled?: boolean;
  /** QuickBooks returns `SalesTaxPreferences` only when sales tax is turned on. */
  salesTaxEnabled?: boolean;
  multiCurrencyEnabled?: boolean;
  /** Product line, from the product name (sales orders need Premier or above). */
  edition: QbEdition;
  /** The company file's data extensions (e.g. the `FileID` the Web Connector stored). */
  companyDataExt: DataExtRet[];
  /** Syntax problems tolerated while reading the HCP response. */
  warnings: string[];
}

type Fields = Record<string, unknown>;

/**
 * Reads `strHCPResponse` (HostQueryRs + CompanyQueryRs + PreferencesQueryRs).
 *
 * The HCP response is informational and copies of it have been seen damaged, so it is
 * read leniently: syntax errors are recovered from and reported in `warnings`. Only a
 * missing HostRet is an error.
 *
 * @throws QbxmlError `QBXML_UNEXPECTED_DOCUMENT` without HostRet,
 *   `QBXML_EDITION_UNSUPPORTED` for editions other than US, CA and UK
 */
export function parseHostResponse(strHCPResponse: string): HostInfo {
  const document = parseResponseDocument(strHCPResponse, { lenient: true });
  const host = firstRecord(document.responses, 'HostQueryRs');
  if (!host) throw noHostRet();
  const company = firstRecord(document.responses, 'CompanyQueryRs') ?? {};
  const preferences = firstRecord(document.responses, 'PreferencesQueryRs');
  const country = toQbCountry(text(host.Country));
  const supported = list(host.SupportedQBXMLVersion).map(String);
  return {
    ...hostPart(host, country, supported),
    ...companyPart(company),
    ...preferencesPart(preferences, country, supported),
    warnings: document.warnings,
  };
}

function hostPart(host: Fields, country: QbCountry, supported: string[]) {
  const productName = text(host.ProductName) ?? '';
  return {
    productName,
    majorVersion: text(host.MajorVersion),
    minorVersion: text(host.MinorVersion),
    country,
    supportedQbxmlVersions: supported,
    isAutomaticLogin: bool(host.IsAutomaticLogin),
    qbFileMode: text(host.QBFileMode),
    edition: editionOf(productName),
  };
}

function companyPart(company: Fields) {
  return {
    companyName: text(company.CompanyName),
    legalCompanyName: text(company.LegalCompanyName),
    isSampleCompany: bool(company.IsSampleCompany),
    companyDataExt: list(company.DataExtRet) as DataExtRet[],
  };
}

function preferencesPart(
  preferences: Fields | undefined,
  country: QbCountry,
  supported: string[],
) {
  const prefs = preferences ?? {};
  const sites = (prefs.MultiLocationInventoryPreferences ?? {}) as Fields;
  const sitesOn =
    bool(sites.IsMultiLocationInventoryAvailable) === true &&
    bool(sites.IsMultiLocationInventoryEnabled) === true;
  const speaksSites = supported.some((v) => /^\d+\.\d+$/.test(v) && isAtLeast(v, '10.0'));
  return {
    classTrackingEnabled:
      bool(field(prefs, 'AccountingPreferences', 'IsUsingClassTracking')) === true,
    inventorySitesEnabled: sitesOn && country === 'US' && speaksSites,
    inventoryEnabled: bool(
      field(prefs, 'PurchasesAndVendorsPreferences', 'IsUsingInventory'),
    ),
    salesTaxEnabled: preferences ? prefs.SalesTaxPreferences !== undefined : undefined,
    multiCurrencyEnabled: bool(
      field(prefs, 'MultiCurrencyPreferences', 'IsMultiCurrencyOn'),
    ),
  };
}

function editionOf(productName: string): QbEdition {
  if (/enterprise/i.test(productName)) return 'Enterprise';
  if (/accountant/i.test(productName)) return 'Accountant';
  if (/premier/i.test(productName)) return 'Premier';
  if (/\bpro\b/i.test(productName)) return 'Pro';
  return 'Other';
}

function firstRecord(responses: QbResponse[], type: string): Fields | undefined {
  return responses.find((r) => r.type === type)?.records[0] as Fields | undefined;
}

function field(fields: Fields, group: string, name: string): unknown {
  return ((fields[group] ?? {}) as Fields)[name];
}

function text(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

function list(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function noHostRet(): QbxmlError {
  return new QbxmlError({
    code: 'QBXML_UNEXPECTED_DOCUMENT',
    fixableBy: 'developer',
    retryable: false,
    text: {
      en: 'The first call from the Web Connector did not describe QuickBooks (no HostRet).',
      fr: 'Le premier appel du Web Connector ne décrivait pas QuickBooks (pas de HostRet).',
    },
  });
}
