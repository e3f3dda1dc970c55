import type { ItemRet } from './response-types';

/** The sales side of an item, whatever its kind. */
export interface ItemSalesInfo {
  /** Description printed on sales documents. */
  description?: string;
  /** Unit price (decimal string). */
  price?: string;
  /** Price as a percentage (other charges, discounts), without "%". */
  pricePercent?: string;
}

/**
 * Reads the sales description and price of any item record.
 *
 * QuickBooks shapes them differently per kind: service, non-inventory and other-charge
 * items carry either `SalesOrPurchase` {Desc, Price | PricePercent} (used on one side) or
 * `SalesAndPurchase` {SalesDesc, SalesPrice} (used on both); inventory, assembly and
 * fixed-asset items have flat `SalesDesc`/`SalesPrice`; discounts a rate or a percentage;
 * sales-tax items a tax rate; groups and subtotals only `ItemDesc`.
 */
export function itemSalesInfo(item: ItemRet): ItemSalesInfo {
  if (item.SalesOrPurchase) {
    const side = item.SalesOrPurchase;
    return clean({
      description: side.Desc,
      price: side.Price,
      pricePercent: side.PricePercent,
    });
  }
  if (item.SalesAndPurchase) {
    return clean({
      description: item.SalesAndPurchase.SalesDesc,
      price: item.SalesAndPurchase.SalesPrice,
    });
  }
  if (item.kind === 'ItemDiscount') {
    return clean({
      description: item.ItemDesc,
      price: item.DiscountRate,
      pricePercent: item.DiscountRatePercent,
    });
  }
  if (item.kind === 'ItemSalesTax')
    return clean({ description: item.ItemDesc, pricePercent: item.TaxRate });
  return clean({ description: item.SalesDesc ?? item.ItemDesc, price: item.SalesPrice });
}

function clean(info: ItemSalesInfo): ItemSalesInfo {
  const out: ItemSalesInfo = {};
  if (info.description !== undefined) out.description = info.description;
  if (info.price !== undefined) out.price = info.price;
  if (info.pricePercent !== undefined) out.pricePercent = info.pricePercent;
  return out;
}
