import { QbxmlError, type QbLocalizedText } from '../errors/qbxml-error';
import type { SpecEdition, SpecNode } from '../spec/spec-types';
import { isAtLeast, type QbCountry, type QbxmlTarget } from '../version/qbxml-version';

/** What the builder knows about the QuickBooks it writes for. */
export interface GateContext {
  target: QbxmlTarget;
  /** HostRet/ProductName, quoted in messages when known. */
  productName?: string;
}

/**
 * Editions that lack an element although Intuit's document lists it for them.
 *
 * Inventory sites need QuickBooks Enterprise with an Advanced Inventory subscription,
 * which is sold for the US edition only: Intuit marks the preferences that reveal it
 * (`MultiLocationInventoryPreferences`) and per-site quantities (`ItemSitesQuery`) "not in
 * QBCA|QBUK". A Canadian or UK file therefore never has sites, and a request naming one
 * is refused here with a clear message instead of failing in QuickBooks.
 */
const EXTRA_MISSING_EDITIONS: Readonly<Record<string, readonly SpecEdition[]>> = {
  InventorySiteQueryRq: ['CA', 'UK'],
  InventorySiteRef: ['CA', 'UK'],
  InventorySiteLocationRef: ['CA', 'UK'],
};

/** Versions that introduced attributes (Intuit's qbXML reference). */
export const ATTRIBUTE_FLOORS: Readonly<Record<string, string>> = {
  iterator: '5.0',
  iteratorID: '5.0',
  metaData: '4.0',
};

const FEATURES: Readonly<Record<string, QbLocalizedText>> = {
  InventorySiteRef: { en: 'Inventory sites', fr: "Sites d'inventaire" },
  InventorySiteQueryRq: { en: 'Inventory sites', fr: "Sites d'inventaire" },
  InventorySiteLocationRef: {
    en: 'Inventory site locations',
    fr: "Emplacements de site d'inventaire",
  },
  ExternalGUID: {
    en: 'Duplicate protection (ExternalGUID)',
    fr: 'Protection contre les doublons (ExternalGUID)',
  },
  ClassRef: { en: 'Classes', fr: 'Classes' },
  ClassFilter: { en: 'Filtering by class', fr: 'Filtrage par classe' },
  SalesOrderAddRq: { en: 'Sales orders', fr: 'Commandes clients' },
  SalesOrderModRq: { en: 'Sales orders', fr: 'Commandes clients' },
  SalesOrderQueryRq: { en: 'Sales orders', fr: 'Commandes clients' },
  iterator: {
    en: 'Paged imports (iterators)',
    fr: 'Importations par pages (itérateurs)',
  },
  IsTaxIncluded: { en: 'Tax-inclusive prices', fr: 'Prix taxes incluses' },
};

const EDITION_NAMES: Readonly<Record<QbCountry, QbLocalizedText>> = {
  US: { en: 'US', fr: 'américaine' },
  CA: { en: 'Canadian', fr: 'canadienne' },
  UK: { en: 'UK', fr: 'britannique' },
};

function featureOf(name: string, field: string): QbLocalizedText {
  return FEATURES[name] ?? { en: `Field ${field}`, fr: `Champ ${field}` };
}

/**
 * Refuses an element (or message) that the target version or edition lacks, instead of
 * sending a request QuickBooks would reject as a whole (HRESULT 0x80040400).
 */
export function gateElement(node: SpecNode, field: string, ctx: GateContext): void {
  if (node.v) gateVersion(node.n, node.v, field, ctx);
  const missing = [...(node.no ?? []), ...(EXTRA_MISSING_EDITIONS[node.n] ?? [])];
  if (missing.includes(ctx.target.country)) throw notInEdition(node.n, field, ctx);
}

/** Refuses an element or attribute introduced after the target version. */
export function gateVersion(
  name: string,
  since: string,
  field: string,
  ctx: GateContext,
): void {
  if (isAtLeast(ctx.target.version, since)) return;
  const feature = featureOf(name, field);
  const host = ctx.productName ? `${ctx.productName} ` : '';
  throw new QbxmlError({
    code: 'QBXML_FEATURE_NEEDS_VERSION',
    field,
    fixableBy: 'bookkeeper',
    retryable: false,
    text: {
      en: `${feature.en}: needs a newer QuickBooks (qbXML ${since} or later); connected: ${host}(qbXML ${ctx.target.version}).`,
      fr: `${feature.fr} : exige une version plus récente de QuickBooks (qbXML ${since} ou plus); connecté : ${host}(qbXML ${ctx.target.version}).`,
    },
    details: { element: name, requiredVersion: since, version: ctx.target.version },
  });
}

function notInEdition(name: string, field: string, ctx: GateContext): QbxmlError {
  const feature = featureOf(name, field);
  const edition = EDITION_NAMES[ctx.target.country];
  return new QbxmlError({
    code: 'QBXML_FEATURE_NOT_IN_EDITION',
    field,
    fixableBy: 'bookkeeper',
    retryable: false,
    text: {
      en: `${feature.en}: not available in the ${edition.en} edition of QuickBooks (${field}).`,
      fr: `${feature.fr} : non offert dans l'édition ${edition.fr} de QuickBooks (${field}).`,
    },
    details: { element: name, country: ctx.target.country },
  });
}
