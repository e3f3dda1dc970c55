import 'reflect-metadata';
import { bootstrapApp } from '@qbd/platform';
import { AppModule } from './app/app.module';
import { configureConfigApi } from './app/configure-app';

void bootstrapApp(AppModule, {
  app: 'config-api',
  port: (config) => config.CONFIG_API_PORT,
  configure: (app) => configureConfigApi(app),
});
