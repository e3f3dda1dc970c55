// The QuickBooks Desktop + Web Connector simulator: a company file that answers qbXML as
// QuickBooks does, a Web Connector that drives a gateway over HTTP, bundled and generated
// company data, and failures on demand.

export {
  CompanyFile,
  type CompanyFileOptions,
  type QbAnswer,
} from './company/company-file';
export {
  caPremierSettings,
  usEnterpriseSettings,
  usProSettings,
  type CompanySettings,
} from './company/company-settings';
export type { CompanySnapshot } from './company/company-store';
export type {
  CompanyData,
  ListChange,
  ListInput,
  TxnSummary,
} from './company/company-data';
export { loadCompany, saveCompany } from './company/company-state';
export type {
  Faults,
  LoseResponseRule,
  MidIteratorRule,
  RefuseRule,
  RequestMatch,
} from './company/faults';
export {
  ITEM_TYPES,
  type ItemType,
  type ListRecord,
  type ListType,
  type TxnRecord,
  type TxnType,
} from './company/model';
export { QbSession } from './company/qb-session';
export {
  PARSE_ERROR_HRESULT,
  PARSE_ERROR_MESSAGE,
  QbRequestProcessorError,
} from './company/request-errors';
export { demoCompany, DEMO_FIXTURES } from './data/demo-company';
export { generateCompany, type GeneratorOptions } from './data/generator';
export {
  QbxmlSchemaValidator,
  sharedSchemaValidator,
  type SchemaVerdict,
} from './qbxml/schema-validator';
export { parseQwc, qwcProblems, type QwcFile } from './web-connector/qwc-file';
export {
  runSchedule,
  type ScheduledRun,
  type ScheduleOptions,
} from './web-connector/schedule';
export {
  callSequence,
  type QbExchange,
  type SessionOutcome,
  type SessionReport,
  type SoapCallRecord,
} from './web-connector/session-report';
export { parseResponseEnvelope, requestEnvelope } from './web-connector/soap-envelope';
export { WEB_CONNECTOR_USER_AGENT } from './web-connector/soap-transport';
export { WebConnector, type WebConnectorOptions } from './web-connector/web-connector';
