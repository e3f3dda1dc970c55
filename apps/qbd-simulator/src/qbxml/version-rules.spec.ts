import { parseXml } from '../xml/xml-tree';
import { sharedVersionRules } from './version-rules';

describe('QbxmlVersionRules', () => {
  const rules = sharedVersionRules();

  it('reads the version and edition notes of Intuit’s reference document', () => {
    expect(rules.rule('InventorySiteQueryRq')).toEqual({
      since: 10,
      notIn: ['QBAU', 'QBOE'],
      maxLength: undefined,
    });
    expect(rules.maxLength('CustomerAddRq/CustomerAdd/Name', 'QBD')).toBe(41);
    expect(rules.maxLength('InvoiceAddRq/InvoiceAdd/RefNumber', 'QBCA')).toBe(11);
    expect(rules.allows('CustomerQueryRs/CustomerRet/ClassRef', 11, 'QBD')).toBe(false);
    expect(rules.allows('CustomerQueryRs/CustomerRet/ClassRef', 12, 'QBD')).toBe(true);
    expect(
      rules.rule('InvoiceAddRq/InvoiceAdd/InvoiceLineAdd/InventorySiteRef')?.since,
    ).toBe(10);
    expect(rules.rule('InvoiceAddRq/InvoiceAdd/IsTaxIncluded')?.notIn).toContain('QBD');
  });

  it('flags elements newer than the declared version or missing from the edition', () => {
    const request = parseXml(
      '<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>A</FullName></CustomerRef>' +
        '<IsTaxIncluded>true</IsTaxIncluded>' +
        '<InvoiceLineAdd><InventorySiteRef><FullName>S</FullName></InventorySiteRef></InvoiceLineAdd>' +
        '</InvoiceAdd></InvoiceAddRq>',
    ).root;

    expect(rules.check(request, 8, 'QBCA').map((v) => v.path)).toEqual([
      'InvoiceAddRq/InvoiceAdd/InvoiceLineAdd/InventorySiteRef',
    ]);
    expect(rules.check(request, 13, 'QBD').map((v) => v.path)).toEqual([
      'InvoiceAddRq/InvoiceAdd/IsTaxIncluded',
    ]);
    expect(rules.check(request, 13, 'QBCA')).toEqual([]);
  });
});
