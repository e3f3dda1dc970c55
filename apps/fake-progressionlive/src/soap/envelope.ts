import { soapActionOf } from '../schema/wsdl';
import { OPERATIONS, OperationDef, SOAP_ENV_NS, TNS } from '../schema/wire-schema';
import { decodeElement, WireDecodeError } from './decode';
import type { WireObject } from './wire-value';
import { parseXml, type XmlNode } from './xml-tree';

export interface SoapRequest {
  operation: OperationDef;
  body: WireObject;
}

/** Reads a SOAP 1.1 request and decodes its body element against the schema. */
export function readRequest(
  xml: string,
  soapActionHeader: string | undefined,
): SoapRequest {
  const root = parseXml(xml);
  const element = bodyElement(root);
  const operation = chooseOperation(element, soapActionHeader);
  const body = decodeElement(element, operation.input, operation.input);
  return { operation, body: body as WireObject };
}

function bodyElement(root: XmlNode): XmlNode {
  if (root.ns !== SOAP_ENV_NS || root.name !== 'Envelope') {
    throw new WireDecodeError('not a SOAP 1.1 envelope');
  }
  const body = root.children.find((c) => c.ns === SOAP_ENV_NS && c.name === 'Body');
  if (!body) throw new WireDecodeError('the envelope has no Body');
  if (body.children.length !== 1) {
    throw new WireDecodeError('the Body must hold exactly one element');
  }
  const element = body.children[0] as XmlNode;
  if (element.ns !== TNS) {
    throw new WireDecodeError(
      `body element {${element.ns}}${element.name} is not in ${TNS}`,
    );
  }
  return element;
}

// SearchRecords and SearchRecordRefs send the same element, so the SOAPAction decides;
// without one, the element alone must name a single operation.
function chooseOperation(element: XmlNode, header: string | undefined): OperationDef {
  const action = (header ?? '').trim().replace(/^"|"$/g, '');
  const candidates = OPERATIONS.filter((op) => op.input === element.name);
  if (candidates.length === 0) {
    throw new UnknownOperationError(`no operation takes a ${element.name}`);
  }
  if (action) {
    const match = candidates.find((op) => soapActionOf(op.name) === action);
    if (!match) {
      throw new UnknownOperationError(
        `SOAPAction "${action}" does not take a ${element.name}`,
      );
    }
    return match;
  }
  if (candidates.length > 1) {
    throw new UnknownOperationError(`${element.name} is ambiguous without a SOAPAction`);
  }
  return candidates[0] as OperationDef;
}

export class UnknownOperationError extends Error {}
