import { createClientAsync, type Client, type IOptions } from 'soap';
import { toProgressionLiveError } from './fault-mapping';
import { WsdlModel } from './wsdl-model';

/** The path of the v2 service under a company's ProgressionLIVE address. */
export const SERVICE_PATH = '/server/ws/v2/ProgressionWebService';

/** A SOAP client for one ProgressionLIVE address, with what was learnt from its WSDL. */
export interface ServiceHandle {
  client: Client;
  model: WsdlModel;
  serviceUrl: string;
}

// Ids are longs, prices floats and times dateTimes: node-soap would turn them into
// JavaScript numbers and Dates, losing digits and offsets, so their text is kept as it is.
const keepText = (value: string) => value;
const KEEP_TEXT = {
  long: keepText,
  float: keepText,
  double: keepText,
  decimal: keepText,
  dateTime: keepText,
  date: keepText,
};

/**
 * SOAP clients by ProgressionLIVE address, built once from each address's WSDL.
 *
 * The `soap` package is used directly rather than through `nestjs-soap`: that module is a
 * thin wrapper over the same `createClientAsync`, but it creates its clients once, when
 * the Nest module starts, from fixed options. Here every company has its own address,
 * known only at run time, so the clients are made (and cached) on demand.
 */
export class ServiceClients {
  private readonly handles = new Map<string, Promise<ServiceHandle>>();

  constructor(private readonly loader: HandleLoader = loadFromWsdl) {}

  /** The handle for an address; a failed load is not cached, so the next call tries again. */
  get(baseUrl: string, timeoutMs: number): Promise<ServiceHandle> {
    const key = normaliseBaseUrl(baseUrl);
    let handle = this.handles.get(key);
    if (!handle) {
      handle = this.loader(key, timeoutMs);
      this.handles.set(key, handle);
      handle.catch(() => this.handles.delete(key));
    }
    return handle;
  }

  /** Forgets one address (or all), e.g. after the company's WSDL changed. */
  forget(baseUrl?: string): void {
    if (baseUrl === undefined) this.handles.clear();
    else this.handles.delete(normaliseBaseUrl(baseUrl));
  }
}

/** The process-wide cache the port uses unless given its own. */
export const defaultServiceClients = new ServiceClients();

export function normaliseBaseUrl(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '');
}

/** Builds the handle for one address. */
export type HandleLoader = (baseUrl: string, timeoutMs: number) => Promise<ServiceHandle>;

/** The node-soap options every client uses (shared with tests that load a canned WSDL). */
export function soapClientOptions(serviceUrl: string, timeoutMs: number): IOptions {
  return {
    endpoint: serviceUrl,
    customDeserializer: KEEP_TEXT,
    wsdl_options: { timeout: timeoutMs },
    handleNilAsNull: true,
  };
}

/** Loads the WSDL the company's address serves at `<service>?wsdl`. */
export async function loadFromWsdl(
  baseUrl: string,
  timeoutMs: number,
): Promise<ServiceHandle> {
  const serviceUrl = `${baseUrl}${SERVICE_PATH}`;
  try {
    const client = await createClientAsync(
      `${serviceUrl}?wsdl`,
      soapClientOptions(serviceUrl, timeoutMs),
    );
    return handleFor(client, serviceUrl);
  } catch (err) {
    throw toProgressionLiveError(err, 'WSDL');
  }
}

export function handleFor(client: Client, serviceUrl: string): ServiceHandle {
  return { client, model: new WsdlModel(client), serviceUrl };
}
