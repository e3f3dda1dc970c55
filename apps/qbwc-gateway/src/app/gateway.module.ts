import { Module, type DynamicModule } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig, PlatformModule, REDIS } from '@qbd/platform';
import { QbwcService } from '../qbwc/qbwc.service';
import { LoginThrottle } from '../session/login-throttle';
import { TicketStore } from '../session/ticket-store';
import { VerifiedLogins } from '../session/verified-logins';
import { WorkDispatcher } from '../work/work-dispatcher';

/** The gateway: the SOAP endpoint's services over the shared platform. */
@Module({})
export class GatewayModule {
  static register(config?: AppConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [PlatformModule.forRoot({ app: 'qbwc-gateway', config })],
      providers: [
        {
          provide: TicketStore,
          useFactory: (redis: Redis, appConfig: AppConfig) =>
            new TicketStore(redis, appConfig.QUEUE_PREFIX, appConfig.TICKET_TTL_SECONDS),
          inject: [REDIS, AppConfig],
        },
        {
          provide: LoginThrottle,
          useFactory: (redis: Redis, appConfig: AppConfig) => new LoginThrottle(redis, appConfig.QUEUE_PREFIX),
          inject: [REDIS, AppConfig],
        },
        {
          provide: VerifiedLogins,
          useFactory: (redis: Redis, appConfig: AppConfig) =>
            new VerifiedLogins(redis, appConfig.QUEUE_PREFIX, appConfig.SECRET_KEY),
          inject: [REDIS, AppConfig],
        },
        WorkDispatcher,
        QbwcService,
      ],
      exports: [QbwcService, TicketStore, WorkDispatcher],
    };
  }
}
