import { generateSpecData } from '../../../scripts/generate-qbxml-spec';
import { readShared } from '../../testing/shared-fixtures';
import {
  MESSAGE_SET_ATTRIBUTES,
  REQUEST_SPECS,
  RESPONSE_FIELD_TYPES,
} from './qbxml130.spec.generated';

describe('generated qbXML specification', () => {
  it("matches what the generator reads from Intuit's qbxmlops130.xml (no drift)", () => {
    const fresh = generateSpecData(readShared('fixtures', 'xsd', 'qbxmlops130.xml'));

    expect(MESSAGE_SET_ATTRIBUTES).toEqual(fresh.messageSetAttributes);
    expect(REQUEST_SPECS).toEqual(fresh.requestSpecs);
    expect(RESPONSE_FIELD_TYPES).toEqual(fresh.responseFieldTypes);
  });

  it('reads what the documents say about the fields the connector relies on', () => {
    const invoiceAdd = REQUEST_SPECS.InvoiceAddRq.c?.find((c) => c.n === 'InvoiceAdd');
    const line = invoiceAdd?.c?.find((c) => c.n === 'InvoiceLineAdd');
    const field = (name: string) => invoiceAdd?.c?.find((c) => c.n === name);

    expect(field('RefNumber')?.max).toEqual({ US: 11, CA: 11, UK: 11, AU: 11 });
    expect(field('ExternalGUID')?.v).toBe('9.0');
    expect(field('IsTaxIncluded')?.no).toContain('US');
    expect(line?.c?.find((c) => c.n === 'InventorySiteRef')).toMatchObject({
      v: '10.0',
      no: ['AU'],
    });
    expect(REQUEST_SPECS.InventorySiteQueryRq.v).toBe('10.0');
    expect(RESPONSE_FIELD_TYPES.repeated).toContain('InvoiceRet>InvoiceLineRet');
    expect(RESPONSE_FIELD_TYPES.booleans).toContain('IsActive');
  });
});
