/** What kind of QuickBooks installation and company file is being simulated. */
export interface CompanySettings {
  country: 'US' | 'CA';
  /** As QuickBooks reports it in HostRet, e.g. "QuickBooks Pro 2014". */
  productName: string;
  /** qbXML versions the installed request processor accepts, e.g. 1.0 … 13.0. */
  supportedVersions: string[];
  /** Preferences › Accounting › use class tracking. */
  classTracking: boolean;
  /** Enterprise with Advanced Inventory: inventory sites enabled. */
  inventorySites: boolean;
  /** Sales orders exist in Premier and Enterprise, not in Pro. */
  salesOrders: boolean;
  /** Check every request against Intuit's qbXML 13.0 XSD (slow, on by default). */
  validateSchema: boolean;
  /**
   * QuickBooks' XML intake refuses raw non-ASCII characters (one reported case: a raw "é"
   * failed where `&#233;` worked). `reject` answers such a request with the parse error.
   */
  rawNonAscii: 'reject' | 'accept';
  companyName: string;
  /** Where the company file lives on the QuickBooks PC (sent as strCompanyFileName). */
  filePath: string;
  /** IANA zone of the QuickBooks PC, used for TimeModified and date filters. */
  timeZone: string;
  fileMode: 'SingleUser' | 'MultiUser';
}

const versions = (max: number): string[] => {
  const list = ['1.0', '1.1', '2.0', '2.1', '3.0', '4.0', '4.1', '5.0', '6.0', '7.0'];
  for (let v = 8; v <= max; v += 1) list.push(`${v}.0`);
  return list.filter((v) => Number(v) <= max);
};

/** A US QuickBooks Pro 2014 company file (qbXML 1.0 … 13.0), like the HCP fixture. */
export function usProSettings(overrides: Partial<CompanySettings> = {}): CompanySettings {
  return {
    country: 'US',
    productName: 'QuickBooks Pro 2014',
    supportedVersions: versions(13),
    classTracking: false,
    inventorySites: false,
    salesOrders: false,
    validateSchema: true,
    rawNonAscii: 'reject',
    companyName: 'Demo Company',
    filePath: 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\demo.qbw',
    timeZone: 'America/New_York',
    fileMode: 'SingleUser',
    ...overrides,
  };
}

/** A US Enterprise company with Advanced Inventory: sales orders, classes and sites on. */
export function usEnterpriseSettings(
  overrides: Partial<CompanySettings> = {},
): CompanySettings {
  return usProSettings({
    productName: 'QuickBooks Enterprise Solutions 14.0',
    classTracking: true,
    inventorySites: true,
    salesOrders: true,
    fileMode: 'MultiUser',
    ...overrides,
  });
}

/** A Canadian Premier company: qbXML up to 13.0, per-line GST/HST/PST codes, no sites. */
export function caPremierSettings(
  overrides: Partial<CompanySettings> = {},
): CompanySettings {
  return usProSettings({
    country: 'CA',
    productName: 'QuickBooks Premier Edition 2014',
    classTracking: true,
    inventorySites: false,
    salesOrders: true,
    timeZone: 'America/Toronto',
    ...overrides,
  });
}

/** QuickBooks release number reported in HostRet/MajorVersion (2014 → 24). */
export function majorVersionOf(productName: string): number {
  const year = /(20\d\d)/.exec(productName);
  if (year) return Number(year[1]) - 1990;
  const enterprise = /Enterprise Solutions (\d+)/.exec(productName);
  return enterprise ? Number(enterprise[1]) + 10 : 24;
}

export function highestVersion(settings: CompanySettings): string {
  return (
    [...settings.supportedVersions]
      .sort((a, b) => versionNumber(a) - versionNumber(b))
      .at(-1) ?? '13.0'
  );
}

/** "13.0" → 13, "CA3.0" → 3. */
export function versionNumber(version: string): number {
  return Number(version.replace(/^[A-Z]+/, ''));
}
