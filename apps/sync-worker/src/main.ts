import 'reflect-metadata';
import { bootstrapApp } from '@qbd/platform';
import { AppModule } from './app/app.module';

// The worker serves only health and metrics over HTTP; its real work is on the queues.
void bootstrapApp(AppModule, { app: 'sync-worker', port: (config) => config.WORKER_PORT });
