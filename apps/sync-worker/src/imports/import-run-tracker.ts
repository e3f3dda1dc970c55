import type { EntityManager } from 'typeorm';
import {
  ImportRunEntity,
  RecordErrorEntity,
  type ErrorRecord,
  type ImportRunStatus,
} from '@qbd/domain';
import { latestQbTime, type PageCounts } from './import-page';

export interface RunStart {
  companyId: string;
  workItemId: string;
  sessionId: string | null;
  entity: string;
  mode: string;
  fromModified: string | null;
}

/**
 * The run of an import work item, created by its first page and locked for the rest of
 * the transaction: pages of one import applied at the same time wait for each other
 * here, so their counts add up and only one of them can finish the run.
 */
export async function openRun(
  manager: EntityManager,
  start: RunStart,
): Promise<ImportRunEntity> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(ImportRunEntity)
    .values({ ...start, status: 'running' })
    .orIgnore()
    .updateEntity(false)
    .execute();
  return manager.findOneOrFail(ImportRunEntity, {
    where: { workItemId: start.workItemId },
    lock: { mode: 'pessimistic_write' },
  });
}

/** Adds a page's counts and watermark candidate to the run. */
export async function addPage(
  manager: EntityManager,
  run: ImportRunEntity,
  page: { counts: PageCounts; maxModified: string | null },
): Promise<void> {
  for (const key of Object.keys(page.counts) as (keyof PageCounts)[]) {
    run[key] += page.counts[key];
  }
  run.maxModified = latestQbTime([run.maxModified, page.maxModified]);
  await manager.update(
    ImportRunEntity,
    { id: run.id },
    {
      received: run.received,
      added: run.added,
      changed: run.changed,
      unchanged: run.unchanged,
      deactivated: run.deactivated,
      errors: run.errors,
      maxModified: run.maxModified,
    },
  );
}

/** Keeps a remark for the run's final note (a warning, a restart ...). */
export async function addNote(
  manager: EntityManager,
  run: ImportRunEntity,
  note: string,
): Promise<void> {
  run.note = run.note ? `${run.note} ${note}` : note;
  await manager.update(ImportRunEntity, { id: run.id }, { note: run.note });
}

/** Ends the run with its summary: counts, pages and duration, then the remarks. */
export async function finishRun(
  manager: EntityManager,
  run: ImportRunEntity,
  outcome: { status?: ImportRunStatus; pages: number },
): Promise<ImportRunEntity> {
  const finishedAt = new Date();
  const status = outcome.status ?? (run.errors > 0 ? 'partial' : 'succeeded');
  const note = [summaryOf(run, outcome.pages, finishedAt), run.note]
    .filter(Boolean)
    .join(' ');
  await manager.update(ImportRunEntity, { id: run.id }, { status, note, finishedAt });
  Object.assign(run, { status, note, finishedAt });
  return run;
}

/** Ends the run as failed, with the reason as its note and as an error row. */
export async function failRun(
  manager: EntityManager,
  run: ImportRunEntity,
  error: ErrorRecord,
): Promise<void> {
  await manager.insert(RecordErrorEntity, {
    companyId: run.companyId,
    importRunId: run.id,
    entity: run.entity,
    qbListId: null,
    name: null,
    error: error as never,
  });
  run.errors += 1;
  const note = [error.message.en, run.note].filter(Boolean).join(' ');
  await manager.update(
    ImportRunEntity,
    { id: run.id },
    { status: 'failed', errors: run.errors, note, finishedAt: new Date() },
  );
}

export function summaryOf(run: ImportRunEntity, pages: number, finishedAt: Date): string {
  const seconds = (finishedAt.getTime() - run.startedAt.getTime()) / 1000;
  const pageText = pages === 1 ? '1 page' : `${pages} pages`;
  return (
    `Added ${run.added}, changed ${run.changed}, unchanged ${run.unchanged}, ` +
    `deactivated ${run.deactivated}, errors ${run.errors}; ` +
    `${run.received} records received in ${pageText}, ${seconds.toFixed(1)} s.`
  );
}
