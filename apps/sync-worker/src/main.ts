import 'reflect-metadata';
import { bootstrapApp } from '@qbd/platform';
import { WorkerModule } from './app/app.module';

// The worker serves only health and metrics over HTTP; its real work is on the queues.
void bootstrapApp(WorkerModule.register(), { app: 'sync-worker', port: (config) => config.WORKER_PORT });
