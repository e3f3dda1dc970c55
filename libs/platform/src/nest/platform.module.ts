import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import { QueueClient, createRedisConnection } from '@qbd/queues';
import { AppConfig, loadConfig } from '../config/app-config';
import { createLogger } from '../logging/logger';
import { SecretBox } from '../crypto/secret-box';
import { dataSourceOptions } from '../database/data-source';
import { ConnectorMetrics } from '../metrics/metrics';
import { APP_NAME, LOGGER, REDIS } from './tokens';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';

export interface PlatformOptions {
  app: string;
  /** A configuration made by the caller (tests); read from the environment otherwise. */
  config?: AppConfig;
}

/**
 * Everything every app shares, made once: configuration, logger, Postgres, Redis, queues,
 * metrics, the secret box, and the health and metrics routes.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const config = options.config ?? loadConfig();
    return {
      module: PlatformModule,
      imports: [
        TerminusModule,
        TypeOrmModule.forRoot({
          ...dataSourceOptions({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA }),
          // Keep retrying at boot while Postgres starts; health says when it is down later.
          retryAttempts: 30,
          retryDelay: 1000,
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: APP_NAME, useValue: options.app },
        { provide: AppConfig, useValue: config },
        { provide: LOGGER, useValue: createLogger(options.app, config.LOG_LEVEL) },
        { provide: REDIS, useFactory: () => createRedisConnection(config.REDIS_URL) },
        {
          provide: QueueClient,
          useFactory: (redis: Redis) => new QueueClient(redis, config.QUEUE_PREFIX),
          inject: [REDIS],
        },
        { provide: ConnectorMetrics, useValue: new ConnectorMetrics(options.app) },
        { provide: SecretBox, useValue: new SecretBox(config.SECRET_KEY) },
        PlatformShutdown,
      ],
      exports: [APP_NAME, AppConfig, LOGGER, REDIS, QueueClient, ConnectorMetrics, SecretBox, TypeOrmModule],
    };
  }
}

/** Closes queues and Redis last, after the apps' own workers have stopped. */
class PlatformShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly queues: QueueClient,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queues.close().catch(() => undefined);
    this.redis.disconnect();
  }
}
