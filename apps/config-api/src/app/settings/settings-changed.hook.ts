import { Injectable } from '@nestjs/common';
import { QueuePublisher } from '../common/queue-publisher';

/**
 * Called after a company's settings are saved: the worker rebuilds the company's import
 * schedules (intervals, sync modes, enabled) from the new settings. One job per settings
 * version, so sending the same change twice schedules once.
 */
@Injectable()
export class SettingsChangedHook {
  constructor(private readonly publisher: QueuePublisher) {}

  async settingsChanged(companyId: string, version: number): Promise<void> {
    await this.publisher.publish(
      'maintenance',
      { task: 'reschedule', companyId },
      { jobId: `reschedule-${companyId}-v${version}` },
    );
  }
}
