import { Module, type DynamicModule } from '@nestjs/common';
import { AppConfig, PlatformModule } from '@qbd/platform';
import { JOB_HANDLERS } from '../queue/job-handler';
import { WorkerHost } from '../queue/worker-host';
import { ApplyResponseHandler } from '../responses/apply-response.handler';
import { ImportApplier } from '../imports/import-applier';
import { DocumentResultApplier } from '../exports/document-result-applier';
import { LookupApplier } from '../exports/lookup-applier';
import { ExportPreparer } from '../exports/export-preparer';
import { TaskSweep } from '../exports/task-sweep';
import { OutboxDeliverer } from '../outbox/outbox-deliverer';
import { ProgressionLiveClients } from '../outbox/progressionlive-clients';
import { ImportScheduler } from '../schedules/import-scheduler';
import { MaintenanceHandler } from '../maintenance/maintenance.handler';
import { RedisLossWatch } from '../maintenance/redis-loss-watch';

export interface WorkerModuleOptions {
  config?: AppConfig;
  /** Tests drive the handlers themselves; the demo and production run the queue workers. */
  runWorkers?: boolean;
}

/** The sync worker: one handler per job, the queue workers that feed them, and their parts. */
@Module({})
export class WorkerModule {
  static register(options: WorkerModuleOptions = {}): DynamicModule {
    const handlers = [
      ApplyResponseHandler,
      ExportPreparer,
      OutboxDeliverer,
      ImportScheduler,
      MaintenanceHandler,
    ];
    return {
      module: WorkerModule,
      imports: [PlatformModule.forRoot({ app: 'sync-worker', config: options.config })],
      providers: [
        ImportApplier,
        DocumentResultApplier,
        LookupApplier,
        TaskSweep,
        ProgressionLiveClients,
        ...handlers,
        {
          provide: JOB_HANDLERS,
          useFactory: (...all: unknown[]) => all,
          inject: handlers,
        },
        ...(options.runWorkers === false ? [] : [WorkerHost, RedisLossWatch]),
      ],
      exports: [
        ...handlers,
        ImportApplier,
        DocumentResultApplier,
        LookupApplier,
        TaskSweep,
        ProgressionLiveClients,
      ],
    };
  }
}
