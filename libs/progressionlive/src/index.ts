export * from './lib/port';
export * from './lib/errors';
export {
  createProgressionLivePort,
  type ProgressionLivePortOptions,
} from './lib/create-port';
export {
  ServiceClients,
  SERVICE_PATH,
  handleFor,
  loadFromWsdl,
  soapClientOptions,
  type HandleLoader,
  type ServiceHandle,
} from './lib/soap/service-clients';
export { plainDecimal } from './lib/soap/decimal-text';
