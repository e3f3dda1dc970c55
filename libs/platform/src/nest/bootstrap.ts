import { randomUUID } from 'node:crypto';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { AppConfig, loadConfig } from '../config/app-config';
import { migrate } from '../database/data-source';
import { enterLogContext } from '../logging/log-context';
import { PinoNestLogger, createLogger } from '../logging/logger';
import { ConnectorMetrics } from '../metrics/metrics';

export interface BootstrapOptions {
  app: string;
  port: (config: AppConfig) => number;
  bodyLimitBytes?: (config: AppConfig) => number;
  /** Extra set-up on the app before it listens (Swagger, SOAP parser, Bull Board ...). */
  configure?: (app: NestFastifyApplication, config: AppConfig) => Promise<void> | void;
}

/** Creates the Fastify adapter every app uses: request ids, body limit, no Fastify logs. */
export function createFastifyAdapter(
  bodyLimit = 1024 * 1024,
  trustProxy: string | boolean = false,
): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit,
    // Behind the HTTPS proxy, the client's address comes from X-Forwarded-For, but only
    // from the proxies named here: a header from anyone else is not believed.
    trustProxy,
    logger: false,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given)
        ? given
        : randomUUID();
    },
  });
}

/** `TRUST_PROXY`: empty (no proxy), or a comma-separated list of proxy addresses/CIDRs. */
export function trustedProxies(value: string): string | boolean {
  return value.trim() === '' ? false : value;
}

/** Request id in every log line and HTTP metrics for every route of a Nest app. */
export function instrumentHttp(app: NestFastifyApplication, logger: Logger): void {
  const metrics = app.get(ConnectorMetrics);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    enterLogContext({ requestId: request.id });
    reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unknown';
    const labels = { method: request.method, route };
    metrics.httpRequests.inc({ ...labels, status: String(reply.statusCode) });
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500)
      logger.error({ route, status: reply.statusCode }, 'request failed');
    done();
  });
}

/**
 * Boots one app: validates the configuration (exits with the list of problems), migrates
 * in development, starts Nest on Fastify with JSON logs, and shuts down gracefully.
 */
export async function bootstrapApp(
  module: Type<unknown> | DynamicModule,
  options: BootstrapOptions,
): Promise<INestApplication> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${options.app}: ${(error as Error).message}\n`);
    process.exit(78);
  }
  const logger = createLogger(options.app, config.LOG_LEVEL);

  if (config.migrateOnStart) {
    const applied = await migrate({
      url: config.DATABASE_URL,
      schema: config.DATABASE_SCHEMA,
    });
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  }

  const adapter = createFastifyAdapter(
    options.bodyLimitBytes?.(config),
    trustedProxies(config.TRUST_PROXY),
  );
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
  });
  instrumentHttp(app, logger);
  app.enableShutdownHooks();
  await options.configure?.(app, config);

  const port = options.port(config);
  await app.listen(port, config.HOST);
  logger.info({ port, host: config.HOST }, `${options.app} listening`);
  return app;
}
