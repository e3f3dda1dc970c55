/**
 * `@qbd/qbxml`: the qbXML codec. Typed requests in, qbXML QuickBooks accepts out; qbXML
 * responses in, typed results out. Intuit's names inside, decimal strings for money.
 */
export {
  QbxmlError,
  type QbxmlErrorCode,
  type QbxmlErrorInit,
  type QbxmlErrorRecord,
  type QbFixableBy,
  type QbLocalizedText,
} from './lib/errors/qbxml-error';
export {
  SUPPORTED_QBXML_VERSIONS,
  compareQbxmlVersions,
  isAtLeast,
  negotiateVersion,
  toQbCountry,
  type QbCountry,
  type QbxmlTarget,
} from './lib/version/qbxml-version';
export {
  describeStatus,
  normalizeStatusCode,
  KNOWN_STATUS_CODES,
  type QbStatusInfo,
} from './lib/status/status-table';
export {
  fromQbText,
  prepareQbText,
  toAsciiXml,
  toQbText,
  type QbTextChange,
  type QbTextPreparation,
} from './lib/text/qb-text';
export {
  addDecimals,
  compareDecimals,
  computeLineAmount,
  formatAmount,
  formatExactAmount,
  formatQuantity,
  formatRate,
  multiplyDecimals,
} from './lib/numbers/qb-decimal';
export {
  qbDateTimeLocalPart,
  qbDateTimeToIso,
  toQbDate,
  toQbDateTimeFilter,
} from './lib/dates/qb-datetime';
export * from './lib/requests/request-types';
export { buildRequestXml, type BuildOptions } from './lib/requests/build-request';
export {
  isOkStatus,
  ResponseReader,
  type QbResponse,
  type QbResponseDocument,
  type ReadOptions,
} from './lib/responses/response-reader';
export {
  createResponseStream,
  parseResponseDocument,
  parseResponseXml,
  recordsOf,
} from './lib/responses/parse-response';
export * from './lib/responses/response-types';
export {
  parseHostResponse,
  type HostInfo,
  type QbEdition,
} from './lib/responses/host-info';
export { richestSampleRequests } from './lib/samples/richest-requests';
export { itemSalesInfo, type ItemSalesInfo } from './lib/responses/item-pricing';
