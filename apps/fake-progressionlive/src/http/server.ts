import Fastify from 'fastify';
import { FakeProgressionLiveStore, type FakeOptions } from '../store/fake-store';
import { registerControlRoutes } from './control-routes';
import { HeldRequests, registerSoapRoutes } from './soap-routes';

export interface StartOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host: '127.0.0.1' | '::1' | 'localhost';
  /** Settings of the simulated server whose real behaviour is unknown. */
  options?: Partial<FakeOptions>;
  /** An existing store to serve (e.g. one already seeded). */
  store?: FakeProgressionLiveStore;
}

export interface RunningFake {
  /** The company's ProgressionLIVE address, e.g. http://127.0.0.1:4010. */
  url: string;
  store: FakeProgressionLiveStore;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Starts the fake ProgressionLIVE on a loopback port: SOAP service, WSDL and control API. */
export async function startFakeProgressionLive(opts: StartOptions): Promise<RunningFake> {
  // The fake is for this machine only; it refuses to listen anywhere but loopback.
  if (!LOOPBACK.has(opts.host)) throw new Error(`refusing to listen on ${opts.host}`);
  const store = opts.store ?? new FakeProgressionLiveStore(opts.options);
  const held = new HeldRequests();
  const app = Fastify({ logger: false, forceCloseConnections: true });
  let url = '';

  registerSoapRoutes(app, store, held, () => url);
  registerControlRoutes(app, store);
  await app.listen({ port: opts.port ?? 0, host: opts.host });
  url = urlOf(app.server.address(), opts.host);

  const close = async () => {
    held.releaseAll();
    await app.close();
  };
  return { url, store, close };
}

function urlOf(address: ReturnType<import('node:net').Server['address']>, host: string) {
  if (!address || typeof address === 'string')
    throw new Error('the fake has no TCP address');
  const shown = host === '::1' ? '[::1]' : host;
  return `http://${shown}:${address.port}`;
}
