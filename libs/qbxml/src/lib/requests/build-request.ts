import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { programmingError, QbxmlError } from '../errors/qbxml-error';
import { MESSAGE_SET_ATTRIBUTES } from '../generated/qbxml130.spec.generated';
import { toAsciiXml, toQbText } from '../text/qb-text';
import {
  SUPPORTED_QBXML_VERSIONS,
  toQbCountry,
  type QbxmlTarget,
} from '../version/qbxml-version';
import { invalid } from './leaf-writer';
import type { QbRequest } from './request-types';
import { writeRequest, type XmlElement } from './request-writer';

/** How one request document is written. */
export interface BuildOptions {
  /** Version negotiated with this QuickBooks (see `negotiateVersion`) and its edition. */
  target: QbxmlTarget;
  /**
   * What QuickBooks does after a failing request: `stopOnError` (default; later requests
   * are not processed and get no response) or `continueOnError` (each runs on its own).
   */
  onError?: 'stopOnError' | 'continueOnError';
  /** Asks QuickBooks to keep the response under this id (at most 24 characters). */
  newMessageSetID?: string;
  /** Asks QuickBooks for the responses it kept under this id (error recovery). */
  oldMessageSetID?: string;
  /** HostRet/ProductName, quoted in version errors. */
  productName?: string;
  /** Indent the XML (default true; whitespace between elements is insignificant). */
  pretty?: boolean;
}

const MESSAGE_SET_ID_MAX_LENGTH = 24;

/**
 * Builds one qbXML request document: `<?xml version="1.0"?>` at byte 0, then
 * `<?qbxml version="X"?>`, then `QBXML/QBXMLMsgsRq` with one `…Rq` per request, in order.
 *
 * The document is pure ASCII: Latin-1 characters travel as numeric references (`&#233;`),
 * other characters were transliterated or refused field by field (see `prepareQbText`).
 * Elements follow the schema order whatever the key order of the objects; blank values
 * are omitted; blank ids, over-long text, over-precise numbers and elements the target
 * version or edition lacks are refused with a {@link QbxmlError} naming the field.
 */
export function buildRequestXml(requests: QbRequest[], options: BuildOptions): string {
  const target = checkTarget(options.target);
  checkRequestSet(requests, options);
  const ctx = { target, productName: options.productName };
  const elements = requests.map((request) => writeRequest(request, ctx));
  const doc = create({ version: '1.0' });
  doc.ins('qbxml', `version="${target.version}"`);
  const messageSet = doc.ele('QBXML').ele('QBXMLMsgsRq', messageSetAttributes(options));
  for (const element of elements) appendElement(messageSet, element);
  const xml = doc.end({ prettyPrint: options.pretty ?? true, indent: '  ' });
  return toAsciiXml(xml);
}

function checkTarget(target: QbxmlTarget): QbxmlTarget {
  const country = toQbCountry(target?.country);
  if (!SUPPORTED_QBXML_VERSIONS.includes(target?.version)) {
    throw new QbxmlError({
      code: 'QBXML_VERSION_UNSUPPORTED',
      field: 'target.version',
      fixableBy: 'developer',
      retryable: false,
      text: {
        en: `qbXML ${target?.version} is not a version this connector speaks (${SUPPORTED_QBXML_VERSIONS.join(', ')}).`,
        fr: `qbXML ${target?.version} n'est pas une version que ce connecteur parle (${SUPPORTED_QBXML_VERSIONS.join(', ')}).`,
      },
    });
  }
  return { version: target.version, country };
}

function checkRequestSet(requests: QbRequest[], options: BuildOptions): void {
  if (requests.length === 0 && !options.oldMessageSetID) {
    throw programmingError('QBXML_MISSING_FIELD', 'requests', {
      en: 'A qbXML message set needs at least one request (or an oldMessageSetID).',
      fr: 'Un lot qbXML exige au moins une demande (ou un oldMessageSetID).',
    });
  }
  const seen = new Set<string>();
  for (const request of requests) {
    if (seen.has(request.requestID)) {
      throw invalid(
        `${request.type}@requestID`,
        request.requestID,
        'unique in the message set',
      );
    }
    seen.add(request.requestID);
  }
}

function messageSetAttributes(options: BuildOptions): Record<string, string> {
  const onError = options.onError ?? 'stopOnError';
  const allowed = MESSAGE_SET_ATTRIBUTES.find((a) => a.name === 'onError')?.values ?? [];
  // rollbackOnError is in the schema, but QuickBooks Desktop cannot be relied on to roll back.
  if (!allowed.includes(onError) || (onError as string) === 'rollbackOnError') {
    throw invalid('onError', onError, 'stopOnError or continueOnError');
  }
  const attributes: Record<string, string> = {};
  for (const name of ['oldMessageSetID', 'newMessageSetID'] as const) {
    const value = options[name];
    if (value !== undefined) attributes[name] = messageSetId(value, name);
  }
  attributes.onError = onError;
  return attributes;
}

/** QuickBooks answers status 9004 to message set ids over 24 characters. */
function messageSetId(value: string, field: string): string {
  const id = toQbText(value, field);
  if (id.trim() === '' || id.length > MESSAGE_SET_ID_MAX_LENGTH) {
    throw invalid(field, value, `1 to ${MESSAGE_SET_ID_MAX_LENGTH} characters`);
  }
  return id;
}

function appendElement(parent: XMLBuilder, element: XmlElement): void {
  const node = parent.ele(element.name, element.attributes);
  if (element.text !== undefined) node.txt(element.text);
  for (const child of element.children) appendElement(node, child);
}
