import {
  allFields,
  complexType,
  ENUMS,
  isScalar,
  isSubtypeOf,
  ScalarType,
  TNS,
  XSD_NS,
} from '../schema/wire-schema';
import type { WireAny, WireObject, WireValue } from './wire-value';
import type { XmlNode } from './xml-tree';

/**
 * A request that does not match the schema. The fake is stricter than a lenient server
 * on purpose: an element in the wrong case or namespace would be silently dropped by a
 * real JAXB server, so here it fails the call and the test shows it.
 */
export class WireDecodeError extends Error {}

const LEXICAL: Partial<Record<ScalarType, RegExp>> = {
  int: /^[+-]?\d{1,10}$/,
  long: /^[+-]?\d{1,19}$/,
  float: /^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF|-INF|NaN)$/,
  double: /^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF|-INF|NaN)$/,
  decimal: /^[+-]?(\d+(\.\d*)?|\.\d+)$/,
  boolean: /^(true|false|1|0)$/,
  dateTime: /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/,
};

/** Decodes the element `node`, declared in the schema as `typeName`. */
export function decodeElement(node: XmlNode, typeName: string, path: string): WireValue {
  if (node.nil) return decodeNil(node, path);
  if (typeName === 'anyType') return decodeAny(node, path);
  if (isScalar(typeName)) return decodeScalar(node.text, typeName, path);
  if (ENUMS[typeName]) return decodeEnum(node.text, typeName, path);
  return decodeComplex(node, typeName, path);
}

function decodeNil(node: XmlNode, path: string): null {
  if (node.children.length > 0 || node.text.trim() !== '') {
    throw new WireDecodeError(`${path}: xsi:nil element has content`);
  }
  return null;
}

/** Checks a scalar's lexical form; booleans are normalised to true/false. */
export function decodeScalar(raw: string, type: ScalarType, path: string): string {
  const text = type === 'string' ? raw : raw.trim();
  const pattern = LEXICAL[type];
  if (pattern && !pattern.test(text)) {
    throw new WireDecodeError(`${path}: "${text}" is not a valid xsd:${type}`);
  }
  if (type === 'boolean') return text === 'true' || text === '1' ? 'true' : 'false';
  return text;
}

function decodeEnum(raw: string, typeName: string, path: string): string {
  const text = raw.trim();
  if (!ENUMS[typeName]?.includes(text)) {
    throw new WireDecodeError(`${path}: "${text}" is not a ${typeName} value`);
  }
  return text;
}

function decodeAny(node: XmlNode, path: string): WireAny {
  const xsiType = node.xsiType;
  if (!xsiType) {
    if (node.children.length > 0) {
      throw new WireDecodeError(
        `${path}: an anyType value with elements needs an xsi:type`,
      );
    }
    return { $type: null, value: node.text };
  }
  if (xsiType.ns === XSD_NS && isScalar(xsiType.name)) {
    return {
      $type: `xsd:${xsiType.name}`,
      value: decodeScalar(node.text, xsiType.name, path),
    };
  }
  if (xsiType.ns === TNS && complexType(xsiType.name)) {
    return { $type: xsiType.name, value: decodeComplex(node, xsiType.name, path) };
  }
  throw new WireDecodeError(`${path}: unknown xsi:type {${xsiType.ns}}${xsiType.name}`);
}

function actualType(node: XmlNode, declared: string, path: string): string {
  const def = complexType(declared);
  if (!def) throw new WireDecodeError(`${path}: unknown type ${declared}`);
  if (!node.xsiType) {
    if (def.abstract) {
      throw new WireDecodeError(
        `${path}: ${declared} is abstract; an xsi:type is required`,
      );
    }
    return declared;
  }
  const { ns, name } = node.xsiType;
  if (ns !== TNS || !complexType(name) || !isSubtypeOf(name, declared)) {
    throw new WireDecodeError(`${path}: xsi:type ${name} is not a ${declared}`);
  }
  return name;
}

function decodeComplex(node: XmlNode, declared: string, path: string): WireObject {
  const type = actualType(node, declared, path);
  const fields = new Map(allFields(type).map((field) => [field.name, field]));
  const out: WireObject =
    type !== declared || complexType(declared)?.abstract ? { $type: type } : {};
  if (node.text.trim() !== '') {
    throw new WireDecodeError(`${path}: ${type} has no text content`);
  }
  for (const child of node.children) {
    decodeChild(out, child, fields, `${path}/${child.name}`);
  }
  // Like a JAXB server, decoding does not insist on minOccurs="1" elements; the store
  // refuses what the service would refuse on business grounds.
  return out;
}

function decodeChild(
  out: WireObject,
  child: XmlNode,
  fields: Map<string, { name: string; type: string; many?: boolean }>,
  path: string,
): void {
  // The schema's local elements are unqualified: a namespaced child is not the same element.
  const field = child.ns === '' ? fields.get(child.name) : undefined;
  if (!field) {
    const shown = child.ns ? `{${child.ns}}${child.name}` : child.name;
    throw new WireDecodeError(`${path}: unexpected element ${shown}`);
  }
  const value = decodeElement(child, field.type, path);
  if (field.many) {
    const items = (out[field.name] as WireValue[] | undefined) ?? [];
    out[field.name] = [...items, value];
    return;
  }
  if (out[field.name] !== undefined) {
    throw new WireDecodeError(`${path}: element repeated`);
  }
  out[field.name] = value;
}
