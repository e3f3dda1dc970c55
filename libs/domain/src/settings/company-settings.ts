/** How an entity is imported from QuickBooks on schedule. `none`: not synced. */
export type SyncMode = 'quick' | 'full' | 'none';

/** The QuickBooks lists the connector imports. */
export const IMPORT_ENTITIES = ['customers', 'items', 'classes', 'sites'] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

/** Auxiliary lists read for exports, never written to ProgressionLIVE. */
export type ReferenceEntity = 'salesTaxCodes';

export type DocumentKind = 'invoice' | 'salesOrder';
export type NumberingPolicy = 'quickbooks' | 'taskNumber';
export type QuickBooksLanguage = 'en' | 'fr';

/**
 * Every setting of one company (PRODUCT.md, "Settings of one company"), in our terms.
 * Stored as one JSON document per company and versioned by the settings audit.
 */
export interface CompanySettings {
  enabled: boolean;
  quickBooksLanguage: QuickBooksLanguage;
  /** Returned to Web Connector by authenticate; empty: the file already open. */
  companyFilePath: string;
  minIntervalMinutes: number;
  maxIntervalMinutes: number;
  billingTriggerStage: number;
  billedStage: number;
  /** Stage a task goes to when QuickBooks refused its document; null: stays where it is. */
  errorStage: number | null;
  documentKind: DocumentKind;
  /** ProgressionLIVE task type ids that are billed; empty: every type. */
  billableTaskTypes: string[];
  syncZeroPriceUnlinkedItems: boolean;
  productType: string;
  /** Dynamic field of the product that receives the QuickBooks item type; null: not kept. */
  productQuickBooksTypeField: string | null;
  customerType: string;
  jobLocationType: string;
  syncModes: Record<ImportEntity, SyncMode>;
  /** ProgressionLIVE user recorded as the author of every change the sync makes. */
  syncUser: string;
  classProperty: string;
  siteProperty: string;
  /** Task property that receives the number QuickBooks gave the invoice or sales order. */
  documentNumberProperty: string;
  alertEmails: string[];
  numbering: NumberingPolicy;
  /** Canadian files: ProgressionLIVE tax category → QuickBooks sales tax code name. */
  taxCodeMapping: Record<string, string>;
  /** US files: the sales tax item (FullName) put on each document; null: QuickBooks' default. */
  salesTaxItem: string | null;
}

export const DEFAULT_SETTINGS: CompanySettings = {
  enabled: true,
  quickBooksLanguage: 'en',
  companyFilePath: '',
  minIntervalMinutes: 5,
  maxIntervalMinutes: 60,
  billingTriggerStage: 700,
  billedStage: 750,
  errorStage: null,
  documentKind: 'invoice',
  billableTaskTypes: [],
  syncZeroPriceUnlinkedItems: false,
  productType: 'QuickBooks',
  productQuickBooksTypeField: null,
  customerType: 'QuickBooks',
  jobLocationType: 'QuickBooks job',
  syncModes: { customers: 'quick', items: 'quick', classes: 'full', sites: 'none' },
  syncUser: 'quickbooks-sync',
  classProperty: 'Classe',
  siteProperty: 'Site',
  documentNumberProperty: 'quickbooks.documentNumber',
  alertEmails: [],
  numbering: 'quickbooks',
  taxCodeMapping: {},
  salesTaxItem: null,
};

/** Settings with every missing key taken from the defaults. */
export function withDefaults(partial: Partial<CompanySettings> | null | undefined): CompanySettings {
  const merged = { ...DEFAULT_SETTINGS, ...(partial ?? {}) };
  merged.syncModes = { ...DEFAULT_SETTINGS.syncModes, ...(partial?.syncModes ?? {}) };
  return merged;
}
