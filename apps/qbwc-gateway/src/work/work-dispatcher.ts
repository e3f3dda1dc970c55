import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import {
  ExportEntity,
  QbResponseEntity,
  SyncWatermarkEntity,
  WorkItemEntity,
  WorkPriority,
  stopExport,
  recordExportEvent,
  jsonColumn,
  toErrorRecord,
  type ErrorRecord,
} from '@qbd/domain';
import { buildRequestXml, type QbRequest, type QbxmlTarget } from '@qbd/qbxml';
import { deletedRequest, importRequest, quickImportStart } from './import-requests';
import { scanResponseHeader } from './response-scan';

/** A document handed to Web Connector this many times with no answer is parked. */
export const MAX_DOCUMENT_SENDS = 3;

export interface LeasedWork {
  workItem: WorkItemEntity;
  requestId: string;
  qbxml: string;
}

export interface RecordedResponse {
  /** False when the same response had been recorded already (a replay). */
  recorded: boolean;
  responseId?: string;
  workItem?: WorkItemEntity;
  /** More pages of this item to ask within the session. */
  continues: boolean;
}

/** The Web Connector-side half of the work list: handing out requests, taking answers. */
@Injectable()
export class WorkDispatcher {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Takes the company's next piece of work and renders it for this QuickBooks. Work that
   * cannot be rendered (e.g. a message this edition lacks) fails visibly and the next is
   * taken, so one bad item never blocks the session.
   */
  async leaseNext(
    companyId: string,
    sessionId: string,
    target: QbxmlTarget,
  ): Promise<LeasedWork | null> {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const outcome = await this.dataSource.transaction(async (manager) => {
        const item = await this.nextQueued(manager, companyId, sessionId);
        if (!item) return null;
        return this.render(manager, item, sessionId, target);
      });
      if (outcome === null) return null;
      if (outcome !== 'skipped') return outcome;
    }
    return null;
  }

  private async nextQueued(manager: EntityManager, companyId: string, sessionId: string) {
    // An iterator belongs to the session that started it: continue it before anything else.
    return manager
      .createQueryBuilder(WorkItemEntity, 'w')
      .where('w.companyId = :companyId', { companyId })
      .andWhere(`w.status = 'queued'`)
      .orderBy(
        `CASE WHEN w."iteratorId" IS NOT NULL AND w."sessionId" = :sessionId THEN 0 ELSE 1 END`,
      )
      .addOrderBy('w.priority')
      .addOrderBy('w.createdAt')
      .setParameter('sessionId', sessionId)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .limit(1)
      .getOne();
  }

  private async render(
    manager: EntityManager,
    item: WorkItemEntity,
    sessionId: string,
    target: QbxmlTarget,
  ): Promise<LeasedWork | 'skipped'> {
    if (item.kind === 'document' && item.sendCount >= MAX_DOCUMENT_SENDS) {
      await this.parkUnconfirmedDocument(manager, item);
      return 'skipped';
    }
    if (item.iteratorId && item.sessionId !== sessionId) {
      // QuickBooks forgets iterators when a session ends: start the page run again.
      item.iteratorId = null;
      item.iteratorRemaining = null;
    }

    const requestId = `${item.id.slice(0, 8)}-${item.sendCount + 1}`;
    let qbxml: string;
    try {
      const requests = await this.requestsFor(manager, item, requestId);
      qbxml = buildRequestXml(requests, { target, onError: 'stopOnError' });
    } catch (error) {
      await this.failUnrenderable(manager, item, toErrorRecord(error));
      return 'skipped';
    }

    // What was sent for a document is kept, so a refusal can be shown with the exact request.
    if (item.kind !== 'import') item.params = { ...item.params, lastRequest: qbxml };
    item.status = 'sent';
    item.sessionId = sessionId;
    item.requestId = requestId;
    item.sendCount += 1;
    // update(), not save(): save() reads the row again first, one more round trip per call.
    await manager.update(
      WorkItemEntity,
      { id: item.id },
      {
        params: jsonColumn(item.params),
        status: item.status,
        sessionId,
        requestId,
        sendCount: item.sendCount,
        iteratorId: item.iteratorId,
        iteratorRemaining: item.iteratorRemaining,
      },
    );
    if (item.kind === 'document' && item.exportId)
      await this.markExportSent(manager, item, requestId);
    return { workItem: item, requestId, qbxml };
  }

  private async requestsFor(
    manager: EntityManager,
    item: WorkItemEntity,
    requestId: string,
  ): Promise<QbRequest[]> {
    if (item.kind !== 'import') {
      const prepared = (item.params.requests ?? []) as QbRequest[];
      if (prepared.length === 0) throw new Error(`Work item ${item.id} has no request`);
      // Every request of the message gets an id; the last one is the one that matters.
      return prepared.map((request, index) => ({
        ...request,
        requestID: index === prepared.length - 1 ? requestId : `${requestId}.${index}`,
      })) as QbRequest[];
    }

    const entity = item.entity ?? '';
    if (!item.iteratorId && item.params.fromModified === undefined) {
      const fromModified = await this.quickStart(manager, item);
      item.params = { ...item.params, fromModified };
    }
    const fromModified = (item.params.fromModified as string | null) ?? undefined;
    const requests = [
      importRequest({
        entity,
        requestId,
        fromModified,
        iteratorID: item.iteratorId ?? undefined,
      }),
    ];
    const deletions =
      fromModified && !item.iteratorId
        ? deletedRequest(entity, `${requestId}.d`, fromModified)
        : null;
    return deletions ? [deletions, ...requests] : requests;
  }

  /** Where a quick import starts; null (a full import) without a watermark. */
  private async quickStart(
    manager: EntityManager,
    item: WorkItemEntity,
  ): Promise<string | null> {
    if (item.mode !== 'quick') return null;
    const watermark = await manager.findOneBy(SyncWatermarkEntity, {
      companyId: item.companyId,
      entity: item.entity ?? '',
    });
    return watermark ? quickImportStart(watermark.lastModified) : null;
  }

  private async markExportSent(
    manager: EntityManager,
    item: WorkItemEntity,
    requestId: string,
  ) {
    await manager.update(
      ExportEntity,
      { id: item.exportId! },
      { status: 'sent', attempts: () => '"attempts" + 1' },
    );
    await recordExportEvent(manager, {
      exportId: item.exportId!,
      companyId: item.companyId,
      state: 'sent',
      detail: { requestId, sessionId: item.sessionId, send: item.sendCount },
    });
  }

  private failUnrenderable(
    manager: EntityManager,
    item: WorkItemEntity,
    error: ErrorRecord,
  ) {
    return this.giveUp(manager, item, 'failed', error);
  }

  private parkUnconfirmedDocument(manager: EntityManager, item: WorkItemEntity) {
    return this.giveUp(manager, item, 'needsAttention', {
      code: 'EXPORT_SENT_WITHOUT_ANSWER',
      fixableBy: 'bookkeeper',
      retryable: false,
      message: {
        en: `This document was sent to QuickBooks ${item.sendCount} times without an answer. Check QuickBooks before retrying, so it is not entered twice.`,
        fr: `Ce document a été envoyé ${item.sendCount} fois à QuickBooks sans réponse. Vérifiez QuickBooks avant de réessayer, pour ne pas le saisir deux fois.`,
      },
    });
  }

  /** The item will not be sent again; its export, if any, says why (status, error list, timeline). */
  private async giveUp(
    manager: EntityManager,
    item: WorkItemEntity,
    exportStatus: 'failed' | 'needsAttention',
    error: ErrorRecord,
  ) {
    await manager.update(
      WorkItemEntity,
      { id: item.id },
      { status: 'failed', lastError: jsonColumn(error), finishedAt: new Date() },
    );
    if (item.exportId) {
      await stopExport(manager, {
        exportId: item.exportId,
        companyId: item.companyId,
        status: exportStatus,
        error,
      });
    }
  }

  /**
   * Records QuickBooks' answer before Web Connector is acknowledged. A replay of an
   * answer already recorded changes nothing. An iterator with pages left stays with the
   * session; everything else waits for the worker to apply it.
   */
  async recordResponse(input: {
    companyId: string;
    sessionId: string;
    workItemId: string;
    requestId: string;
    body: string;
    hresult: string;
    message: string;
  }): Promise<RecordedResponse> {
    return this.dataSource.transaction(async (manager) => {
      const item = await manager.findOne(WorkItemEntity, {
        where: { id: input.workItemId, companyId: input.companyId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!item || item.status !== 'sent' || item.requestId !== input.requestId) {
        return { recorded: false, continues: false };
      }

      const page = item.pages + 1;
      const failed = input.hresult.trim() !== '';
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(QbResponseEntity)
        .values({
          companyId: input.companyId,
          workItemId: item.id,
          sessionId: input.sessionId,
          page,
          requestId: input.requestId,
          body: input.body,
          hresult: failed ? input.hresult.trim() : null,
          hresultMessage: failed ? input.message : null,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const responseId = (inserted.raw[0] as { id?: string } | undefined)?.id;
      if (!responseId) return { recorded: false, continues: false };

      const header = failed ? {} : scanResponseHeader(input.body, input.requestId);
      const continues =
        item.kind === 'import' &&
        header.statusCode === 0 &&
        !!header.iteratorID &&
        (header.iteratorRemainingCount ?? 0) > 0;

      item.pages = page;
      item.status = continues ? 'queued' : 'received';
      item.iteratorId = continues ? header.iteratorID! : null;
      item.iteratorRemaining = continues ? header.iteratorRemainingCount! : null;
      await manager.update(
        WorkItemEntity,
        { id: item.id },
        {
          pages: item.pages,
          status: item.status,
          iteratorId: item.iteratorId,
          iteratorRemaining: item.iteratorRemaining,
        },
      );
      return { recorded: true, responseId, workItem: item, continues };
    });
  }

  /**
   * Work a session must give back when it ends without answers: list queries go back in
   * the queue; a document whose answer was lost becomes "unknown" and QuickBooks is asked
   * whether it holds it before anything is sent again.
   */
  async recoverAbandoned(companyId: string, exceptSessionId?: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const abandoned = await manager.find(WorkItemEntity, {
        where: { companyId, status: 'sent' },
        lock: { mode: 'pessimistic_write' },
      });
      let count = 0;
      for (const item of abandoned) {
        if (item.sessionId === exceptSessionId) continue;
        count += 1;
        if (item.kind === 'document') await this.toLookup(manager, item);
        else
          await manager.update(
            WorkItemEntity,
            { id: item.id },
            { status: 'queued', iteratorId: null, iteratorRemaining: null },
          );
      }
      // Iterators of dead sessions restart from the first page.
      await manager
        .createQueryBuilder()
        .update(WorkItemEntity)
        .set({ iteratorId: null, iteratorRemaining: null })
        .where({ companyId, status: 'queued' })
        .andWhere('"iteratorId" IS NOT NULL')
        .andWhere(exceptSessionId ? '"sessionId" <> :exceptSessionId' : 'TRUE', {
          exceptSessionId,
        })
        .execute();
      return count;
    });
  }

  private async toLookup(manager: EntityManager, item: WorkItemEntity) {
    const lookup = item.params.lookup as QbRequest | undefined;
    await manager.update(
      WorkItemEntity,
      { id: item.id },
      { status: 'cancelled', finishedAt: new Date() },
    );
    if (!item.exportId) return;
    await manager.update(ExportEntity, { id: item.exportId }, { status: 'unknown' });
    await recordExportEvent(manager, {
      exportId: item.exportId,
      companyId: item.companyId,
      state: 'unknown',
      detail: {
        reason:
          'The session ended before QuickBooks answered; QuickBooks will be asked first.',
      },
    });
    if (!lookup) return;
    await manager.insert(WorkItemEntity, {
      companyId: item.companyId,
      kind: 'lookup',
      priority: WorkPriority.lookup,
      status: 'queued',
      exportId: item.exportId,
      params: {
        requests: [lookup],
        document: item.params,
        documentSendCount: item.sendCount,
      },
    });
  }

  /** Units of work left for the company: queued items plus iterator pages still to ask. */
  async remainingUnits(companyId: string, pageSize: number): Promise<number> {
    const rows: { queued: string; pages: string | null }[] = await this.dataSource.query(
      `SELECT count(*) AS queued,
              sum(CASE WHEN "iteratorRemaining" IS NOT NULL THEN ceil("iteratorRemaining"::numeric / $2) - 1 ELSE 0 END) AS pages
         FROM work_item WHERE "companyId" = $1 AND status = 'queued'`,
      [companyId, pageSize],
    );
    const row = rows[0];
    return Number(row?.queued ?? 0) + Math.max(0, Number(row?.pages ?? 0));
  }

  async hasQueued(companyId: string): Promise<boolean> {
    return (
      (await this.dataSource
        .getRepository(WorkItemEntity)
        .count({ where: { companyId, status: In(['queued', 'sent']) } })) > 0
    );
  }

  /**
   * Exports the worker has not turned into a document yet. Until a first session has told
   * which QuickBooks the company runs, they cannot be built at all, so they count as work:
   * a session must open for them.
   */
  async pendingExports(companyId: string): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(ExportEntity)
      .find({ where: { companyId, status: 'pending' }, select: { id: true }, take: 500 });
    return rows.map((row) => row.id);
  }
}
