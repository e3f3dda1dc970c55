import { unsupportedError } from '../errors';
import type { WsdlModel } from './wsdl-model';

const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
const XSI_TYPE = Symbol('xsiType');
const ANY = Symbol('anyValue');

/** A value as the adapter builds it, before it is fitted to the company's WSDL. */
export type WireIn = string | null | undefined | WireInObject | WireIn[];

export interface WireInObject {
  [field: string]: WireIn;
  [XSI_TYPE]?: string;
  [ANY]?: { xsd?: string; tns?: string };
}

/** A record of a concrete type where the schema expects the abstract Record. */
export function typedRecord(typeName: string, fields: WireInObject): WireInObject {
  return { ...fields, [XSI_TYPE]: typeName };
}

/** An `anyType` value carrying an XML Schema scalar, e.g. `xsd:string`. */
export function xsdValue(xsdType: string, text: string): WireInObject {
  return { $value: text, [ANY]: { xsd: xsdType } };
}

/** An `anyType` value carrying one of the service's own types (a RecordRef, say). */
export function tnsValue(typeName: string, fields: WireInObject): WireInObject {
  return { ...fields, [ANY]: { tns: typeName } };
}

/**
 * Fits a value to the WSDL: renames every element to the WSDL's spelling (matching
 * case-insensitively, since the public record spells `Properties` both ways), and turns
 * the markers above into the xsi:type attributes node-soap writes out, in the WSDL's
 * order. An element the WSDL does not have is refused rather than sent to be dropped.
 */
export function fitToWsdl(
  model: WsdlModel,
  typeName: string,
  value: WireInObject,
): object {
  return fitObject(model, typeName, value, typeName);
}

function fitValue(model: WsdlModel, type: string, value: WireIn, path: string): unknown {
  if (value === null || typeof value === 'string') return value;
  if (Array.isArray(value))
    return value.map((v, i) => fitValue(model, type, v, `${path}[${i}]`));
  if (value === undefined) return undefined;
  if (value[ANY]) return fitAny(model, value, path);
  return fitObject(model, type, value, path);
}

// Elements go out in the WSDL's sequence order (base type first): a lenient server would
// not mind, a validating one refuses anything else.
function fitObject(
  model: WsdlModel,
  declared: string,
  value: WireInObject,
  path: string,
) {
  const actual = value[XSI_TYPE] ? wsdlType(model, value[XSI_TYPE], path) : declared;
  const fields = model.fields(actual);
  const given = new Map<string, WireIn>();
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    if (!fields.has(key.toLowerCase())) {
      throw unsupportedError(`the service's WSDL has no element ${key} in ${actual}`, {
        faultMessage: path,
      });
    }
    given.set(key.toLowerCase(), item);
  }
  const out: Record<string, unknown> = {};
  if (value[XSI_TYPE]) out['attributes'] = xsiAttributes(model, actual);
  for (const [lower, field] of fields) {
    if (!given.has(lower)) continue;
    out[field.name] = fitValue(
      model,
      field.type,
      given.get(lower),
      `${path}.${field.name}`,
    );
  }
  return out;
}

function fitAny(model: WsdlModel, value: WireInObject, path: string): unknown {
  const marker = value[ANY] as { xsd?: string; tns?: string };
  if (marker.xsd) {
    return {
      attributes: { 'xmlns:xsd': XSD_NS, 'xsi:type': `xsd:${marker.xsd}` },
      $value: value['$value'],
    };
  }
  const typeName = wsdlType(model, marker.tns as string, path);
  const { [ANY]: _marker, ...fields } = value;
  const fitted = fitObject(model, typeName, fields, path);
  return { attributes: xsiAttributes(model, typeName), ...fitted };
}

function wsdlType(model: WsdlModel, name: string, path: string): string {
  const found = model.typeName(name);
  if (!found) throw unsupportedError(`the service's WSDL has no type ${name} (${path})`);
  return found;
}

// node-soap qualifies the children of an element it types itself; that is right when the
// schema's local elements are qualified and wrong when they are not, so the attribute is
// written by hand in the second case.
function xsiAttributes(model: WsdlModel, typeName: string): Record<string, unknown> {
  if (model.qualified) {
    return { xsi_type: { type: typeName, xmlns: model.targetNamespace } };
  }
  return { 'xmlns:plw': model.targetNamespace, 'xsi:type': `plw:${typeName}` };
}
