import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource, In, LessThan } from 'typeorm';
import {
  createExport,
  CompanyEntity,
  ExportEntity,
  WorkItemEntity,
  withDefaults,
  type CompanySettings,
  type TaskSnapshot,
} from '@qbd/domain';
import { LOGGER } from '@qbd/platform';
import type { PlTaskSummary, ProgressionLivePort } from '@qbd/progressionlive';
import { QueueClient } from '@qbd/queues';
import { ProgressionLiveClients } from '../outbox/progressionlive-clients';
import { ACTIVE_WORK } from './export-outcomes';
import { snapshotOfTask } from './task-snapshot';

const PAGE_SIZE = 100;
const MAX_PAGES = 200;
/** A pending export untouched for this long has probably lost its prepareExport job. */
export const STALE_PENDING_MS = 10 * 60 * 1000;

export interface SweepResult {
  /** Tasks found at the billing stage. */
  atStage: number;
  /** Exports the sweep created for tasks whose stage event was missed. */
  created: string[];
  /** Pending exports whose preparation was asked again. */
  requeued: string[];
}

/**
 * A safety net for task events the main app never delivered: tasks sitting at the
 * billing stage without an export get one, made exactly like the config API makes it.
 * The unique (company, task) index makes the sweep and a late event race-free: whichever
 * comes second finds the export. A task whose export exists (even delivered long ago) is
 * never exported again, so a task put back at the billing stage is not billed twice.
 */
@Injectable()
export class TaskSweep {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueClient,
    private readonly clients: ProgressionLiveClients,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Sweeps one company; the number of exports it created. */
  async sweepCompany(companyId: string): Promise<number> {
    return (await this.sweep(companyId)).created.length;
  }

  async sweep(companyId: string, now = new Date()): Promise<SweepResult> {
    const company = await this.dataSource
      .getRepository(CompanyEntity)
      .findOneBy({ id: companyId });
    const settings = withDefaults(company?.settings);
    if (!company || !settings.enabled) return { atStage: 0, created: [], requeued: [] };

    const port = this.clients.forCompany(company);
    const summaries = await this.tasksAtStage(port, settings);
    const created: string[] = [];
    for (const summary of await this.withoutExport(companyId, summaries)) {
      const exportId = await this.exportTask(port, companyId, settings, summary);
      if (exportId) created.push(exportId);
    }
    const requeued = await this.stalePending(companyId, now, created);

    for (const exportId of created)
      await this.queues.add('prepareExport', { companyId, exportId });
    for (const exportId of requeued) {
      // A new job id: the first job may still be kept as completed, which would absorb it.
      await this.queues.add(
        'prepareExport',
        { companyId, exportId },
        { jobId: `export-${exportId}-sweep-${now.getTime()}` },
      );
    }
    this.logger.info(
      {
        companyId,
        atStage: summaries.length,
        created: created.length,
        requeued: requeued.length,
      },
      'task sweep done',
    );
    return { atStage: summaries.length, created, requeued };
  }

  private async tasksAtStage(
    port: ProgressionLivePort,
    settings: CompanySettings,
  ): Promise<PlTaskSummary[]> {
    const all: PlTaskSummary[] = [];
    const taskTypeIds =
      settings.billableTaskTypes.length > 0 ? settings.billableTaskTypes : undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const batch = await port.listTasksAtStage(settings.billingTriggerStage, {
        taskTypeIds,
        offset: page * PAGE_SIZE,
        count: PAGE_SIZE,
      });
      all.push(...batch);
      if (batch.length < PAGE_SIZE) break;
    }
    return all;
  }

  private async withoutExport(
    companyId: string,
    summaries: PlTaskSummary[],
  ): Promise<PlTaskSummary[]> {
    if (summaries.length === 0) return [];
    const existing = await this.dataSource.getRepository(ExportEntity).find({
      select: { taskId: true },
      where: { companyId, taskId: In(summaries.map((s) => s.id)) },
    });
    const known = new Set(existing.map((row) => row.taskId));
    return summaries.filter((s) => !known.has(s.id));
  }

  /** Reads the task and creates its export; null when it left the stage or is not billable. */
  private async exportTask(
    port: ProgressionLivePort,
    companyId: string,
    settings: CompanySettings,
    summary: PlTaskSummary,
  ): Promise<string | null> {
    const task = await port.getTask(summary.id);
    if (task.logicId !== settings.billingTriggerStage) return null;
    const snapshot = snapshotOfTask(task, settings);
    if (!isBillable(settings, snapshot)) return null;
    return this.createExport(companyId, settings, snapshot);
  }

  private async createExport(
    companyId: string,
    settings: CompanySettings,
    task: TaskSnapshot,
  ): Promise<string | null> {
    const result = await this.dataSource.transaction((manager) =>
      createExport(manager, {
        companyId,
        settings,
        task,
        detail: { source: 'taskSweep' },
      }),
    );
    return result.created ? result.exportId : null;
  }

  /** Pending exports nobody is working on for a while (their job was lost, or they wait for QuickBooks). */
  private async stalePending(
    companyId: string,
    now: Date,
    justCreated: string[],
  ): Promise<string[]> {
    const stale = await this.dataSource.getRepository(ExportEntity).find({
      select: { id: true },
      where: {
        companyId,
        status: 'pending',
        updatedAt: LessThan(new Date(now.getTime() - STALE_PENDING_MS)),
      },
    });
    const candidates = stale
      .map((row) => row.id)
      .filter((id) => !justCreated.includes(id));
    if (candidates.length === 0) return [];
    const busy = await this.dataSource.getRepository(WorkItemEntity).find({
      select: { exportId: true },
      where: { exportId: In(candidates), status: In([...ACTIVE_WORK]) },
    });
    const working = new Set(busy.map((item) => item.exportId));
    return candidates.filter((id) => !working.has(id));
  }
}

/** The same rule as the config API's: billable task types only (empty list: all). */
function isBillable(settings: CompanySettings, task: TaskSnapshot): boolean {
  return (
    settings.billableTaskTypes.length === 0 ||
    (task.taskTypeId !== undefined &&
      settings.billableTaskTypes.includes(task.taskTypeId))
  );
}
