import 'reflect-metadata';
import { bootstrapApp } from '@qbd/platform';
import { GatewayModule } from './app/gateway.module';
import { configureGateway } from './app/configure-gateway';

void bootstrapApp(GatewayModule.register(), {
  app: 'qbwc-gateway',
  port: (config) => config.GATEWAY_PORT,
  bodyLimitBytes: (config) => config.GATEWAY_BODY_LIMIT_MB * 1024 * 1024,
  configure: configureGateway,
});
