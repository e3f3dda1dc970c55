import { qbxmlFromHttp, readCase, readQbxmlFixture } from '../../testing/shared-fixtures';
import { QbxmlError } from '../errors/qbxml-error';
import { negotiateVersion } from '../version/qbxml-version';
import { parseHostResponse } from './host-info';

const ALL_2014 = [
  '1.0',
  '1.1',
  '2.0',
  '2.1',
  '3.0',
  '4.0',
  '4.1',
  '5.0',
  '6.0',
  '7.0',
  '8.0',
  '9.0',
  '10.0',
  '11.0',
  '12.0',
  '13.0',
];

describe('parseHostResponse', () => {
  it.each([
    ['hcp-response_qb-pro-2014_us_corrected.xml', 0],
    ['hcp-response_qb-pro-2014_us_as-found.xml', 1],
  ])('reads %s (tolerating its damage)', (file, damaged) => {
    const host = parseHostResponse(readQbxmlFixture(file));

    expect(host).toMatchObject({
      productName: 'QuickBooks Pro 2014',
      majorVersion: '24',
      minorVersion: '0',
      country: 'US',
      supportedQbxmlVersions: ALL_2014,
      isAutomaticLogin: false,
      qbFileMode: 'SingleUser',
      companyName: 'myCompany',
      legalCompanyName: 'myCompany Legal Name',
      isSampleCompany: false,
      classTrackingEnabled: false,
      inventorySitesEnabled: false,
      inventoryEnabled: false,
      salesTaxEnabled: false,
      multiCurrencyEnabled: false,
      edition: 'Pro',
    });
    expect(
      host.companyDataExt.find((d) => d.DataExtName === 'FileID')?.DataExtValue,
    ).toBe('{00000ee-1111-ffff-cccc-5ff123456047}');
    expect(host.warnings.length > 0).toBe(damaged === 1);
    expect(negotiateVersion(host.supportedQbxmlVersions, host.country)).toBe('13.0');
  });

  it('reads the QuickBooks 2014 Premier first call of case 005 (class tracking on)', () => {
    const hcp = qbxmlFromHttp(
      readCase(
        '005-qbxml-version-and-declaration',
        '01-sendRequestXML-first-call-qb2014.http',
      ),
      'strHCPResponse',
    );

    const host = parseHostResponse(hcp);

    expect(host.productName).toBe('QuickBooks Premier Contractor Edition 2014');
    expect(host.edition).toBe('Premier');
    expect(host.qbFileMode).toBe('MultiUser');
    expect(host.classTrackingEnabled).toBe(true);
    expect(host.salesTaxEnabled).toBe(false);
    expect(negotiateVersion(host.supportedQbxmlVersions, host.country)).toBe('13.0');
  });

  it('reads the QuickBooks 2009 first call of case 005 and negotiates 8.0', () => {
    const hcp = qbxmlFromHttp(
      readCase(
        '005-qbxml-version-and-declaration',
        '03-sendRequestXML-first-call-qb2009.http',
      ),
      'strHCPResponse',
    );

    const host = parseHostResponse(hcp);

    expect(host.productName).toBe('QuickBooks Pro 2009');
    expect(host.supportedQbxmlVersions.at(-1)).toBe('8.0');
    expect(negotiateVersion(host.supportedQbxmlVersions, host.country)).toBe('8.0');
  });

  it('turns inventory sites on only for a US Enterprise file with multi-location inventory enabled', () => {
    const hcp = (country: string, available: boolean, enabled: boolean) =>
      `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs>` +
      `<HostQueryRs statusCode="0" statusSeverity="Info"><HostRet><ProductName>QuickBooks Enterprise Solutions 23.0</ProductName>` +
      `<Country>${country}</Country><SupportedQBXMLVersion>13.0</SupportedQBXMLVersion><SupportedQBXMLVersion>16.0</SupportedQBXMLVersion></HostRet></HostQueryRs>` +
      `<PreferencesQueryRs statusCode="0" statusSeverity="Info"><PreferencesRet><MultiLocationInventoryPreferences>` +
      `<IsMultiLocationInventoryAvailable>${available}</IsMultiLocationInventoryAvailable>` +
      `<IsMultiLocationInventoryEnabled>${enabled}</IsMultiLocationInventoryEnabled>` +
      `</MultiLocationInventoryPreferences><SalesTaxPreferences><PaySalesTax>Monthly</PaySalesTax></SalesTaxPreferences>` +
      `</PreferencesRet></PreferencesQueryRs></QBXMLMsgsRs></QBXML>`;

    expect(parseHostResponse(hcp('US', true, true)).inventorySitesEnabled).toBe(true);
    expect(parseHostResponse(hcp('US', true, false)).inventorySitesEnabled).toBe(false);
    expect(parseHostResponse(hcp('US', false, false)).inventorySitesEnabled).toBe(false);
    expect(parseHostResponse(hcp('CA', true, true)).inventorySitesEnabled).toBe(false);
    expect(parseHostResponse(hcp('US', true, true))).toMatchObject({
      edition: 'Enterprise',
      salesTaxEnabled: true,
    });
  });

  it('refuses an answer without HostRet and editions the connector does not serve', () => {
    const noHost = '<?xml version="1.0" ?><QBXML><QBXMLMsgsRs></QBXMLMsgsRs></QBXML>';
    const australian = `<QBXML><QBXMLMsgsRs><HostQueryRs statusCode="0" statusSeverity="Info"><HostRet><ProductName>Reckon</ProductName><Country>AU</Country></HostRet></HostQueryRs></QBXMLMsgsRs></QBXML>`;

    expect(() => parseHostResponse(noHost)).toThrow(
      expect.objectContaining({ code: 'QBXML_UNEXPECTED_DOCUMENT' }),
    );
    expect(() => parseHostResponse(australian)).toThrow(QbxmlError);
    expect(() => parseHostResponse(australian)).toThrow(
      expect.objectContaining({ code: 'QBXML_EDITION_UNSUPPORTED' }),
    );
  });
});
