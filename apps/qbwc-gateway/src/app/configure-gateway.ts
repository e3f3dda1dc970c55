import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardAdapter } from '@bull-board/fastify';
import fastifyBasicAuth from '@fastify/basic-auth';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import { AppConfig, ConnectorMetrics, LOGGER } from '@qbd/platform';
import { QueueClient } from '@qbd/queues';
import { QbwcService } from '../qbwc/qbwc.service';
import { registerSoapEndpoint } from '../soap/soap-endpoint';
import { adminErrorResponse } from './admin-errors';

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Mounts the SOAP endpoint and, behind basic authentication, Bull Board. */
export async function configureGateway(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  await registerSoapEndpoint(fastify, {
    path: config.QBWC_PATH,
    publicUrl: config.GATEWAY_PUBLIC_URL,
    bodyLimitBytes: config.GATEWAY_BODY_LIMIT_MB * 1024 * 1024,
    service: app.get(QbwcService),
    metrics: app.get(ConnectorMetrics),
    logger: app.get<Logger>(LOGGER),
  });

  const board = new BullBoardAdapter();
  board.setBasePath('/admin/queues');
  createBullBoard({
    queues: app.get(QueueClient).all().map((queue) => new BullMQAdapter(queue)),
    serverAdapter: board,
  });
  const logger = app.get<Logger>(LOGGER);
  const onBoardError = (error: Error & { statusCode?: number }) => {
    const response = adminErrorResponse(error);
    if (response.status >= 500) logger.error({ err: error.message, stack: error.stack }, 'queue dashboard error');
    return response;
  };
  // Bull Board's typing lists fewer statuses than it passes on (401 among them).
  board.setErrorHandler(onBoardError as unknown as Parameters<BullBoardAdapter['setErrorHandler']>[0]);
  await fastify.register(async (scope) => {
    await scope.register(fastifyBasicAuth, {
      validate: async (user, password) => {
        const valid = sameText(user, config.BULL_BOARD_USER) && sameText(password, config.BULL_BOARD_PASSWORD);
        if (!valid) throw new Error('Unauthorized');
      },
      authenticate: { realm: 'qbd-connector' },
    });
    scope.addHook('onRequest', scope.basicAuth);
    await scope.register(board.registerPlugin(), { prefix: '/admin/queues' });
  });
}
