import { QbxmlError } from '../lib/errors/qbxml-error';
import { buildRequestXml } from '../lib/requests/build-request';
import type { QbRequest, QbRequestType } from '../lib/requests/request-types';
import { REQUEST_SPECS } from '../lib/generated/qbxml130.spec.generated';
import { parseHostResponse } from '../lib/responses/host-info';
import { richestSampleRequests } from '../lib/samples/richest-requests';
import {
  compareQbxmlVersions,
  negotiateVersion,
  SUPPORTED_QBXML_VERSIONS,
  type QbxmlTarget,
} from '../lib/version/qbxml-version';
import { invoiceFromCaseTask, type CaseInvoiceTask } from '../testing/case-tasks';
import { validateWithQbxmlSchema } from '../testing/schema-validator';
import { qbxmlFromHttp, readCase, readCaseJson } from '../testing/shared-fixtures';

jest.setTimeout(60_000);

const CASE = '005-qbxml-version-and-declaration';

function hostOf(httpFile: string) {
  return parseHostResponse(qbxmlFromHttp(readCase(CASE, httpFile), 'strHCPResponse'));
}

function declaredVersion(xml: string): string | undefined {
  return /^<\?xml version="1\.0"\?>\n<\?qbxml version="([^"]+)"\?>\n<QBXML>/.exec(
    xml,
  )?.[1];
}

function thrown(action: () => unknown): QbxmlError {
  try {
    action();
  } catch (error) {
    if (error instanceof QbxmlError) return error;
    throw error;
  }
  throw new Error('expected a QbxmlError');
}

const LINE = { ItemRef: { ListID: '80000072-1716300401' }, Quantity: '1', Rate: '38.50' };
const CUSTOMER = { ListID: '80000101-1716300700' };

/** The smallest useful request of each kind. */
const MINIMAL: Record<QbRequestType, QbRequest> = {
  HostQuery: { type: 'HostQuery', requestID: 'm' },
  CompanyQuery: { type: 'CompanyQuery', requestID: 'm' },
  PreferencesQuery: { type: 'PreferencesQuery', requestID: 'm' },
  CustomerQuery: { type: 'CustomerQuery', requestID: 'm', ActiveStatus: 'All' },
  CustomerAdd: { type: 'CustomerAdd', requestID: 'm', Name: 'Chantier Nord' },
  CustomerMod: { type: 'CustomerMod', requestID: 'm', ListID: '1-1', EditSequence: '1' },
  ItemQuery: { type: 'ItemQuery', requestID: 'm', ActiveStatus: 'All' },
  ClassQuery: { type: 'ClassQuery', requestID: 'm', ActiveStatus: 'All' },
  InventorySiteQuery: { type: 'InventorySiteQuery', requestID: 'm', ActiveStatus: 'All' },
  SalesTaxCodeQuery: { type: 'SalesTaxCodeQuery', requestID: 'm' },
  InvoiceAdd: {
    type: 'InvoiceAdd',
    requestID: 'm',
    CustomerRef: CUSTOMER,
    InvoiceLineAdd: [LINE],
  },
  InvoiceMod: {
    type: 'InvoiceMod',
    requestID: 'm',
    TxnID: '1-1',
    EditSequence: '1',
    Memo: 'x',
  },
  InvoiceQuery: { type: 'InvoiceQuery', requestID: 'm', RefNumber: ['FS-1'] },
  SalesOrderAdd: {
    type: 'SalesOrderAdd',
    requestID: 'm',
    CustomerRef: CUSTOMER,
    SalesOrderLineAdd: [LINE],
  },
  SalesOrderMod: {
    type: 'SalesOrderMod',
    requestID: 'm',
    TxnID: '1-1',
    EditSequence: '1',
    Memo: 'x',
  },
  SalesOrderQuery: { type: 'SalesOrderQuery', requestID: 'm', TxnID: ['1-1'] },
  ListDeletedQuery: {
    type: 'ListDeletedQuery',
    requestID: 'm',
    ListDelType: ['Customer'],
  },
  TxnDeletedQuery: { type: 'TxnDeletedQuery', requestID: 'm', TxnDelType: ['Invoice'] },
};

describe('case 005: declaration at byte 0 and a version the host supports', () => {
  const siteTask = readCaseJson<CaseInvoiceTask>(
    CASE,
    'task-invoice-with-inventory-site.json',
  );

  it('QuickBooks 2014: declaration first, then qbxml 13.0 (listed by the host)', () => {
    const host = hostOf('01-sendRequestXML-first-call-qb2014.http');
    const target = {
      version: negotiateVersion(host.supportedQbxmlVersions, host.country),
      country: host.country,
    };

    const xml = buildRequestXml([invoiceFromCaseTask(siteTask)], {
      target,
      productName: host.productName,
    });

    expect(xml.charCodeAt(0)).toBe('<'.charCodeAt(0));
    expect(declaredVersion(xml)).toBe('13.0');
    expect(host.supportedQbxmlVersions).toContain(declaredVersion(xml));
    expect(xml).toContain('<InventorySiteRef>');
  });

  it('QuickBooks 2009: never above 8.0; inventory-site work is held back with a clear message', () => {
    const host = hostOf('03-sendRequestXML-first-call-qb2009.http');
    const target = {
      version: negotiateVersion(host.supportedQbxmlVersions, host.country),
      country: host.country,
    };

    const error = thrown(() =>
      buildRequestXml([invoiceFromCaseTask(siteTask)], {
        target,
        productName: host.productName,
      }),
    );

    expect(target.version).toBe('8.0');
    expect(error).toMatchObject({
      code: 'QBXML_FEATURE_NEEDS_VERSION',
      field: 'InvoiceAdd.InvoiceLineAdd[0].InventorySiteRef',
      fixableBy: 'bookkeeper',
      retryable: false,
    });
    expect(error.text.en).toBe(
      'Inventory sites: needs a newer QuickBooks (qbXML 10.0 or later); connected: QuickBooks Pro 2009 (qbXML 8.0).',
    );
    expect(error.text.fr).toContain('QuickBooks Pro 2009');
  });

  it('QuickBooks 2009: work that fits 8.0 still builds, and is valid', async () => {
    const host = hostOf('03-sendRequestXML-first-call-qb2009.http');
    const target = {
      version: negotiateVersion(host.supportedQbxmlVersions, host.country),
      country: host.country,
    };
    const { inventorySiteListId: _site, ...line } = siteTask.invoice.lines[0];
    const fitting = { ...siteTask, invoice: { ...siteTask.invoice, lines: [line] } };

    const xml = buildRequestXml([invoiceFromCaseTask(fitting)], { target });
    const result = await validateWithQbxmlSchema([
      { fileName: 'qb2009.xml', contents: xml },
    ]);

    expect(declaredVersion(xml)).toBe('8.0');
    expect(result.errors).toEqual([]);
  });

  it('for every version spoken, the smallest request of each kind builds exactly when the host has that message', async () => {
    const documents: { fileName: string; contents: string }[] = [];
    for (const version of SUPPORTED_QBXML_VERSIONS) {
      for (const request of Object.values(MINIMAL)) {
        const floor = REQUEST_SPECS[`${request.type}Rq`].v;
        const available = !floor || compareQbxmlVersions(version, floor) >= 0;
        const build = () =>
          buildRequestXml([request], { target: { version, country: 'US' } });
        if (!available) {
          expect(thrown(build).code).toBe('QBXML_FEATURE_NEEDS_VERSION');
          continue;
        }
        const xml = build();
        expect(declaredVersion(xml)).toBe(version);
        documents.push({ fileName: `${request.type}-${version}.xml`, contents: xml });
      }
    }
    const result = await validateWithQbxmlSchema(documents);

    // Every kind at every version, except InventorySiteQuery before 10.0 (5.0 to 9.0).
    expect(documents).toHaveLength(SUPPORTED_QBXML_VERSIONS.length * 18 - 5);
    expect(result.errors).toEqual([]);
  });

  it('for every version spoken, each request either declares exactly that version or is refused for a newer feature', async () => {
    const documents: { fileName: string; contents: string }[] = [];

    for (const version of SUPPORTED_QBXML_VERSIONS) {
      const target: QbxmlTarget = { version, country: 'US' };
      for (const [kind, request] of Object.entries(richestSampleRequests()) as [
        string,
        QbRequest,
      ][]) {
        try {
          const xml = buildRequestXml([request], { target });
          expect(declaredVersion(xml)).toBe(version);
          documents.push({ fileName: `${kind}-${version}.xml`, contents: xml });
        } catch (error) {
          expect(error).toBeInstanceOf(QbxmlError);
          const { code, details } = error as QbxmlError;
          expect(code).toBe('QBXML_FEATURE_NEEDS_VERSION');
          expect(
            compareQbxmlVersions(String(details?.requiredVersion), version),
          ).toBeGreaterThan(0);
        }
      }
    }
    const result = await validateWithQbxmlSchema(documents);

    expect(documents.length).toBeGreaterThan(SUPPORTED_QBXML_VERSIONS.length);
    expect(result.errors).toEqual([]);
  });
});
