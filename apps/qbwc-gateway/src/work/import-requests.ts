import type { QbRequest } from '@qbd/qbxml';

/** Records per iterator page: large enough to be quick, small enough to stay far below
 * Web Connector's timeouts on a slow office PC. */
export const PAGE_SIZE = 500;

/**
 * QuickBooks writes TimeModified with the offset of standard time all year round (its
 * clock ignores daylight saving), so a watermark read back can be an hour off the true
 * instant. Quick imports start this much before the watermark; re-applying the overlap
 * is harmless because applying a record is idempotent.
 */
export const WATERMARK_OVERLAP_MINUTES = 90;

const ITEM_DELETED_TYPES = [
  'ItemDiscount',
  'ItemFixedAsset',
  'ItemGroup',
  'ItemInventory',
  'ItemInventoryAssembly',
  'ItemNonInventory',
  'ItemOtherCharge',
  'ItemPayment',
  'ItemSalesTax',
  'ItemSalesTaxGroup',
  'ItemService',
  'ItemSubtotal',
];

export interface ImportRequestInput {
  entity: string;
  requestId: string;
  /** Start of a quick import (QuickBooks' local time, no offset), absent for a full one. */
  fromModified?: string;
  /** Continue an iterator; absent to start one. */
  iteratorID?: string;
}

/** The list query of one import page; the same filters on every page of an iterator. */
export function importRequest(input: ImportRequestInput): QbRequest {
  const paging = input.iteratorID
    ? { iterator: 'Continue' as const, iteratorID: input.iteratorID }
    : { iterator: 'Start' as const };
  const modified = input.fromModified ? { FromModifiedDate: input.fromModified } : {};
  const base = { requestID: input.requestId, ActiveStatus: 'All' as const, ...modified };

  switch (input.entity) {
    case 'customers':
      return { type: 'CustomerQuery', ...base, ...paging, MaxReturned: PAGE_SIZE } as QbRequest;
    case 'items':
      return { type: 'ItemQuery', ...base, ...paging, MaxReturned: PAGE_SIZE } as QbRequest;
    case 'classes':
      return { type: 'ClassQuery', ...base } as QbRequest;
    case 'sites':
      return { type: 'InventorySiteQuery', ...base } as QbRequest;
    case 'salesTaxCodes':
      return { type: 'SalesTaxCodeQuery', ...base } as QbRequest;
    default:
      throw new Error(`No import request for entity ${input.entity}`);
  }
}

/** Deletions since the watermark, asked on the first page of a quick import. */
export function deletedRequest(entity: string, requestId: string, fromDeleted: string): QbRequest | null {
  const types: Record<string, string[]> = {
    customers: ['Customer'],
    items: ITEM_DELETED_TYPES,
    classes: ['Class'],
  };
  const listDelType = types[entity];
  if (!listDelType) return null;
  return {
    type: 'ListDeletedQuery',
    requestID: requestId,
    ListDelType: listDelType,
    DeletedDateRangeFilter: { FromDeletedDate: fromDeleted },
  } as unknown as QbRequest;
}

/**
 * The watermark minus the overlap, in QuickBooks' own notation without an offset
 * (QuickBooks reads a date-time without offset as its local time).
 */
export function quickImportStart(watermark: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(watermark);
  if (!match) throw new Error(`Unreadable watermark ${watermark}`);
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const local = new Date(Date.UTC(y, mo - 1, d, h, mi - WATERMARK_OVERLAP_MINUTES, s));
  return local.toISOString().slice(0, 19);
}
