import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ApiErrorFilter } from './common/api-error.filter';
import { ApiKeyGuard } from './common/api-key.guard';
import { QueuePublisher } from './common/queue-publisher';
import { createValidationPipe } from './common/validation';
import { CompaniesController } from './companies/companies.controller';
import { CompaniesService } from './companies/companies.service';
import { CompanyLookup } from './companies/company-lookup';
import { ConnectionController } from './connection/connection.controller';
import { ConnectionService } from './connection/connection.service';
import { ExportsController } from './exports/exports.controller';
import { ExportsService } from './exports/exports.service';
import { SettingsController } from './settings/settings.controller';
import { SettingsService } from './settings/settings.service';
import { SettingsChangedHook } from './settings/settings-changed.hook';
import { StatusController } from './status/status.controller';
import { StatusService } from './status/status.service';
import { SyncController } from './sync/sync.controller';
import { SyncService } from './sync/sync.service';
import { TaskEventsController } from './task-events/task-events.controller';
import { TaskEventsService } from './task-events/task-events.service';

/**
 * The config API's routes. It expects the platform (database, Redis, queues, config) to be
 * provided by the importing module: the app's own, or a test's with its own schema.
 */
import { OutboxController } from './outbox/outbox.controller';

@Module({
  controllers: [
    CompaniesController,
    SettingsController,
    ConnectionController,
    TaskEventsController,
    ExportsController,
    SyncController,
    StatusController,
    OutboxController,
  ],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: ApiErrorFilter },
    ApiKeyGuard,
    QueuePublisher,
    CompanyLookup,
    CompaniesService,
    SettingsService,
    SettingsChangedHook,
    ConnectionService,
    TaskEventsService,
    ExportsService,
    SyncService,
    StatusService,
  ],
})
export class ConfigApiModule {}
