import { setTimeout as sleep } from 'node:timers/promises';
import type { Faults } from '../company/faults';
import type { SessionReport } from './session-report';
import type { WebConnector } from './web-connector';

export interface ScheduleOptions {
  /** Most sessions to play. */
  runs: number;
  /** Stop early once this returns true for a session. */
  until?: (report: SessionReport, index: number) => boolean;
  /**
   * Real milliseconds slept per scheduled millisecond: 1 is real time, 0.001 turns minutes
   * into milliseconds, 0 (default) does not wait at all (the schedule is only computed).
   */
  timeScale?: number;
  /** The user's "every N minutes", in seconds; the QWC's Scheduler value otherwise. */
  intervalSeconds?: number;
  /** Faults for the session of this index. */
  faults?: (index: number) => Faults | undefined;
}

export interface ScheduledRun {
  /** Scheduled start, seconds after the first run. */
  at: number;
  /** Why this run waited as long as it did before starting. */
  reason: 'first' | 'interval' | 'postponed';
  /** Interval in force when it was scheduled, seconds. */
  intervalSeconds: number;
  report: SessionReport;
}

// Without a Scheduler element the Web Connector runs only when asked; one minute is the
// smallest interval its window offers, used as the default here.
const DEFAULT_INTERVAL = 60;

/**
 * Plays update sessions like the Web Connector with "Auto-Run" on: every N minutes (the
 * QWC's Scheduler, raised to authenticate's fourth value when the server sends one), and
 * after an update the server postponed (authenticate's third value), after that many
 * seconds instead.
 */
export async function runSchedule(
  wc: WebConnector,
  options: ScheduleOptions,
): Promise<ScheduledRun[]> {
  const runs: ScheduledRun[] = [];
  let interval = options.intervalSeconds ?? wc.qwc.runEverySeconds ?? DEFAULT_INTERVAL;
  let at = 0;
  let reason: ScheduledRun['reason'] = 'first';

  for (let index = 0; index < options.runs; index += 1) {
    const report = await wc.runSession(options.faults?.(index) ?? {});
    runs.push({ at, reason, intervalSeconds: interval, report });
    if (options.until?.(report, index)) break;

    if (report.minRunEverySeconds !== undefined && report.minRunEverySeconds > interval) {
      interval = report.minRunEverySeconds;
    }
    const postponed = report.postponeSeconds !== undefined && report.postponeSeconds > 0;
    const wait = postponed ? report.postponeSeconds! : interval;
    reason = postponed ? 'postponed' : 'interval';
    at += wait;
    const scale = options.timeScale ?? 0;
    if (scale > 0 && index + 1 < options.runs) await sleep(wait * 1000 * scale);
  }
  return runs;
}
