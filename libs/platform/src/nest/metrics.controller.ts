import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { QueueClient } from '@qbd/queues';
import { ConnectorMetrics } from '../metrics/metrics';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/** Prometheus metrics; queue depths are read at scrape time. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: ConnectorMetrics,
    private readonly queues: QueueClient,
  ) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    await this.readQueueDepths().catch(() => undefined);
    return this.metrics.registry.metrics();
  }

  private async readQueueDepths(): Promise<void> {
    for (const queue of this.queues.all()) {
      const counts = await queue.getJobCounts(...STATES);
      for (const state of STATES) {
        this.metrics.queueDepth.set({ queue: queue.name, state }, counts[state] ?? 0);
      }
    }
  }
}
