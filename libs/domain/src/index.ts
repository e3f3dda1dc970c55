export * from './entities';
export * from './errors/connector-error';
export * from './settings/company-settings';
export * from './services/work-items';
export { DOMAIN_MIGRATIONS } from './migrations';
export * from './services/export-events';
export * from './services/json-column';
export * from './services/outbox';
export * from './services/create-export';
