import type { FaultTypeName } from '../schema/wire-schema';

/** A refusal the service reports as a SOAP fault with a ProgressionWebServiceFault detail. */
export class FakeFault extends Error {
  constructor(
    readonly type: FaultTypeName,
    message: string,
  ) {
    super(message);
  }
}

export const fault = {
  auth: (message: string) => new FakeFault('AUTHENTICATION', message),
  validation: (message: string) => new FakeFault('VALIDATION', message),
  notFound: (message: string) => new FakeFault('NOT_FOUND', message),
  unsupportedQuery: (message: string) => new FakeFault('UNSUPPORTED_QUERY', message),
  internal: (message: string) => new FakeFault('INTERNAL', message),
};
