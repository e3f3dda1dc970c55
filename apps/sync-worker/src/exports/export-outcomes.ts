import { In, Not, type EntityManager } from 'typeorm';
import {
  ExportEntity,
  WorkItemEntity,
  enqueueOutbox,
  jsonColumn,
  stopExport,
  recordExportEvent,
  type CompanySettings,
  type ErrorRecord,
  type OutboxWrite,
} from '@qbd/domain';
import { addDecimals, compareDecimals, type QbSalesTxnRet } from '@qbd/qbxml';
import type { DocumentMatch } from './document-params';

/** Automatic re-sends of one export after a transient refusal (lock, stale EditSequence). */
export const MAX_AUTOMATIC_RETRIES = 3;

/** Work item states in which an export's work is still under way. */
export const ACTIVE_WORK = ['queued', 'sent', 'received'] as const;

/** Reads the export under a row lock, so one job at a time decides what happens to it. */
export async function lockExport(
  manager: EntityManager,
  exportId: string,
): Promise<ExportEntity | null> {
  return manager.findOne(ExportEntity, {
    where: { id: exportId },
    lock: { mode: 'pessimistic_write' },
  });
}

export interface CreatedDocument {
  ret: QbSalesTxnRet;
  match?: DocumentMatch;
  /** How we know: QuickBooks' answer, or a lookup after a lost answer. */
  via: 'answer' | 'lookup';
  workItemId: string;
  warnings?: string[];
}

/**
 * QuickBooks holds the document: its TxnID and number are kept, then (through the
 * outbox, in order on the task's key) the number is written on the task and the task is
 * moved to the billed stage; that last write marks the export delivered.
 */
export async function markCreated(
  manager: EntityManager,
  row: ExportEntity,
  settings: CompanySettings,
  created: CreatedDocument,
): Promise<void> {
  const { ret } = created;
  const refNumber = ret.RefNumber?.trim() || null;
  const warnings = [
    ...row.warnings,
    ...(created.warnings ?? []),
    ...totalWarnings(ret, created.match),
  ];
  await manager.update(
    ExportEntity,
    { id: row.id },
    {
      status: 'created',
      qbTxnId: ret.TxnID,
      qbRefNumber: refNumber,
      qbCustomerListId: ret.CustomerRef?.ListID ?? created.match?.customer.listId ?? null,
      lastError: null,
      warnings: warnings,
    },
  );
  await recordExportEvent(manager, {
    exportId: row.id,
    companyId: row.companyId,
    state: 'created',
    detail: createdDetail(created, refNumber),
  });
  await cancelOtherWork(manager, row.id, created.workItemId);
  await enqueueOutbox(manager, writeBack(row, settings, refNumber));
}

function createdDetail(
  created: CreatedDocument,
  refNumber: string | null,
): Record<string, unknown> {
  const { ret } = created;
  const lines = (ret.InvoiceLineRet ?? ret.SalesOrderLineRet ?? []) as {
    TxnLineID?: string;
  }[];
  return {
    via: created.via,
    txnId: ret.TxnID,
    refNumber,
    txnNumber: ret.TxnNumber ?? null,
    editSequence: ret.EditSequence ?? null,
    subtotal: ret.Subtotal ?? null,
    txnLineIds: lines.map((line) => line.TxnLineID ?? null),
    workItemId: created.workItemId,
  };
}

function writeBack(
  row: ExportEntity,
  settings: CompanySettings,
  refNumber: string | null,
): OutboxWrite[] {
  const key = `task:${row.taskId}`;
  const writes: OutboxWrite[] = [];
  // The number goes on first: the billed stage may require it (a mandatory property).
  if (refNumber) {
    writes.push({
      companyId: row.companyId,
      orderingKey: key,
      operation: 'setTaskProperty',
      payload: {
        taskId: row.taskId,
        name: settings.documentNumberProperty,
        value: refNumber,
        exportId: row.id,
      },
    });
  }
  writes.push({
    companyId: row.companyId,
    orderingKey: key,
    operation: 'progressTask',
    payload: {
      taskId: row.taskId,
      logicId: settings.billedStage,
      exportId: row.id,
      final: true,
    },
  });
  return writes;
}

/** Case 014: QuickBooks' subtotal is compared with the task's, and a drift is recorded. */
export function totalWarnings(
  ret: QbSalesTxnRet,
  match: DocumentMatch | undefined,
): string[] {
  if (!match || !ret.Subtotal) return [];
  try {
    if (compareDecimals(ret.Subtotal, match.total) === 0) return [];
    const difference = addDecimals(ret.Subtotal, negate(match.total)).replace(/^-/, '');
    return [
      `The total in QuickBooks (${ret.Subtotal}) differs from the task's (${match.total}) by ${difference}.`,
    ];
  } catch {
    return [];
  }
}

function negate(value: string): string {
  return value.startsWith('-') ? value.slice(1) : `-${value}`;
}

/** Queued work of the export other than the one that settled it (a re-send, a lookup). */
async function cancelOtherWork(
  manager: EntityManager,
  exportId: string,
  keep: string,
): Promise<void> {
  await manager.update(
    WorkItemEntity,
    { exportId, id: Not(keep), status: 'queued' },
    { status: 'cancelled', finishedAt: new Date() },
  );
}

/**
 * The export cannot go on until someone acts: failed with its reason; the task moves to
 * the company's error stage when it has one (after whatever write-back is still queued).
 */
export async function failExport(
  manager: EntityManager,
  row: ExportEntity,
  settings: CompanySettings,
  error: ErrorRecord,
  detail: Record<string, unknown> = {},
): Promise<{ wakeOutbox: boolean }> {
  await stopExport(manager, {
    exportId: row.id,
    companyId: row.companyId,
    status: 'failed',
    error,
    taskNumber: row.taskNumber,
    detail: {
      code: error.code,
      quickBooksStatus: error.quickBooksStatus ?? null,
      ...detail,
    },
  });
  if (settings.errorStage === null || settings.errorStage === undefined)
    return { wakeOutbox: false };

  await enqueueOutbox(manager, [
    {
      companyId: row.companyId,
      orderingKey: `task:${row.taskId}`,
      operation: 'progressTask',
      payload: { taskId: row.taskId, logicId: settings.errorStage, exportId: row.id },
    },
  ]);
  return { wakeOutbox: true };
}

/** A near match or an unknown outcome a person must look at; nothing is sent meanwhile. */
export async function parkExport(
  manager: EntityManager,
  row: ExportEntity,
  error: ErrorRecord,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await stopExport(manager, {
    exportId: row.id,
    companyId: row.companyId,
    status: 'needsAttention',
    error,
    taskNumber: row.taskNumber,
    detail: { code: error.code, ...detail },
  });
}

/**
 * Puts the export back to pending for a fresh build and send, at most
 * MAX_AUTOMATIC_RETRIES times; false when the budget is spent.
 */
export async function scheduleAutomaticRetry(
  manager: EntityManager,
  row: ExportEntity,
  error: ErrorRecord,
): Promise<boolean> {
  if (row.automaticRetries >= MAX_AUTOMATIC_RETRIES) return false;
  const attempt = row.automaticRetries + 1;
  await manager.update(
    ExportEntity,
    { id: row.id },
    { status: 'pending', automaticRetries: attempt, lastError: jsonColumn(error) },
  );
  await recordExportEvent(manager, {
    exportId: row.id,
    companyId: row.companyId,
    state: 'retryScheduled',
    detail: {
      attempt,
      of: MAX_AUTOMATIC_RETRIES,
      code: error.code,
      quickBooksStatus: error.quickBooksStatus ?? null,
    },
  });
  return true;
}

/** Ends a work item with its outcome. */
export async function finishWorkItem(
  manager: EntityManager,
  item: WorkItemEntity,
  status: 'done' | 'failed',
  error?: ErrorRecord,
): Promise<void> {
  await manager.update(
    WorkItemEntity,
    { id: item.id },
    {
      status,
      finishedAt: new Date(),
      ...(error ? { lastError: jsonColumn(error) } : {}),
    },
  );
}

/** Whether the export still has work under way (a queued document, a lookup ...). */
export async function hasActiveWork(
  manager: EntityManager,
  exportId: string,
): Promise<boolean> {
  return (
    (await manager.count(WorkItemEntity, {
      where: { exportId, status: In([...ACTIVE_WORK]) },
    })) > 0
  );
}
