import type { CompanySettings, LinkKind } from '@qbd/domain';
import type { PlAddress } from '@qbd/progressionlive';
import type {
  ClassRet,
  CustomerRet,
  InventorySiteRet,
  ItemKind,
  ItemRet,
  QbAddressRet,
  QbListRecordRet,
  SalesTaxCodeRet,
} from '@qbd/qbxml';
import { normaliseText } from './address-normalizer';
import { ImportRecordError } from './import-errors';

/**
 * A QuickBooks record in ProgressionLIVE's terms: what the linked record must hold
 * (`fields`, in the port's input shape, empty values left out) and what the link keeps.
 */
export interface MappedRecord {
  kind: LinkKind;
  qbListId: string;
  qbFullName: string;
  qbParentListId: string | null;
  qbEditSequence: string | null;
  qbTimeModified: string | null;
  active: boolean;
  fields: Record<string, unknown>;
}

export type MappingSettings = Pick<
  CompanySettings,
  | 'customerType'
  | 'jobLocationType'
  | 'productType'
  | 'productQuickBooksTypeField'
  | 'classProperty'
  | 'siteProperty'
  | 'quickBooksLanguage'
>;

/** Drops undefined, null, blank strings and objects left empty, recursively; trims text. */
export function compactFields<T extends Record<string, unknown>>(fields: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    const kept = compactValue(value);
    if (kept !== undefined) out[key] = kept;
  }
  return out as Partial<T>;
}

function compactValue(value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value !== 'object' || Array.isArray(value)) return value;
  const inner = compactFields(value as Record<string, unknown>);
  return Object.keys(inner).length === 0 ? undefined : inner;
}

function identity(ret: QbListRecordRet, fullName: string | undefined) {
  if (!ret.ListID) throw ImportRecordError.missingListId(fullName ?? ret.Name);
  const name = ret.Name?.trim();
  if (!name) throw ImportRecordError.missingName(ret.ListID);
  return {
    qbListId: ret.ListID,
    qbFullName: fullName?.trim() || name,
    qbParentListId: ret.ParentRef?.ListID ?? null,
    qbEditSequence: ret.EditSequence ?? null,
    qbTimeModified: ret.TimeModified ?? null,
    // Lists are imported with ActiveStatus=All (case 019), so inactive records arrive and
    // are mirrored as inactive; a record without the flag is active.
    active: ret.IsActive !== false,
    name,
  };
}

/** A top-level customer (Sublevel 0) as a ProgressionLIVE client of the configured type. */
export function mapCustomer(ret: CustomerRet, settings: MappingSettings): MappedRecord {
  const { name, ...link } = identity(ret, ret.FullName);
  const address = contactAddress(
    ret.BillAddress ?? ret.ShipAddress,
    { phone: ret.Phone, fax: ret.Fax, email: ret.Email },
    namesOf(ret),
  );
  const fields = compactFields({
    typeRef: { label: settings.customerType },
    label: name,
    address,
    active: link.active,
  });
  return { kind: 'client', ...link, fields };
}

/**
 * A job (sub-customer at any depth) as a location of its top-level customer's client.
 * QuickBooks names jobs `Customer:Job:Sub-job`; the location is labelled without the
 * customer, whose client it already belongs to.
 */
export function mapJob(
  ret: CustomerRet,
  clientListId: string,
  settings: MappingSettings,
): MappedRecord {
  const { name, ...link } = identity(ret, ret.FullName);
  const label = link.qbFullName.split(':').slice(1).join(':') || name;
  const address = contactAddress(
    siteAddress(ret),
    { phone: ret.Phone, fax: ret.Fax, email: ret.Email },
    namesOf(ret),
  );
  const fields = compactFields({
    typeRef: { label: settings.jobLocationType },
    label,
    address,
    active: link.active,
    clientListId,
  });
  return { kind: 'location', ...link, fields };
}

/** The FullName of the top-level customer of a job (names cannot contain ":"). */
export function topCustomerName(fullName: string): string {
  return fullName.split(':')[0] ?? fullName;
}

// Where the work happens: the job's ship-to address when it has a street, else the one
// it bills to (QuickBooks copies the customer's address onto new jobs).
function siteAddress(ret: CustomerRet): QbAddressRet | undefined {
  const ship = ret.ShipAddress;
  const hasStreet =
    ship && [ship.Addr1, ship.Addr2, ship.Addr3].some((line) => line?.trim());
  return hasStreet ? ship : ret.BillAddress;
}

function namesOf(ret: CustomerRet): string[] {
  const person = [ret.Salutation, ret.FirstName, ret.MiddleName, ret.LastName]
    .filter(Boolean)
    .join(' ');
  const firstLast = [ret.FirstName, ret.LastName].filter(Boolean).join(' ');
  return [ret.Name, ret.CompanyName, ret.Contact, person, firstLast].filter(
    (name): name is string => !!name?.trim(),
  );
}

function contactAddress(
  address: QbAddressRet | undefined,
  contact: { phone?: string; fax?: string; email?: string },
  names: string[],
): PlAddress | undefined {
  return compactFields({ ...qbAddressToPl(address, names), ...contact }) as PlAddress;
}

const UNIT_LINE =
  /^(?:(?:suite|apt|apartment|app|appartement|unit|unite|bureau|local)\b|ste\.?\s*#?\d|#)/i;
const ATTENTION_LINE = /^(?:attn|attention|c\/o|a\/s|aux soins)\b/i;

/**
 * QuickBooks keeps an address as up to five free lines plus city, state and postal code,
 * and its address block conventionally starts with the addressee: the customer's or
 * company's name, sometimes an "Attn:" line. ProgressionLIVE wants the street and the
 * unit apart, so the addressee lines are skipped, the street is the first line that
 * starts with a civic number (else the first remaining line), and a line that reads like
 * a unit ("Suite 200", "#4") becomes the unit.
 */
export function qbAddressToPl(
  address: QbAddressRet | undefined,
  addresseeNames: string[] = [],
): PlAddress {
  if (!address) return {};
  const skip = new Set(addresseeNames.map(normaliseText));
  const lines = [
    address.Addr1,
    address.Addr2,
    address.Addr3,
    address.Addr4,
    address.Addr5,
  ]
    .map((line) => line?.trim() ?? '')
    .filter(
      (line) => line && !skip.has(normaliseText(line)) && !ATTENTION_LINE.test(line),
    );
  const units = lines.filter((line) => UNIT_LINE.test(line));
  const others = lines.filter((line) => !UNIT_LINE.test(line));
  const street = others.find((line) => /^\d/.test(line)) ?? others[0];

  return compactFields({
    street,
    suite: units[0],
    city: address.City,
    province: address.State,
    postalCode: address.PostalCode,
    country: address.Country,
  }) as PlAddress;
}

const ITEM_TYPE_LABELS: Record<ItemKind, { en: string; fr: string }> = {
  ItemService: { en: 'Service', fr: 'Service' },
  ItemNonInventory: { en: 'Non-inventory Part', fr: 'Article hors stock' },
  ItemOtherCharge: { en: 'Other Charge', fr: 'Autres frais' },
  ItemInventory: { en: 'Inventory Part', fr: 'Article en stock' },
  ItemInventoryAssembly: { en: 'Inventory Assembly', fr: 'Assemblage en stock' },
  ItemFixedAsset: { en: 'Fixed Asset', fr: 'Immobilisation' },
  ItemSubtotal: { en: 'Subtotal', fr: 'Sous-total' },
  ItemDiscount: { en: 'Discount', fr: 'Remise' },
  ItemPayment: { en: 'Payment', fr: 'Paiement' },
  ItemSalesTax: { en: 'Sales Tax Item', fr: 'Taxe de vente' },
  ItemSalesTaxGroup: { en: 'Sales Tax Group', fr: 'Groupe de taxes' },
  ItemGroup: { en: 'Group', fr: 'Groupe' },
};

/** The item type as QuickBooks shows it, in the company's QuickBooks language. */
export function itemTypeLabel(kind: ItemKind, language: 'en' | 'fr'): string {
  const labels = ITEM_TYPE_LABELS[kind];
  return labels ? labels[language] : kind.replace(/^Item/, '');
}

/**
 * Any item as a product of the configured type. Prices and descriptions sit in a
 * different place per item type: service, non-inventory and other-charge items have
 * `SalesOrPurchase` (used on one side) or `SalesAndPurchase` (bought and sold); inventory
 * and assemblies have them flat; groups only a description. A percentage price (a
 * service billed as a share of something) is no unit price and is left out.
 */
export function mapItem(ret: ItemRet, settings: MappingSettings): MappedRecord {
  const { name, ...link } = identity(ret, ret.FullName);
  const typeField = settings.productQuickBooksTypeField?.trim();
  const fields = compactFields({
    typeRef: { label: settings.productType },
    label: name,
    code: link.qbFullName,
    description: itemDescription(ret),
    price: itemPrice(ret),
    active: link.active,
    properties: typeField
      ? { [typeField]: itemTypeLabel(ret.kind, settings.quickBooksLanguage) }
      : undefined,
  });
  return { kind: 'product', ...link, fields };
}

function itemDescription(ret: ItemRet): string | undefined {
  return (
    ret.SalesOrPurchase?.Desc ??
    ret.SalesAndPurchase?.SalesDesc ??
    ret.SalesDesc ??
    ret.ItemDesc ??
    (typeof ret['Desc'] === 'string' ? (ret['Desc'] as string) : undefined)
  );
}

function itemPrice(ret: ItemRet): string | undefined {
  const price =
    ret.SalesOrPurchase?.Price ?? ret.SalesAndPurchase?.SalesPrice ?? ret.SalesPrice;
  return price?.trim() || undefined;
}

/** A class as a value of the class ENTITY property, labelled with its full name. */
export function mapClass(ret: ClassRet, settings: MappingSettings): MappedRecord {
  const { name: _name, ...link } = identity(ret, ret.FullName);
  const fields = compactFields({
    typeRef: { label: settings.classProperty },
    label: link.qbFullName,
    active: link.active,
  });
  return { kind: 'class', ...link, fields };
}

/** An inventory site as a value of the site ENTITY property. */
export function mapSite(ret: InventorySiteRet, settings: MappingSettings): MappedRecord {
  const { name, ...link } = identity(ret, ret.FullName ?? ret.Name);
  const fields = compactFields({
    typeRef: { label: settings.siteProperty },
    label: name,
    active: link.active,
  });
  return {
    kind: 'site',
    ...link,
    qbParentListId: ret.ParentSiteRef?.ListID ?? null,
    fields,
  };
}

/**
 * A sales tax code, kept for exports (which put one on every line of a Canadian
 * document); nothing is sent to ProgressionLIVE.
 */
export function mapSalesTaxCode(ret: SalesTaxCodeRet): MappedRecord {
  const { name, ...link } = identity(ret, ret.FullName ?? ret.Name);
  const fields = compactFields({
    name,
    description: ret.Desc,
    taxable: ret.IsTaxable,
    itemSalesTax: ret.ItemSalesTaxRef?.FullName,
    itemSalesTaxListId: ret.ItemSalesTaxRef?.ListID,
    itemPurchaseTax: ret.ItemPurchaseTaxRef?.FullName,
    active: link.active,
  });
  return { kind: 'salesTaxCode', ...link, fields };
}
