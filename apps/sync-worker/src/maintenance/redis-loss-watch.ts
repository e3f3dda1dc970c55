import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '@qbd/platform';
import { MaintenanceHandler } from './maintenance.handler';

/** How often the worker checks that Redis still holds the sweeps' schedulers. */
export const REDIS_LOSS_CHECK_MS = 5000;

/**
 * Redis runs without persistence in many set-ups: a restart (or a failover to an empty
 * replica) silently drops every queued job and every scheduler, including the sweeps
 * that exist to find lost jobs. Nothing inside Redis can notice that, so this timer, in
 * the worker's own memory, checks the sweeps' schedulers and rebuilds what was lost.
 */
@Injectable()
export class RedisLossWatch implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private checking = false;

  constructor(
    private readonly maintenance: MaintenanceHandler,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.check(), REDIS_LOSS_CHECK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** True when the schedules were gone and have been rebuilt with the lost work re-queued. */
  async check(): Promise<boolean> {
    // While Redis is down a check waits for it; the next tick must not pile up behind it.
    if (this.checking) return false;
    this.checking = true;
    try {
      if (!(await this.maintenance.schedulesMissing())) return false;
      const recovered = await this.maintenance.recoverLostQueues();
      this.logger.warn(
        { ...recovered },
        'Redis lost its data: schedules reinstalled, waiting work queued again',
      );
      return true;
    } catch (error) {
      this.logger.warn(
        { err: (error as Error).message },
        'could not check the queues after a Redis outage',
      );
      return false;
    } finally {
      this.checking = false;
    }
  }
}
