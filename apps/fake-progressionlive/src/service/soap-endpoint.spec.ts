import { soapActionOf } from '../schema/wsdl';
import { TNS } from '../schema/wire-schema';
import { FakeProgressionLiveStore } from '../store/fake-store';
import { runSoapCall, type EndpointResult } from './soap-endpoint';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const XSD = 'http://www.w3.org/2001/XMLSchema';

function envelope(body: string): string {
  return (
    `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ` +
    `xmlns:xsi="${XSI}" xmlns:xsd="${XSD}" xmlns:tns="${TNS}"><soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}

function setUp() {
  const store = new FakeProgressionLiveStore();
  store.addAccount({ username: 'api@co.test', password: 'secret' });
  const typeId = store.addType('CLIENT_TYPE', 'Customer');
  const session = store.sessions.login('api@co.test', 'secret');
  const creds = `<credentials><SessionID>${session.id}</SessionID></credentials>`;
  return { store, typeId, creds };
}

function xmlOf(result: EndpointResult): string {
  if (result.kind !== 'reply') throw new Error(`expected a reply, got ${result.kind}`);
  return result.xml;
}

const searchBody = (creds: string) =>
  `<tns:SearchRecordsRequest>${creds}<recordType>CLIENT_TYPE</recordType>` +
  `<query>label = :label</query><parameters><Property><Name>label</Name>` +
  `<Value xsi:type="xsd:string">Customer</Value></Property></parameters></tns:SearchRecordsRequest>`;

describe('fake SOAP endpoint', () => {
  it('tells SearchRecords from SearchRecordRefs by SOAPAction', () => {
    const { store, creds } = setUp();

    const records = xmlOf(
      runSoapCall(store, envelope(searchBody(creds)), soapActionOf('SearchRecords')),
    );
    const refs = xmlOf(
      runSoapCall(
        store,
        envelope(searchBody(creds)),
        `"${soapActionOf('SearchRecordRefs')}"`,
      ),
    );

    expect(records).toContain('<tns:SearchRecordsResponse>');
    expect(records).toContain('xsi:type="tns:ClientType"');
    expect(refs).toContain('<tns:SearchRecordRefsResponse>');
    expect(refs).toContain('<RecordRef><Id>');
  });

  it('refuses a request element shared by two operations when no SOAPAction says which', () => {
    const { store, creds } = setUp();

    const xml = xmlOf(runSoapCall(store, envelope(searchBody(creds)), undefined));

    expect(xml).toContain('<faultcode>soap:Client</faultcode>');
    expect(xml).toContain('ambiguous');
  });

  it.each([
    [
      'a child in the wrong case',
      '<record xsi:type="tns:Client"><label>Acme</label></record>',
      'unexpected element label',
    ],
    [
      'a namespace-qualified child',
      '<record xsi:type="tns:Client"><tns:Label>Acme</tns:Label></record>',
      'unexpected element {',
    ],
    [
      'an abstract record without xsi:type',
      '<record><Label>Acme</Label></record>',
      'abstract',
    ],
    [
      'a bad long',
      '<record xsi:type="tns:Client"><Id>12x</Id></record>',
      'not a valid xsd:long',
    ],
  ])(
    'answers a client fault, without touching the store, for %s',
    (_case, record, hint) => {
      const { store, creds } = setUp();
      const body = `<tns:CreateRecordRequest>${creds}${record}</tns:CreateRecordRequest>`;

      const xml = xmlOf(runSoapCall(store, envelope(body), soapActionOf('CreateRecord')));

      expect(xml).toContain('<faultcode>soap:Client</faultcode>');
      expect(xml).toContain(hint);
      expect(store.list('CLIENT')).toHaveLength(0);
    },
  );

  it('refuses a DTD', () => {
    const { store } = setUp();
    const xml = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>${envelope('')}`;

    expect(xmlOf(runSoapCall(store, xml, undefined))).toContain('DTDs are not accepted');
  });

  it('answers a typed fault detail for a refused session, and journals it without credentials', () => {
    const { store } = setUp();
    const body =
      '<tns:GetRecordRequest><credentials><SessionID>nope</SessionID><Password>pw</Password></credentials>' +
      '<recordRef><Id>1</Id><Type>CLIENT</Type></recordRef></tns:GetRecordRequest>';

    const xml = xmlOf(runSoapCall(store, envelope(body), soapActionOf('GetRecord')));
    const [entry] = store.journal.all();

    expect(xml).toContain('<Type>AUTHENTICATION</Type>');
    expect(entry).toMatchObject({ operation: 'GetRecord', outcome: 'fault' });
    expect(JSON.stringify(entry)).not.toContain('pw');
  });

  it('decodes nil as null so that an update can clear a field', () => {
    const { store, typeId, creds } = setUp();
    const id = store.addRecord('CLIENT', {
      Label: 'Acme',
      Lang: 'fr',
      TypeRef: { Id: typeId },
    });
    const body =
      `<tns:UpdateRecordRequest>${creds}<record xsi:type="tns:Client"><Id>${id}</Id>` +
      `<Lang xsi:nil="true"/></record></tns:UpdateRecordRequest>`;

    xmlOf(runSoapCall(store, envelope(body), soapActionOf('UpdateRecord')));

    expect(store.get('CLIENT', id)?.['Lang']).toBeUndefined();
    expect(store.journal.all()[0]?.request).toEqual({
      record: { $type: 'Client', Id: id, Lang: null },
    });
  });

  it('injects a fault before processing, once', () => {
    const { store, typeId, creds } = setUp();
    store.injectFault({ operation: 'CreateRecord', kind: 'validation', message: 'Nope' });
    const body =
      `<tns:CreateRecordRequest>${creds}<record xsi:type="tns:Client"><TypeRef><Id>${typeId}</Id></TypeRef>` +
      `<Label>Acme</Label></record></tns:CreateRecordRequest>`;

    const first = xmlOf(runSoapCall(store, envelope(body), soapActionOf('CreateRecord')));
    const second = xmlOf(
      runSoapCall(store, envelope(body), soapActionOf('CreateRecord')),
    );

    expect(first).toContain('<Type>VALIDATION</Type><');
    expect(first).toContain('Nope');
    expect(second).toContain('<tns:CreateRecordResponse>');
    expect(store.list('CLIENT')).toHaveLength(1);
  });

  it('can do the work and then lose the answer', () => {
    const { store, typeId, creds } = setUp();
    store.injectFault({
      operation: 'CreateRecord',
      kind: 'timeout',
      afterProcessing: true,
      holdMs: 5,
    });
    const body =
      `<tns:CreateRecordRequest>${creds}<record xsi:type="tns:Client"><TypeRef><Id>${typeId}</Id></TypeRef>` +
      `<Label>Acme</Label></record></tns:CreateRecordRequest>`;

    const result = runSoapCall(store, envelope(body), soapActionOf('CreateRecord'));

    expect(result).toEqual({ kind: 'hold', holdMs: 5 });
    expect(store.list('CLIENT')).toHaveLength(1);
    expect(store.journal.all()).toEqual([
      expect.objectContaining({
        operation: 'CreateRecord',
        outcome: 'ok',
        answerLost: true,
      }),
    ]);
  });
});
