import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import {
  allFields,
  complexType,
  isScalar,
  SOAP_ENV_NS,
  TNS,
  XSD_NS,
  XSI_NS,
} from '../schema/wire-schema';
import { asAny, isWireObject, type WireObject, type WireValue } from './wire-value';

function envelope(): { doc: XMLBuilder; body: XMLBuilder } {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const env = doc.ele(SOAP_ENV_NS, 'soap:Envelope', {
    'xmlns:tns': TNS,
    'xmlns:xsi': XSI_NS,
    'xmlns:xsd': XSD_NS,
  });
  return { doc, body: env.ele(SOAP_ENV_NS, 'soap:Body') };
}

/** A response envelope whose body is the global element `elementName` of that type. */
export function encodeResponse(elementName: string, value: WireObject): string {
  const { doc, body } = envelope();
  const root = body.ele(TNS, `tns:${elementName}`);
  writeComplex(root, elementName, value);
  return doc.end();
}

export interface FaultBody {
  code: 'soap:Client' | 'soap:Server';
  message: string;
  /** The ProgressionWebServiceFault detail; absent for faults raised before dispatch. */
  detail?: { Type: string; Message: string };
}

/** A SOAP 1.1 fault envelope carrying, when given, the service's typed fault detail. */
export function encodeFault(fault: FaultBody): string {
  const { doc, body } = envelope();
  const node = body.ele(SOAP_ENV_NS, 'soap:Fault');
  node.ele('faultcode').txt(fault.code);
  node.ele('faultstring').txt(fault.message);
  if (fault.detail) {
    const detail = node.ele('detail').ele(TNS, 'tns:ProgressionWebServiceFault');
    detail.ele('Message').txt(fault.detail.Message);
    detail.ele('Type').txt(fault.detail.Type);
  }
  return doc.end();
}

function writeComplex(
  node: XMLBuilder,
  declared: string,
  value: WireObject,
  forceXsiType = false,
): void {
  const type = value.$type ?? declared;
  const fields = allFields(type);
  const known = new Set(fields.map((field) => field.name));
  const stray = Object.keys(value).filter((k) => k !== '$type' && !known.has(k));
  if (stray.length > 0)
    throw new Error(`fake bug: ${type} has no field ${stray.join(', ')}`);
  if (forceXsiType || type !== declared || complexType(declared)?.abstract) {
    node.att(XSI_NS, 'xsi:type', `tns:${type}`);
  }
  for (const field of fields) {
    const fieldValue = value[field.name];
    if (fieldValue === undefined || fieldValue === null) continue;
    const items = Array.isArray(fieldValue) ? fieldValue : [fieldValue];
    items.forEach((item) => writeValue(node.ele(field.name), field.type, item));
  }
}

function writeValue(node: XMLBuilder, type: string, value: WireValue): void {
  if (type === 'anyType') return writeAny(node, value);
  if (typeof value === 'string') {
    node.txt(value);
    return;
  }
  if (!isWireObject(value) || isScalar(type)) {
    throw new Error(`fake bug: cannot write ${JSON.stringify(value)} as ${type}`);
  }
  writeComplex(node, type, value);
}

function writeAny(node: XMLBuilder, value: WireValue): void {
  const any = asAny(value);
  if (!any) throw new Error('fake bug: anyType value without its wrapper');
  if (any.$type === null) {
    node.txt(String(any.value));
    return;
  }
  if (any.$type.startsWith('xsd:')) {
    node.att(XSI_NS, 'xsi:type', any.$type).txt(String(any.value));
    return;
  }
  if (!isWireObject(any.value))
    throw new Error('fake bug: typed anyType without an object');
  const { $type: _ignored, ...fields } = any.value;
  writeComplex(node, any.$type, fields, true);
}
