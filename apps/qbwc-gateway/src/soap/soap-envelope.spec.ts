import { SoapRequestError, decodeText, readSoapCall } from './soap-envelope';
import { writeSoapFault, writeSoapResponse } from './soap-response';
import { buildWsdl } from './wsdl';
import { QBWC_OPERATIONS } from './qbwc-operations';

const envelope = (inner: string, prefix = 'soap') =>
  `<?xml version="1.0" encoding="utf-8"?><${prefix}:Envelope xmlns:${prefix}="http://schemas.xmlsoap.org/soap/envelope/"><${prefix}:Body>${inner}</${prefix}:Body></${prefix}:Envelope>`;

describe('readSoapCall', () => {
  it.each([
    ['default namespace', '<authenticate xmlns="http://developer.intuit.com/"><strUserName>u</strUserName><strPassword>p</strPassword></authenticate>'],
    ['prefixed children', '<ns1:authenticate xmlns:ns1="http://developer.intuit.com/"><ns1:strUserName>u</ns1:strUserName><ns1:strPassword>p</ns1:strPassword></ns1:authenticate>'],
    ['RPC style with xsi:type', '<q1:authenticate xmlns:q1="http://developer.intuit.com/" soap:encodingStyle="x"><strUserName xsi:type="xsd:string">u</strUserName><strPassword xsi:type="xsd:string">p</strPassword></q1:authenticate>'],
  ])('reads the operation and parameters with %s', (_name, body) => {
    const call = readSoapCall(envelope(body));
    expect(call.operation).toBe('authenticate');
    expect(call.namespace).toBe('http://developer.intuit.com/');
    expect(call.params).toEqual({ strUserName: 'u', strPassword: 'p' });
  });

  it('accepts a byte-order mark, self-closing parameters and CDATA', () => {
    const call = readSoapCall('\uFEFF' + envelope('<receiveResponseXML xmlns="http://developer.intuit.com/"><ticket>t</ticket><response><![CDATA[<QBXML a="&amp;"/>]]></response><hresult/><message /></receiveResponseXML>'));
    expect(call.params).toEqual({ ticket: 't', response: '<QBXML a="&amp;"/>', hresult: '', message: '' });
  });

  it('decodes escaped qbXML once, numeric references included', () => {
    const call = readSoapCall(envelope('<receiveResponseXML xmlns="http://developer.intuit.com/"><response>&lt;Name&gt;Caf&#233; &amp;amp; Fr&#xE8;res&lt;/Name&gt;</response></receiveResponseXML>'));
    expect(call.params.response).toBe('<Name>Café &amp; Frères</Name>');
  });

  it.each([
    ['a DTD', '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]>' + envelope('<serverVersion xmlns="http://developer.intuit.com/"/>')],
    ['an undeclared entity', envelope('<authenticate xmlns="http://developer.intuit.com/"><strUserName>&lol;</strUserName></authenticate>')],
    ['deep nesting', envelope('<a>'.repeat(40) + '</a>'.repeat(40))],
    ['a truncated body', envelope('<authenticate xmlns="http://developer.intuit.com/"><strUserName>u').slice(0, -30)],
    ['mismatched tags', envelope('<authenticate xmlns="http://developer.intuit.com/"><strUserName>u</strPassword></authenticate>')],
    ['text outside the envelope', envelope('<serverVersion xmlns="http://developer.intuit.com/"/>') + 'junk'],
    ['no operation', envelope('')],
    ['two operations', envelope('<serverVersion xmlns="http://developer.intuit.com/"/><clientVersion xmlns="http://developer.intuit.com/"/>')],
    ['a character reference to NUL', envelope('<authenticate xmlns="http://developer.intuit.com/"><strUserName>&#0;</strUserName></authenticate>')],
  ])('refuses %s', (_name, xml) => {
    expect(() => readSoapCall(xml)).toThrow(SoapRequestError);
  });

  it('refuses SOAP 1.2 as a version mismatch', () => {
    const xml = '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><serverVersion xmlns="http://developer.intuit.com/"/></e:Body></e:Envelope>';
    expect(() => readSoapCall(xml)).toThrow(expect.objectContaining({ faultCode: 'VersionMismatch' }));
  });

  it('decodes plain text without touching it', () => {
    expect(decodeText('plain text')).toBe('plain text');
  });
});

describe('SOAP responses', () => {
  it('wraps results in <op>Response/<op>Result in the Intuit namespace, escaped', () => {
    const xml = writeSoapResponse('sendRequestXML', '<?xml version="1.0"?><QBXML a="1&2"/>');
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(xml).toContain('<sendRequestXMLResponse xmlns="http://developer.intuit.com/"><sendRequestXMLResult>&lt;?xml version=&quot;1.0&quot;?&gt;&lt;QBXML a=&quot;1&amp;2&quot;/&gt;</sendRequestXMLResult>');
    expect(readSoapCall(xml.replace('sendRequestXMLResponse', 'x').replace('</sendRequestXMLResponse>', '</x>')).params.sendRequestXMLResult).toBe('<?xml version="1.0"?><QBXML a="1&2"/>');
  });

  it('always writes four strings for authenticate when given four', () => {
    const xml = writeSoapResponse('authenticate', ['t', '', '', '']);
    expect(xml.match(/<string>/g)).toHaveLength(4);
  });

  it('writes SOAP 1.1 faults without stack traces', () => {
    const xml = writeSoapFault('Client', 'Unknown operation <x>');
    expect(xml).toContain('<faultcode>soap:Client</faultcode><faultstring>Unknown operation &lt;x&gt;</faultstring>');
  });
});

describe('WSDL', () => {
  it('declares all eleven operations, document/literal, with our address', () => {
    const wsdl = buildWsdl('https://sync.example.com/qbwc');
    expect(Object.keys(QBWC_OPERATIONS)).toHaveLength(11);
    for (const operation of Object.keys(QBWC_OPERATIONS)) {
      expect(wsdl).toContain(`<soap:operation soapAction="http://developer.intuit.com/${operation}" style="document"/>`);
    }
    expect(wsdl).toContain('<s:element name="serverVersion"><s:complexType><s:sequence></s:sequence>');
    expect(wsdl).toContain('<s:element minOccurs="1" maxOccurs="1" name="qbXMLMajorVers" type="s:int"/>');
    expect(wsdl).toContain('<soap:address location="https://sync.example.com/qbwc"/>');
  });
});
