import { QBWC_NAMESPACE, QBWC_OPERATIONS, type OperationContract } from './qbwc-operations';

function requestElement(name: string, contract: OperationContract): string {
  const children = contract.params
    .map((param) =>
      contract.intParams?.includes(param)
        ? `<s:element minOccurs="1" maxOccurs="1" name="${param}" type="s:int"/>`
        : `<s:element minOccurs="0" maxOccurs="1" name="${param}" type="s:string"/>`,
    )
    .join('');
  return `<s:element name="${name}"><s:complexType><s:sequence>${children}</s:sequence></s:complexType></s:element>`;
}

function responseElement(name: string, contract: OperationContract): string {
  const type = contract.result === 'ArrayOfString' ? 'tns:ArrayOfString' : `s:${contract.result}`;
  const occurs = contract.result === 'int' ? 'minOccurs="1"' : 'minOccurs="0"';
  return (
    `<s:element name="${name}Response"><s:complexType><s:sequence>` +
    `<s:element ${occurs} maxOccurs="1" name="${name}Result" type="${type}"/>` +
    `</s:sequence></s:complexType></s:element>`
  );
}

/**
 * The service description of QBWebConnectorSvc: Intuit's contract (document/literal,
 * SOAP 1.1, namespace http://developer.intuit.com/) with `serverVersion` taking no
 * parameter as Web Connector really calls it, the three interactive operations, and
 * our own address.
 */
export function buildWsdl(address: string): string {
  const operations = Object.entries(QBWC_OPERATIONS) as [string, OperationContract][];
  const types = operations.map(([name, c]) => requestElement(name, c) + responseElement(name, c)).join('');
  const messages = operations
    .map(
      ([name]) =>
        `<wsdl:message name="${name}SoapIn"><wsdl:part name="parameters" element="tns:${name}"/></wsdl:message>` +
        `<wsdl:message name="${name}SoapOut"><wsdl:part name="parameters" element="tns:${name}Response"/></wsdl:message>`,
    )
    .join('');
  const portOperations = operations
    .map(
      ([name]) =>
        `<wsdl:operation name="${name}"><wsdl:input message="tns:${name}SoapIn"/><wsdl:output message="tns:${name}SoapOut"/></wsdl:operation>`,
    )
    .join('');
  const bindingOperations = operations
    .map(
      ([name]) =>
        `<wsdl:operation name="${name}"><soap:operation soapAction="${QBWC_NAMESPACE}${name}" style="document"/>` +
        '<wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>',
    )
    .join('');
  const escapedAddress = address.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<wsdl:definitions xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:s="http://www.w3.org/2001/XMLSchema" ' +
    `xmlns:tns="${QBWC_NAMESPACE}" targetNamespace="${QBWC_NAMESPACE}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">` +
    `<wsdl:types><s:schema elementFormDefault="qualified" targetNamespace="${QBWC_NAMESPACE}">` +
    '<s:complexType name="ArrayOfString"><s:sequence><s:element minOccurs="0" maxOccurs="unbounded" name="string" nillable="true" type="s:string"/></s:sequence></s:complexType>' +
    types +
    '</s:schema></wsdl:types>' +
    messages +
    `<wsdl:portType name="QBWebConnectorSvcSoap">${portOperations}</wsdl:portType>` +
    '<wsdl:binding name="QBWebConnectorSvcSoap" type="tns:QBWebConnectorSvcSoap">' +
    '<soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>' +
    bindingOperations +
    '</wsdl:binding>' +
    '<wsdl:service name="QBWebConnectorSvc"><wsdl:port name="QBWebConnectorSvcSoap" binding="tns:QBWebConnectorSvcSoap">' +
    `<soap:address location="${escapedAddress}"/></wsdl:port></wsdl:service>` +
    '</wsdl:definitions>'
  );
}
