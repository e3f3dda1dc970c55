import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  ExportEntity,
  WorkItemEntity,
  WorkPriority,
  enqueueOutbox,
  jsonColumn,
  recordExportEvent,
  type ErrorRecord,
  type OutboxWrite,
} from '@qbd/domain';
import { ConnectorMetrics, LOGGER } from '@qbd/platform';
import {
  describeStatus,
  type CustomerRet,
  type QbResponse,
  type QbSalesTxnRet,
} from '@qbd/qbxml';
import {
  mainAnswer,
  type AfterCommit,
  type ResponseApplier,
  type ResponseContext,
} from '../responses/response-context';
import { fromCustomerRet, linkCustomer } from './customer-links';
import { queueCustomerLinkLookup, withoutLastRequest } from './export-work';
import { judgeLookup, type LookupVerdict } from './document-lookup';
import type { CustomerAddPlan, LookupParams } from './document-params';
import { documentWords, quickBooksRefusal } from './export-errors';
import { finishWorkItem, lockExport, markCreated, parkExport } from './export-outcomes';

/** Lookups tried after an error answer before the export is handed to a person. */
export const MAX_LOOKUP_ATTEMPTS = 3;

interface CustomerLinkParams {
  linkCustomers: CustomerAddPlan[];
  thenPrepare?: boolean;
}

/**
 * Applies the answer to a lookup: the query that tells whether QuickBooks holds a
 * document whose answer was lost (case 022). Found with our ExternalGUID (or, without
 * one, the same RefNumber, customer and total): linked as created. Not found: the
 * document is queued again, its send count carried over. A near match: parked for a
 * person, never linked and never re-sent. Also applies the customer lookups that link
 * customers and jobs QuickBooks already holds.
 */
@Injectable()
export class LookupApplier implements ResponseApplier {
  constructor(
    private readonly metrics: ConnectorMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async apply(ctx: ResponseContext): Promise<AfterCommit> {
    if (ctx.workItem.status !== 'received') return {};
    const row = ctx.workItem.exportId
      ? await lockExport(ctx.manager, ctx.workItem.exportId)
      : null;
    if (!row) {
      await finishWorkItem(ctx.manager, ctx.workItem, 'done');
      return {};
    }
    if ('linkCustomers' in ctx.workItem.params) return this.linkCustomers(ctx, row);
    if (row.status !== 'unknown') return this.settledMeanwhile(ctx, row);

    const answer = mainAnswer(ctx);
    if (ctx.hresult || !answer || !answer.ok) return this.lookupFailed(ctx, row, answer);
    const params = ctx.workItem.params as LookupParams;
    const verdict = judgeLookup(answer.records as never[], params.document.match);
    await finishWorkItem(ctx.manager, ctx.workItem, 'done');
    return this.follow(ctx, row, params, verdict);
  }

  private async follow(
    ctx: ResponseContext,
    row: ExportEntity,
    params: LookupParams,
    verdict: LookupVerdict,
  ): Promise<AfterCommit> {
    switch (verdict.kind) {
      case 'found':
        return this.found(ctx, row, params, verdict);
      case 'notFound':
        return this.notFound(ctx, row, params);
      case 'ambiguous':
        return this.ambiguous(ctx, row, params, verdict.candidates);
    }
  }

  private async found(
    ctx: ResponseContext,
    row: ExportEntity,
    params: LookupParams,
    verdict: Extract<LookupVerdict, { kind: 'found' }>,
  ): Promise<AfterCommit> {
    const warnings = verdict.duplicates.map(
      (dup) =>
        `QuickBooks holds another document stamped for this task (TxnID ${dup.TxnID}, number ${dup.RefNumber ?? '?'}); delete it in QuickBooks.`,
    );
    await markCreated(ctx.manager, row, ctx.settings, {
      ret: verdict.ret,
      match: params.document.match,
      via: 'lookup',
      workItemId: ctx.workItem.id,
      warnings,
    });
    // Customers added by the lost message exist too: they are found by name and linked.
    const adds = params.document.customerAdds ?? [];
    if (adds.length > 0) await queueCustomerLinkLookup(ctx.manager, row, adds, false);
    this.metrics.exports.inc({ result: 'created' });
    return { wakeOutbox: true };
  }

  /** QuickBooks does not hold it: the same message is queued again, as counted so far. */
  private async notFound(
    ctx: ResponseContext,
    row: ExportEntity,
    params: LookupParams,
  ): Promise<AfterCommit> {
    const document = withoutLastRequest(params.document);
    const inserted = await ctx.manager.insert(WorkItemEntity, {
      companyId: row.companyId,
      kind: 'document',
      priority: WorkPriority.document,
      status: 'queued',
      exportId: row.id,
      params: jsonColumn(document),
      sendCount: params.documentSendCount ?? 0,
    });
    await ctx.manager.update(ExportEntity, { id: row.id }, { status: 'ready' });
    await recordExportEvent(ctx.manager, {
      exportId: row.id,
      companyId: row.companyId,
      state: 'notFoundResend',
      detail: {
        workItemId: inserted.identifiers[0]?.id ?? null,
        sends: params.documentSendCount ?? 0,
      },
    });
    return {};
  }

  private async ambiguous(
    ctx: ResponseContext,
    row: ExportEntity,
    params: LookupParams,
    candidates: QbSalesTxnRet[],
  ): Promise<AfterCommit> {
    const match = params.document.match;
    const doc = documentWords(row.documentKind, match.refNumber);
    const found = candidates
      .map(
        (c) =>
          `${c.RefNumber ?? '?'} (${c.CustomerRef?.FullName ?? '?'}, ${c.Subtotal ?? '?'})`,
      )
      .join(', ');
    const error: ErrorRecord = {
      code: 'EXPORT_NEAR_MATCH',
      fixableBy: 'bookkeeper',
      retryable: false,
      message: {
        en: `QuickBooks holds a document that looks like ${doc.en} but with different data: ${found}. Check QuickBooks; retry only if this task was not billed there.`,
        fr: `QuickBooks contient un document qui ressemble à ${doc.fr} mais avec d'autres données : ${found}. Vérifiez QuickBooks; ne réessayez que si cette tâche n'y a pas été facturée.`,
      },
      details: {
        expected: match,
        candidates: candidates.map((c) => ({
          txnId: c.TxnID,
          refNumber: c.RefNumber ?? null,
          customer: c.CustomerRef ?? null,
          date: c.TxnDate ?? null,
          subtotal: c.Subtotal ?? null,
        })),
      },
    };
    await parkExport(ctx.manager, row, error, { workItemId: ctx.workItem.id });
    this.metrics.exports.inc({ result: 'needsAttention' });
    return {};
  }

  /**
   * The lookup itself was refused. QuickBooks may be busy: it is asked again a few times;
   * after that (or for a permanent refusal) a person decides, since re-sending blindly
   * could bill twice.
   */
  private async lookupFailed(
    ctx: ResponseContext,
    row: ExportEntity,
    answer: QbResponse | undefined,
  ): Promise<AfterCommit> {
    const status = ctx.hresult?.code ?? String(answer?.statusCode ?? 'none');
    const message =
      ctx.hresult?.message ?? answer?.statusMessage ?? 'no answer to the lookup';
    const refusal = quickBooksRefusal(status, message, {
      what: {
        en: 'the search for an unconfirmed document',
        fr: "la recherche d'un document non confirmé",
      },
    });
    await finishWorkItem(ctx.manager, ctx.workItem, 'failed', refusal);

    const params = ctx.workItem.params as LookupParams;
    const attempts = (params.lookupAttempts ?? 0) + 1;
    if (describeStatus(status).retryable && attempts < MAX_LOOKUP_ATTEMPTS) {
      await ctx.manager.insert(WorkItemEntity, {
        companyId: row.companyId,
        kind: 'lookup',
        priority: WorkPriority.lookup,
        status: 'queued',
        exportId: row.id,
        params: { ...params, lookupAttempts: attempts },
      });
      return {};
    }
    await parkExport(ctx.manager, row, lookupFailedError(refusal), {
      workItemId: ctx.workItem.id,
    });
    return {};
  }

  /** The export was settled by something else (a retry, another answer): nothing to do. */
  private async settledMeanwhile(
    ctx: ResponseContext,
    row: ExportEntity,
  ): Promise<AfterCommit> {
    await finishWorkItem(ctx.manager, ctx.workItem, 'done');
    this.logger.info(
      { exportId: row.id, status: row.status },
      'lookup answer for a settled export ignored',
    );
    return {};
  }

  /**
   * Links the customers and jobs QuickBooks already holds under the names the export
   * wanted to add; then, if asked, the export is built again (now referring to them).
   */
  private async linkCustomers(
    ctx: ResponseContext,
    row: ExportEntity,
  ): Promise<AfterCommit> {
    const params = ctx.workItem.params as unknown as CustomerLinkParams;
    const answer = mainAnswer(ctx);
    const records = answer?.ok ? (answer.records as CustomerRet[]) : [];
    const writes: OutboxWrite[] = [];
    for (const plan of params.linkCustomers) {
      const ret = records.find(
        (r) => (r.FullName ?? '').toLowerCase() === plan.fullName.toLowerCase(),
      );
      if (!ret?.ListID) continue;
      writes.push(
        ...(await linkCustomer(ctx.manager, {
          companyId: row.companyId,
          kind: plan.kind,
          plId: plan.plId,
          reason: 'sameNameForExport',
          ...fromCustomerRet(ret, plan.fullName),
        })),
      );
    }
    await enqueueOutbox(ctx.manager, writes);
    await finishWorkItem(ctx.manager, ctx.workItem, answer?.ok ? 'done' : 'failed');
    const prepare = params.thenPrepare && row.status === 'pending';
    return {
      wakeOutbox: writes.length > 0,
      ...(prepare ? { prepareExports: [row.id] } : {}),
    };
  }
}

function lookupFailedError(refusal: ErrorRecord): ErrorRecord {
  return {
    ...refusal,
    code: 'EXPORT_LOOKUP_FAILED',
    fixableBy: 'bookkeeper',
    retryable: true,
    message: {
      en: `The connector could not check whether QuickBooks holds this document (its answer was lost). ${refusal.message.en} Retrying checks QuickBooks again before sending anything.`,
      fr: `Le connecteur n'a pas pu vérifier si QuickBooks contient ce document (sa réponse a été perdue). ${refusal.message.fr} Réessayer vérifie de nouveau QuickBooks avant tout envoi.`,
    },
  };
}
