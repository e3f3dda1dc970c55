// What the run did, read from where it matters: each simulated QuickBooks file (the
// documents) and each fake ProgressionLIVE (the tasks), compared with what was asked.
import type { TxnRecord } from '../../apps/qbd-simulator/src';
import { DEMO_PROPERTIES } from '../../apps/fake-progressionlive/src';
import type { ExportRow } from './probe';
import type { AskedTask, Tenant } from './tenants';

export interface Figures {
  asked: number;
  /** New documents found in the company files. */
  created: number;
  /** Tasks with more than one document, plus documents no asked task owns. */
  duplicates: number;
  /** Asked tasks without any document. */
  lost: number;
  /** Tasks with a document but not at the billed stage with its number. */
  stuck: number;
  /** Details of each problem, for the report. */
  problems: string[];
}

const BILLED_STAGE = 750;

/** A GUID as QuickBooks prints it ("{ABC-...}") or as we store it ("abc-...") made comparable. */
export function guidKey(guid: string | undefined | null): string {
  return (guid ?? '').replace(/[{}]/g, '').trim().toLowerCase();
}

export function compare(
  tenants: Tenant[],
  asked: AskedTask[],
  exportRows: ExportRow[],
): Figures {
  const figures: Figures = {
    asked: asked.length,
    created: 0,
    duplicates: 0,
    lost: 0,
    stuck: 0,
    problems: [],
  };
  for (const tenant of tenants) {
    const tasks = asked.filter((task) => task.tenant === tenant);
    const rows = exportRows.filter((row) => row.companyId === tenant.companyId);
    compareTenant(tenant, tasks, rows, figures);
  }
  return figures;
}

function compareTenant(
  tenant: Tenant,
  tasks: AskedTask[],
  rows: ExportRow[],
  figures: Figures,
): void {
  const documents = tenant.quickBooks.data
    .transactions('Invoice')
    .filter((txn) => !tenant.documentsBefore.has(txn.TxnID));
  figures.created += documents.length;

  const taskOfGuid = new Map(rows.map((row) => [guidKey(row.externalGuid), row.taskId]));
  const askedIds = new Set(tasks.map((task) => task.taskId));
  const byTask = new Map<string, Set<TxnRecord>>();
  const own = (taskId: string, txn: TxnRecord) =>
    byTask.set(taskId, (byTask.get(taskId) ?? new Set()).add(txn));

  for (const txn of documents) {
    const taskId = taskOfGuid.get(guidKey(txn.values.ExternalGUID));
    if (taskId && askedIds.has(taskId)) {
      own(taskId, txn);
      continue;
    }
    figures.duplicates += 1;
    figures.problems.push(
      `${tenant.key}: document ${txn.TxnID} (${txn.values.RefNumber ?? 'no number'}) belongs to no asked task`,
    );
  }

  const byRefNumber = groupBy(documents, (txn) =>
    (txn.values.RefNumber ?? '').toLowerCase(),
  );
  for (const task of tasks) {
    const written = writtenNumber(tenant, task.taskId);
    // The task's number (task-number policy) or the number written back on it names its
    // document too: any other document carrying it is a second bill for the same task.
    for (const ref of [
      tenant.numbering === 'taskNumber' ? task.code : undefined,
      written,
    ]) {
      for (const txn of (ref && byRefNumber.get(ref.toLowerCase())) || [])
        own(task.taskId, txn);
    }
    judgeTask(tenant, task, [...(byTask.get(task.taskId) ?? [])], written, figures);
  }
}

function judgeTask(
  tenant: Tenant,
  task: AskedTask,
  docs: TxnRecord[],
  written: string | undefined,
  figures: Figures,
): void {
  const where = `${tenant.key} task ${task.code}`;
  if (docs.length === 0) {
    figures.lost += 1;
    figures.problems.push(
      `${where}: asked, no document in QuickBooks (task at ${stageOf(tenant, task.taskId)})`,
    );
    return;
  }
  if (docs.length > 1) {
    figures.duplicates += 1;
    figures.problems.push(
      `${where}: ${docs.length} documents (${docs.map((d) => `${d.TxnID}/${d.values.RefNumber ?? ''}`).join(', ')})`,
    );
  }
  const stage = stageOf(tenant, task.taskId);
  const numbers = docs.map((doc) => doc.values.RefNumber ?? '');
  if (stage !== BILLED_STAGE || !written || !numbers.includes(written)) {
    figures.stuck += 1;
    figures.problems.push(
      `${where}: at stage ${stage} with number ${written ?? 'none'}, QuickBooks has ${numbers.join(', ')}`,
    );
  }
}

function stageOf(tenant: Tenant, taskId: string): number | null {
  return tenant.fake.store.taskLogicId(taskId);
}

function writtenNumber(tenant: Tenant, taskId: string): string | undefined {
  const value = tenant.fake.store.property('TASK', taskId, DEMO_PROPERTIES.invoiceNumber);
  return typeof value?.value === 'string' ? value.value : undefined;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!k) continue;
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

/** Tasks not yet billed in ProgressionLIVE (at the billed stage with a number written). */
export function undelivered(asked: AskedTask[]): AskedTask[] {
  return asked.filter((task) => {
    const stage = task.tenant.fake.store.taskLogicId(task.taskId);
    return stage !== BILLED_STAGE || !writtenNumber(task.tenant, task.taskId);
  });
}

/**
 * Proves the comparison can fail: on one company it copies a document (same ExternalGUID),
 * deletes another and moves a third task back to the billing stage, then checks that the
 * comparison finds exactly one more duplicate, loss and stuck task. Run after the figures
 * are printed: it damages the company file and ProgressionLIVE it works on.
 */
export function selfCheck(
  tenants: Tenant[],
  asked: AskedTask[],
  exportRows: ExportRow[],
): string | null {
  const before = compare(tenants, asked, exportRows);
  const rowOf = new Map(exportRows.map((row) => [`${row.companyId}/${row.taskId}`, row]));
  const tenant = tenants.find(
    (t) =>
      asked.filter(
        (task) =>
          task.tenant === t && rowOf.get(`${t.companyId}/${task.taskId}`)?.qbTxnId,
      ).length >= 3,
  );
  if (!tenant) return 'self-check skipped: no company with three billed tasks';
  const [copied, deleted, moved] = asked
    .filter(
      (task) =>
        task.tenant === tenant &&
        rowOf.get(`${tenant.companyId}/${task.taskId}`)?.qbTxnId,
    )
    .slice(0, 3)
    .map((task) => rowOf.get(`${tenant.companyId}/${task.taskId}`)!);

  const data = tenant.quickBooks.data;
  const original = data
    .transactions('Invoice')
    .find((txn) => txn.TxnID === copied!.qbTxnId)!;
  data.insertTxn({
    ...original,
    TxnID: `${original.TxnID}-COPY`,
    values: { ...original.values },
  });
  data.deleteTxn(deleted!.qbTxnId!);
  tenant.fake.store.progressTask(
    { Id: moved!.taskId, Type: 'TASK' },
    700,
    new Date().toISOString(),
    tenant.ids.syncUserId,
  );

  const after = compare(tenants, asked, exportRows);
  const seen = [
    after.duplicates - before.duplicates,
    after.lost - before.lost,
    after.stuck - before.stuck,
  ];
  return seen.every((delta) => delta === 1)
    ? null
    : `self-check FAILED: an injected duplicate, loss and stuck task were seen as ${seen.join(', ')}`;
}
