import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  WorkItemEntity,
  WorkPriority,
  enqueueImport,
  enqueueOutbox,
  jsonColumn,
  recordExportEvent,
  ExportEntity,
  type ErrorRecord,
  type OutboxWrite,
} from '@qbd/domain';
import { ConnectorMetrics, LOGGER } from '@qbd/platform';
import type { CustomerRet, QbResponse, QbSalesTxnRet } from '@qbd/qbxml';
import type {
  AfterCommit,
  ResponseApplier,
  ResponseContext,
} from '../responses/response-context';
import { fromCustomerRet, linkCustomer } from './customer-links';
import type { CustomerAddPlan, DocumentParams, LookupParams } from './document-params';
import { queueCustomerLinkLookup, withoutLastRequest } from './export-work';
import { documentWords, quickBooksRefusal } from './export-errors';
import {
  MAX_AUTOMATIC_RETRIES,
  failExport,
  finishWorkItem,
  lockExport,
  markCreated,
  scheduleAutomaticRetry,
} from './export-outcomes';

/** QuickBooks statuses after which the export is sent again by itself (bounded). */
const AUTOMATIC_RETRY = (status: string) =>
  status === '3200' || /^31(7\d|80)$/.test(status);

/**
 * Applies QuickBooks' answer to a document message: the customers and jobs it added are
 * linked, then the document is recorded as created (and the task's write-back queued) or
 * as refused with QuickBooks' reason. Runs in the response's transaction, which also
 * marks the response applied, so an answer applied twice changes nothing.
 */
@Injectable()
export class DocumentResultApplier implements ResponseApplier {
  constructor(
    private readonly metrics: ConnectorMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async apply(ctx: ResponseContext): Promise<AfterCommit> {
    const { workItem } = ctx;
    if (workItem.status !== 'received') return {};
    const row = workItem.exportId
      ? await lockExport(ctx.manager, workItem.exportId)
      : null;
    if (!row) {
      await finishWorkItem(ctx.manager, workItem, 'done');
      return {};
    }
    if (row.status === 'created' || row.status === 'delivered')
      return this.alreadyCreated(ctx, row);
    if (ctx.hresult) return this.wholeMessageRefused(ctx, row);

    const params = workItem.params as DocumentParams;
    const customers = await this.applyCustomerAdds(ctx, row, params);
    if (customers.refused) return this.customerRefused(ctx, row, params, customers);
    if (workItem.kind === 'customerAdd') return this.customersOnly(ctx, customers.writes);

    const answer = documentAnswer(ctx);
    if (!answer) return this.noDocumentAnswer(ctx, row, params, customers.writes);
    await enqueueOutbox(ctx.manager, customers.writes);
    if (!answer.ok)
      return this.documentRefused(ctx, row, answer, customers.writes.length > 0);
    return this.created(ctx, row, params, answer);
  }

  /** A work item that only added customers: the export's document is another item. */
  private async customersOnly(
    ctx: ResponseContext,
    writes: OutboxWrite[],
  ): Promise<AfterCommit> {
    await enqueueOutbox(ctx.manager, writes);
    await finishWorkItem(ctx.manager, ctx.workItem, 'done');
    return { wakeOutbox: writes.length > 0 };
  }

  private async created(
    ctx: ResponseContext,
    row: ExportEntity,
    params: DocumentParams,
    answer: QbResponse,
  ): Promise<AfterCommit> {
    const ret = answer.records[0] as QbSalesTxnRet | undefined;
    if (!ret?.TxnID) return this.noDocumentAnswer(ctx, row, params, []);
    const warnings =
      answer.statusCode !== 0
        ? [`QuickBooks warned (status ${answer.statusCode}): ${answer.statusMessage}`]
        : [];
    await markCreated(ctx.manager, row, ctx.settings, {
      ret,
      match: params.match,
      via: 'answer',
      workItemId: ctx.workItem.id,
      warnings,
    });
    await finishWorkItem(ctx.manager, ctx.workItem, 'done');
    this.metrics.exports.inc({ result: 'created' });
    return { wakeOutbox: true };
  }

  /**
   * Links each customer or job the message added. With stopOnError, a CustomerAdd that
   * failed is the last answer: neither later adds nor the document were processed.
   */
  private async applyCustomerAdds(
    ctx: ResponseContext,
    row: ExportEntity,
    params: DocumentParams,
  ) {
    const writes: OutboxWrite[] = [];
    for (const plan of params.customerAdds ?? []) {
      const answer = answerAt(ctx, plan.index, 'CustomerAddRs');
      if (!answer) break;
      if (!answer.ok) return { writes, refused: { answer, plan } };
      const ret = answer.records[0] as CustomerRet | undefined;
      if (!ret?.ListID) continue;
      const fields = fromCustomerRet(ret, plan.fullName);
      writes.push(
        ...(await linkCustomer(ctx.manager, {
          companyId: row.companyId,
          kind: plan.kind,
          plId: plan.plId,
          reason: 'addedForExport',
          ...fields,
        })),
      );
    }
    return { writes, refused: null };
  }

  /**
   * A customer or job could not be added, so the document was not processed. "Name
   * already in use" (3100) means QuickBooks has it already (typically added by a message
   * whose answer was lost): it is looked up by name and linked, then the export is built
   * again; other refusals fail the export like a document refusal.
   */
  private async customerRefused(
    ctx: ResponseContext,
    row: ExportEntity,
    params: DocumentParams,
    customers: {
      writes: OutboxWrite[];
      refused: { answer: QbResponse; plan: CustomerAddPlan };
    },
  ): Promise<AfterCommit> {
    const { answer, plan } = customers.refused;
    await enqueueOutbox(ctx.manager, customers.writes);
    const what = customerWords(plan);
    const error = quickBooksRefusal(answer.statusCode, answer.statusMessage, {
      what,
      request: lastRequest(ctx),
    });
    if (
      String(answer.statusCode) === '3100' &&
      row.automaticRetries < MAX_AUTOMATIC_RETRIES
    ) {
      return this.linkExistingCustomers(ctx, row, params, error);
    }
    return this.refused(ctx, row, error, customers.writes.length > 0);
  }

  private async linkExistingCustomers(
    ctx: ResponseContext,
    row: ExportEntity,
    params: DocumentParams,
    error: ErrorRecord,
  ): Promise<AfterCommit> {
    await finishWorkItem(ctx.manager, ctx.workItem, 'failed', error);
    await ctx.manager.update(
      ExportEntity,
      { id: row.id },
      {
        status: 'pending',
        automaticRetries: row.automaticRetries + 1,
        lastError: jsonColumn(error),
      },
    );
    await queueCustomerLinkLookup(ctx.manager, row, params.customerAdds, true);
    await recordExportEvent(ctx.manager, {
      exportId: row.id,
      companyId: row.companyId,
      state: 'customerExists',
      detail: { names: params.customerAdds.map((add) => add.fullName) },
    });
    return { wakeOutbox: true };
  }

  private async documentRefused(
    ctx: ResponseContext,
    row: ExportEntity,
    answer: QbResponse,
    wake: boolean,
  ): Promise<AfterCommit> {
    const error = quickBooksRefusal(answer.statusCode, answer.statusMessage, {
      what: documentWords(row.documentKind, row.requestedRefNumber),
      request: lastRequest(ctx),
    });
    // An invalid reference is often a record made inactive or deleted in QuickBooks since
    // the last import: the next session re-reads customers and items (case 019).
    if (String(answer.statusCode) === '3140') {
      await enqueueImport(ctx.manager, row.companyId, 'customers', 'quick');
      await enqueueImport(ctx.manager, row.companyId, 'items', 'quick');
    }
    return this.refused(ctx, row, error, wake);
  }

  /** Web Connector reported the whole message as failed (e.g. 0x80040400): nothing was processed. */
  private async wholeMessageRefused(
    ctx: ResponseContext,
    row: ExportEntity,
  ): Promise<AfterCommit> {
    const { code, message } = ctx.hresult!;
    const error = quickBooksRefusal(code, message, {
      what: documentWords(row.documentKind, row.requestedRefNumber),
      request: lastRequest(ctx),
    });
    return this.refused(ctx, row, error, false);
  }

  /**
   * Ends a refusal: a transient one (lock, stale EditSequence) is sent again by itself a
   * few times; anything else fails the export for a person to fix and retry.
   */
  private async refused(
    ctx: ResponseContext,
    row: ExportEntity,
    error: ErrorRecord,
    wake: boolean,
  ): Promise<AfterCommit> {
    await finishWorkItem(ctx.manager, ctx.workItem, 'failed', error);
    if (
      AUTOMATIC_RETRY(error.quickBooksStatus ?? '') &&
      (await scheduleAutomaticRetry(ctx.manager, row, error))
    ) {
      this.metrics.exports.inc({ result: 'retried' });
      return { wakeOutbox: wake, prepareExports: [row.id] };
    }
    const failed = await failExport(ctx.manager, row, ctx.settings, error, {
      workItemId: ctx.workItem.id,
    });
    this.metrics.exports.inc({ result: 'refused' });
    return { wakeOutbox: wake || failed.wakeOutbox };
  }

  /**
   * The message was answered but not the document (no answer to it, or an OK without a
   * TxnID): whether QuickBooks holds it is unknown, so it is looked up before any re-send.
   */
  private async noDocumentAnswer(
    ctx: ResponseContext,
    row: ExportEntity,
    params: DocumentParams,
    writes: OutboxWrite[],
  ): Promise<AfterCommit> {
    await enqueueOutbox(ctx.manager, writes);
    await finishWorkItem(ctx.manager, ctx.workItem, 'failed');
    await ctx.manager.update(ExportEntity, { id: row.id }, { status: 'unknown' });
    const lookup: LookupParams = {
      requests: [params.lookup],
      document: withoutLastRequest(params),
      documentSendCount: ctx.workItem.sendCount,
    };
    await ctx.manager.insert(WorkItemEntity, {
      companyId: row.companyId,
      kind: 'lookup',
      priority: WorkPriority.lookup,
      status: 'queued',
      exportId: row.id,
      params: jsonColumn(lookup),
    });
    await recordExportEvent(ctx.manager, {
      exportId: row.id,
      companyId: row.companyId,
      state: 'unknown',
      detail: {
        reason:
          'QuickBooks answered the message without the document; it is looked up first.',
      },
    });
    return { wakeOutbox: writes.length > 0 };
  }

  /**
   * The export was settled already. A second document created for it means QuickBooks
   * now holds a duplicate: it is recorded on the export for the bookkeeper to delete.
   */
  private async alreadyCreated(
    ctx: ResponseContext,
    row: ExportEntity,
  ): Promise<AfterCommit> {
    const answer = documentAnswer(ctx);
    const ret = answer?.ok ? (answer.records[0] as QbSalesTxnRet | undefined) : undefined;
    await finishWorkItem(ctx.manager, ctx.workItem, 'done');
    if (!ret?.TxnID || ret.TxnID === row.qbTxnId) {
      this.logger.info(
        { exportId: row.id, workItemId: ctx.workItem.id },
        'duplicate response ignored',
      );
      return {};
    }
    const warning = `QuickBooks holds a second document for this task (TxnID ${ret.TxnID}, number ${ret.RefNumber ?? '?'}); delete it in QuickBooks.`;
    await ctx.manager.update(
      ExportEntity,
      { id: row.id },
      { warnings: [...row.warnings, warning] },
    );
    await recordExportEvent(ctx.manager, {
      exportId: row.id,
      companyId: row.companyId,
      state: 'duplicateCreated',
      detail: { txnId: ret.TxnID, refNumber: ret.RefNumber ?? null },
    });
    this.logger.error(
      { exportId: row.id, txnId: ret.TxnID },
      'second document created for one export',
    );
    return {};
  }
}

function documentAnswer(ctx: ResponseContext): QbResponse | undefined {
  // Only the answer naming our request counts: QuickBooks echoes every requestID, and an
  // answer without ours is not about this document.
  const main = ctx.answers.find((answer) => answer.requestID === ctx.workItem.requestId);
  return main && /^(Invoice|SalesOrder)AddRs$/.test(main.type) ? main : undefined;
}

/** The answer to the request at `index` (the gateway numbers them `<requestId>.<index>`). */
function answerAt(
  ctx: ResponseContext,
  index: number,
  type: string,
): QbResponse | undefined {
  const id = `${ctx.workItem.requestId}.${index}`;
  const byId = ctx.answers.find((answer) => answer.requestID === id);
  if (byId) return byId;
  const byPosition = ctx.answers[index];
  return byPosition?.type === type && byPosition.requestID === undefined
    ? byPosition
    : undefined;
}

function customerWords(plan: CustomerAddPlan) {
  return plan.kind === 'client'
    ? {
        en: `to add the customer "${plan.fullName}"`,
        fr: `d'ajouter le client « ${plan.fullName} »`,
      }
    : {
        en: `to add the job "${plan.fullName}"`,
        fr: `d'ajouter la tâche client « ${plan.fullName} »`,
      };
}

function lastRequest(ctx: ResponseContext): string | undefined {
  const sent = ctx.workItem.params.lastRequest;
  return typeof sent === 'string' ? sent : undefined;
}
