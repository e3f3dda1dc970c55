import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import {
  COMPLEX_TYPES,
  ComplexTypeDef,
  ENUMS,
  FieldDef,
  isScalar,
  MESSAGE_TYPES,
  OPERATIONS,
  SOAP_ENV_NS,
  TNS,
  XSD_NS,
} from './wire-schema';

export const SERVICE_PATH = '/server/ws/v2/ProgressionWebService';
const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
const WSDL_SOAP_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';
const FAULT_ELEMENT = 'ProgressionWebServiceFault';

/** The SOAPAction the WSDL declares for an operation (and the server dispatches on). */
export function soapActionOf(operation: string): string {
  return `${TNS}#${operation}`;
}

/** Builds the service description served at `?wsdl`, pointing at `baseUrl`. */
export function buildWsdl(baseUrl: string): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const defs = doc.ele(WSDL_NS, 'wsdl:definitions', {
    name: 'ProgressionWebService',
    targetNamespace: TNS,
    'xmlns:tns': TNS,
    'xmlns:xsd': XSD_NS,
    'xmlns:soap': WSDL_SOAP_NS,
  });
  addTypes(defs);
  addMessages(defs);
  addPortType(defs);
  addBinding(defs);
  addService(defs, baseUrl);
  return doc.end({ prettyPrint: true });
}

function addTypes(defs: XMLBuilder): void {
  const schema = defs
    .ele(WSDL_NS, 'wsdl:types')
    .ele(XSD_NS, 'xsd:schema', { targetNamespace: TNS, version: '1.0' });
  for (const [name, values] of Object.entries(ENUMS)) {
    const restriction = schema
      .ele(XSD_NS, 'xsd:simpleType', { name })
      .ele(XSD_NS, 'xsd:restriction', { base: 'xsd:string' });
    values.forEach((value) => restriction.ele(XSD_NS, 'xsd:enumeration', { value }));
  }
  [...COMPLEX_TYPES, ...MESSAGE_TYPES].forEach((type) => addComplexType(schema, type));
  MESSAGE_TYPES.forEach(({ name }) =>
    schema.ele(XSD_NS, 'xsd:element', { name, type: `tns:${name}` }),
  );
  schema.ele(XSD_NS, 'xsd:element', {
    name: FAULT_ELEMENT,
    type: `tns:${FAULT_ELEMENT}`,
  });
}

function addComplexType(schema: XMLBuilder, type: ComplexTypeDef): void {
  const attrs: Record<string, string> = { name: type.name };
  if (type.abstract) attrs['abstract'] = 'true';
  const node = schema.ele(XSD_NS, 'xsd:complexType', attrs);
  const holder = type.base
    ? node
        .ele(XSD_NS, 'xsd:complexContent')
        .ele(XSD_NS, 'xsd:extension', { base: `tns:${type.base}` })
    : node;
  const sequence = holder.ele(XSD_NS, 'xsd:sequence');
  type.fields.forEach((field) => sequence.ele(XSD_NS, 'xsd:element', fieldAttrs(field)));
}

function fieldAttrs(field: FieldDef): Record<string, string> {
  const prefix = isScalar(field.type) ? 'xsd' : 'tns';
  const attrs: Record<string, string> = {
    name: field.name,
    type: `${prefix}:${field.type}`,
    minOccurs: field.required ? '1' : '0',
  };
  if (field.many) attrs['maxOccurs'] = 'unbounded';
  if (!field.required && !field.many) attrs['nillable'] = 'true';
  return attrs;
}

function messageNames(): string[] {
  return [...MESSAGE_TYPES.map((t) => t.name), FAULT_ELEMENT];
}

function addMessages(defs: XMLBuilder): void {
  for (const name of messageNames()) {
    defs
      .ele(WSDL_NS, 'wsdl:message', { name })
      .ele(WSDL_NS, 'wsdl:part', { name: 'parameters', element: `tns:${name}` });
  }
}

function addPortType(defs: XMLBuilder): void {
  const portType = defs.ele(WSDL_NS, 'wsdl:portType', { name: 'ProgressionPortType' });
  for (const op of OPERATIONS) {
    const node = portType.ele(WSDL_NS, 'wsdl:operation', { name: op.name });
    node.ele(WSDL_NS, 'wsdl:input', { message: `tns:${op.input}` });
    node.ele(WSDL_NS, 'wsdl:output', { message: `tns:${op.output}` });
    node.ele(WSDL_NS, 'wsdl:fault', {
      name: FAULT_ELEMENT,
      message: `tns:${FAULT_ELEMENT}`,
    });
  }
}

function addBinding(defs: XMLBuilder): void {
  const binding = defs.ele(WSDL_NS, 'wsdl:binding', {
    name: 'ProgressionBinding',
    type: 'tns:ProgressionPortType',
  });
  binding.ele(WSDL_SOAP_NS, 'soap:binding', {
    style: 'document',
    transport: 'http://schemas.xmlsoap.org/soap/http',
  });
  for (const op of OPERATIONS) {
    const node = binding.ele(WSDL_NS, 'wsdl:operation', { name: op.name });
    node.ele(WSDL_SOAP_NS, 'soap:operation', { soapAction: soapActionOf(op.name) });
    node.ele(WSDL_NS, 'wsdl:input').ele(WSDL_SOAP_NS, 'soap:body', { use: 'literal' });
    node.ele(WSDL_NS, 'wsdl:output').ele(WSDL_SOAP_NS, 'soap:body', { use: 'literal' });
    node
      .ele(WSDL_NS, 'wsdl:fault', { name: FAULT_ELEMENT })
      .ele(WSDL_SOAP_NS, 'soap:fault', { name: FAULT_ELEMENT, use: 'literal' });
  }
}

function addService(defs: XMLBuilder, baseUrl: string): void {
  defs
    .ele(WSDL_NS, 'wsdl:service', { name: 'ProgressionWebService' })
    .ele(WSDL_NS, 'wsdl:port', {
      name: 'ProgressionPort',
      binding: 'tns:ProgressionBinding',
    })
    .ele(WSDL_SOAP_NS, 'soap:address', { location: `${baseUrl}${SERVICE_PATH}` });
}

export { SOAP_ENV_NS };
