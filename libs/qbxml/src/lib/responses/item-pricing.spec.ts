import { readQbxmlFixture } from '../../testing/shared-fixtures';
import { itemSalesInfo } from './item-pricing';
import { parseResponseXml, recordsOf } from './parse-response';

const itemsOf = (xml: string) => recordsOf(parseResponseXml(xml)[0], 'ItemQueryRs');

describe('itemSalesInfo', () => {
  it('reads flat inventory pricing and one-sided service pricing from the fixtures', () => {
    const [assembly] = itemsOf(readQbxmlFixture('item-query-rs_inventory-assembly.xml'));
    const [service] = itemsOf(
      readQbxmlFixture('item-query-rs_service_iterator-0-remaining.xml'),
    );

    expect(itemSalesInfo(assembly)).toEqual({
      description: 'The Boss Espresso Fall 2009, thick and sticky mix, 12oz bag',
      price: '13.00',
    });
    expect(itemSalesInfo(service)).toEqual({ pricePercent: '18.0' });
  });

  it('reads two-sided, discount and group items', () => {
    const xml =
      '<QBXML><QBXMLMsgsRs><ItemQueryRs statusCode="0" statusSeverity="Info" statusMessage="OK">' +
      '<ItemNonInventoryRet><ListID>1</ListID><SalesAndPurchase><SalesDesc>Anode</SalesDesc><SalesPrice>38.50</SalesPrice><PurchaseCost>12.00</PurchaseCost></SalesAndPurchase></ItemNonInventoryRet>' +
      '<ItemDiscountRet><ListID>2</ListID><ItemDesc>Rabais</ItemDesc><DiscountRatePercent>10.0%</DiscountRatePercent></ItemDiscountRet>' +
      '<ItemGroupRet><ListID>3</ListID><ItemDesc>Kit</ItemDesc></ItemGroupRet>' +
      '</ItemQueryRs></QBXMLMsgsRs></QBXML>';

    expect(itemsOf(xml).map((item) => [item.kind, itemSalesInfo(item)])).toEqual([
      ['ItemNonInventory', { description: 'Anode', price: '38.50' }],
      ['ItemDiscount', { description: 'Rabais', pricePercent: '10.0' }],
      ['ItemGroup', { description: 'Kit' }],
    ]);
  });
});
