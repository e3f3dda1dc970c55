import { status } from '../../qbxml/status';
import { qbLength, toStoredText } from '../../xml/qb-text';
import { child, childText, type XmlElement } from '../../xml/xml-tree';
import type { ListCategory } from '../company-store';
import { StatusError, type HandlerContext } from '../handler-context';
import { REF_TARGETS, type ListRecord } from '../model';

/** Aggregates whose leaves are stored (others, such as Contacts or DataExt, are ignored). */
const STORED_AGGREGATES = new Set([
  'BillAddress',
  'ShipAddress',
  'SiteAddress',
  'SalesOrPurchase',
  'SalesAndPurchase',
]);

const LIST_LABELS: Record<string, string> = {
  Customer: 'Customer',
  Class: 'Class',
  Item: 'Item',
  InventorySite: 'Inventory Site',
  SalesTaxCode: 'Sales Tax Code',
  Account: 'Account',
  Terms: 'Terms',
  SalesRep: 'Sales Rep',
  Template: 'Template',
  CustomerMsg: 'Customer Message',
  ShipMethod: 'Ship Method',
  CustomerType: 'Customer Type',
  JobType: 'Job Type',
  PriceLevel: 'Price Level',
  PaymentMethod: 'Payment Method',
  UnitOfMeasureSet: 'Unit Of Measure Set',
  Vendor: 'Vendor',
};

const LIST_ID = /^[0-9A-F]{1,8}-\d{1,10}$/;

export interface FieldSet {
  values: Record<string, string>;
  refs: Record<string, string>;
}

/**
 * Reads the simple fields, addresses and references of an Add/Mod element into stored form:
 * text checked against QuickBooks' length limit (3070) and reduced to what the file can keep
 * ("?" for characters outside Windows-1252), references resolved (3000/3140).
 */
export function readFields(
  ctx: HandlerContext,
  element: XmlElement,
  path: string,
  where: string,
  skip: Set<string>,
): FieldSet {
  const fields: FieldSet = { values: {}, refs: {} };
  for (const c of element.children) {
    if (skip.has(c.name)) continue;
    if (c.name.endsWith('Ref')) {
      const id = resolveRef(ctx, c, where);
      if (id) fields.refs[c.name] = id;
    } else if (c.children.length === 0) {
      fields.values[c.name] = storedValue(ctx, `${path}/${c.name}`, c);
    } else if (STORED_AGGREGATES.has(c.name)) {
      readAggregate(ctx, c, `${path}/${c.name}`, where, fields);
    }
  }
  return fields;
}

function readAggregate(
  ctx: HandlerContext,
  aggregate: XmlElement,
  path: string,
  where: string,
  fields: FieldSet,
): void {
  for (const c of aggregate.children) {
    const key = `${aggregate.name}.${c.name}`;
    if (c.name.endsWith('Ref')) {
      const id = resolveRef(ctx, c, where);
      if (id) fields.refs[key] = id;
    } else {
      fields.values[key] = storedValue(ctx, `${path}/${c.name}`, c);
    }
  }
}

/** The stored form of a leaf, after the length check QuickBooks applies to it. */
export function storedValue(
  ctx: HandlerContext,
  path: string,
  element: XmlElement,
): string {
  const stored = toStoredText(element.text);
  const max = ctx.rules.maxLength(path, ctx.edition);
  if (max !== undefined && qbLength(stored) > max) {
    throw new StatusError(status.stringTooLong(stored, element.name));
  }
  return stored;
}

/**
 * Resolves a `…Ref` to the ListID of an existing, active record. QuickBooks uses the ListID
 * when both are given; an empty or malformed ListID is a format error (3000), an unknown or
 * inactive record an invalid reference (3140).
 */
export function resolveRef(
  ctx: HandlerContext,
  ref: XmlElement,
  where: string,
): string | undefined {
  const target = REF_TARGETS[ref.name];
  if (!target) return undefined;
  checkFeature(ctx, ref.name);
  return findReferenced(ctx, target, ref, where).ListID;
}

export function findReferenced(
  ctx: HandlerContext,
  category: ListCategory,
  ref: XmlElement,
  where: string,
): ListRecord {
  const listId = childText(ref, 'ListID');
  const fullName = childText(ref, 'FullName');
  const label = LIST_LABELS[category] ?? category;

  if (listId !== undefined) {
    const id = listId.trim();
    if (!LIST_ID.test(id)) throw new StatusError(status.invalidObjectId(id, 'list id'));
    const record = ctx.store.findById(category, id);
    if (!record || !record.IsActive)
      throw new StatusError(status.invalidReference(label, id, where));
    return record;
  }
  const name = toStoredText(fullName ?? '');
  const record = ctx.store.findByFullName(category, name);
  if (!record || !record.IsActive)
    throw new StatusError(status.invalidReference(label, name, where));
  return record;
}

// Class and site references only exist when the company uses them: class tracking is a
// preference, inventory sites need Enterprise with Advanced Inventory.
function checkFeature(ctx: HandlerContext, refName: string): void {
  const s = ctx.store.settings;
  if (refName === 'ClassRef' && !s.classTracking)
    throw new StatusError(status.featureNotEnabled());
  if (refName === 'InventorySiteRef' && !s.inventorySites) {
    throw new StatusError(status.featureNotEnabled());
  }
}

/** The `…Add`/`…Mod` child of a request, e.g. CustomerAdd inside CustomerAddRq. */
export function payload(ctx: HandlerContext): XmlElement {
  const name = ctx.rq.name.replace(/Rq$/, '');
  const element = child(ctx.rq, name);
  if (!element) throw new Error(`${ctx.rq.name} without ${name}`);
  return element;
}
