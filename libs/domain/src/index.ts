export * from './entities';
export * from './errors/connector-error';
export * from './settings/company-settings';
export { DOMAIN_MIGRATIONS } from './migrations';
