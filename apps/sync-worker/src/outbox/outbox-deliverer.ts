import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CompanyEntity,
  ConnectorError,
  EntityLinkEntity,
  ExportEntity,
  OutboxEntity,
  jsonColumn,
  recordError,
  recordExportEvent,
  toErrorRecord,
  type ErrorRecord,
} from '@qbd/domain';
import { ConnectorMetrics, LOGGER } from '@qbd/platform';
import type { PlAddress, ProgressionLivePort } from '@qbd/progressionlive';
import type { DeliverOutboxJobData } from '@qbd/queues';
import type { JobHandler } from '../queue/job-handler';
import { ProgressionLiveClients } from './progressionlive-clients';
import { matchExistingLocation, type LocationLink } from '../imports/location-match';

/** Deliveries tried before a write is given up and shown as undeliverable. */
export const MAX_DELIVERY_ATTEMPTS = 12;
const BATCH = 500;
/** Records delivered at the same time for one company (each record's writes stay in order). */
const DELIVERY_LANES = 8;

type DeliveryOutcome = 'delivered' | 'failed' | 'companyWide';

/** Errors that say nothing about one write but about the company's link to ProgressionLIVE. */
const COMPANY_WIDE_ERRORS = new Set([
  'PROGRESSIONLIVE_AUTH',
  'PROGRESSIONLIVE_UNAVAILABLE',
  'PROGRESSIONLIVE_NOT_CONFIGURED',
]);

/** Waits 2, 4, 8 ... seconds between tries, at most 10 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 ** attempts * 1000, 10 * 60 * 1000);
}

/**
 * Delivers a company's pending writes to ProgressionLIVE, oldest first. One delivery runs
 * per company at a time (a Postgres advisory lock); a write that fails holds back the
 * later writes of the same record, so they always arrive in order. Each delivery is
 * idempotent: an upsert carries the QuickBooks id as external id and the known
 * ProgressionLIVE id, and moving a task to a stage it is already at changes nothing.
 */
@Injectable()
export class OutboxDeliverer implements JobHandler<'deliverOutbox'> {
  readonly jobName = 'deliverOutbox' as const;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ProgressionLiveClients,
    private readonly metrics: ConnectorMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async handle(job: Job<DeliverOutboxJobData>): Promise<{ delivered: number }> {
    return this.deliverCompany(job.data.companyId);
  }

  async deliverCompany(companyId: string): Promise<{ delivered: number }> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
        [`outbox:${companyId}`],
      );
      if (!locked) return { delivered: 0 };
      try {
        return { delivered: await this.deliverAll(companyId) };
      } finally {
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [
          `outbox:${companyId}`,
        ]);
      }
    } finally {
      await runner.release();
    }
  }

  private async deliverAll(companyId: string): Promise<number> {
    const company = await this.dataSource
      .getRepository(CompanyEntity)
      .findOneByOrFail({ id: companyId });
    let delivered = 0;
    for (;;) {
      const rows = await this.dataSource.getRepository(OutboxEntity).find({
        where: { companyId, status: 'pending' },
        order: { id: 'ASC' },
        take: BATCH,
      });
      if (rows.length === 0) return delivered;

      const port = this.portOrNull(company);
      if (!port) return delivered;
      const progress = await this.deliverBatch(port, rows);
      delivered += progress;
      if (progress === 0) return delivered;
    }
  }

  /**
   * Delivers one batch: the rows of each record (ordering key) one after another, several
   * records at once. A row that fails, or is not due yet, holds back the later rows of its
   * record until the next pass.
   */
  private async deliverBatch(
    port: ProgressionLivePort,
    rows: OutboxEntity[],
  ): Promise<number> {
    const byKey = new Map<string, OutboxEntity[]>();
    for (const row of rows)
      byKey.set(row.orderingKey, [...(byKey.get(row.orderingKey) ?? []), row]);
    const keys = [...byKey.keys()];
    let progress = 0;
    let companyWide = false;
    const deliverKey = async (key: string) => {
      for (const row of byKey.get(key) ?? []) {
        if (companyWide || row.availableAt.getTime() > Date.now()) return;
        const outcome = await this.deliverOne(port, row);
        if (outcome === 'companyWide') companyWide = true;
        if (outcome !== 'delivered') return;
        progress += 1;
      }
    };
    // A failure that concerns the whole company (ProgressionLIVE down, credentials refused)
    // stops the pass: the other writes would only fail the same way, one by one.
    const lanes = Array.from(
      { length: Math.min(DELIVERY_LANES, keys.length) },
      async () => {
        for (
          let key = keys.shift();
          key !== undefined && !companyWide;
          key = keys.shift()
        )
          await deliverKey(key);
      },
    );
    await Promise.all(lanes);
    return progress;
  }

  private portOrNull(company: CompanyEntity): ProgressionLivePort | null {
    try {
      return this.clients.forCompany(company);
    } catch (error) {
      this.logger.warn(
        { err: (error as Error).message },
        'ProgressionLIVE client unavailable',
      );
      return null;
    }
  }

  private async deliverOne(
    port: ProgressionLivePort,
    row: OutboxEntity,
  ): Promise<DeliveryOutcome> {
    try {
      const resolved = await this.resolveReferences(row);
      const matched = await this.matchLocation(port, resolved);
      const result = await this.call(port, row.operation, resolved);
      await this.dataSource.transaction(async (manager) => {
        await this.afterDelivery(manager, row, result);
        if (matched) await this.recordMatch(manager, row, matched);
        await manager.update(
          OutboxEntity,
          { id: row.id },
          { status: 'delivered', deliveredAt: new Date(), attempts: row.attempts + 1 },
        );
      });
      this.metrics.jobOutcomes.inc({
        queue: 'outbox',
        job: row.operation,
        outcome: 'delivered',
      });
      return 'delivered';
    } catch (error) {
      const record = toErrorRecord(error);
      await this.recordFailure(row, record);
      return COMPANY_WIDE_ERRORS.has(record.code) ? 'companyWide' : 'failed';
    }
  }

  /** Fills in ProgressionLIVE ids known only once earlier writes were delivered. */
  private async resolveReferences(row: OutboxEntity): Promise<Record<string, unknown>> {
    const payload = { ...row.payload } as Record<string, unknown> & {
      input?: Record<string, unknown>;
      link?: { kind: string; qbListId: string };
      clientLink?: { qbListId: string };
    };
    const input = { ...(payload.input ?? {}) };
    const links = this.dataSource.getRepository(EntityLinkEntity);
    if (payload.link && input.id === undefined) {
      const own = await links.findOneBy({
        companyId: row.companyId,
        kind: payload.link.kind as never,
        qbListId: payload.link.qbListId,
      });
      if (own?.plId) input.id = own.plId;
    }
    if (payload.clientLink) {
      const client = await links.findOneBy({
        companyId: row.companyId,
        kind: 'client',
        qbListId: payload.clientLink.qbListId,
      });
      if (!client?.plId)
        throw await this.missingClient(
          row,
          payload.clientLink.qbListId,
          client?.qbFullName,
        );
      input.clientRef = { id: client.plId };
    }
    return { ...payload, input };
  }

  /**
   * A new job location (`matchAddress`) links the client's existing location at the same
   * address instead of creating a second one; `input.id` makes the upsert update it.
   */
  private async matchLocation(
    port: ProgressionLivePort,
    payload: Record<string, unknown>,
  ): Promise<LocationLink | null> {
    const input = payload.input as {
      id?: string;
      clientRef?: { id?: string };
      externalId: string;
      address?: PlAddress;
    };
    if (!payload.matchAddress || input.id !== undefined || !input.clientRef?.id)
      return null;
    const match = await matchExistingLocation(port, input.clientRef.id, input);
    if (match) input.id = match.id;
    return match;
  }

  private async recordMatch(
    manager: EntityManager,
    row: OutboxEntity,
    match: LocationLink,
  ): Promise<void> {
    const link = (row.payload as { link?: { kind: string; qbListId: string } }).link;
    if (!link) return;
    await manager.update(
      EntityLinkEntity,
      { companyId: row.companyId, kind: link.kind as never, qbListId: link.qbListId },
      { plId: match.id, matchReason: match.reason },
    );
  }

  /**
   * A location whose client is not in ProgressionLIVE: waiting helps while the client's own
   * write is still being retried, not once that write was given up.
   */
  private async missingClient(
    row: OutboxEntity,
    qbListId: string,
    name?: string,
  ): Promise<ConnectorError> {
    const clientGivenUp = await this.dataSource
      .getRepository(OutboxEntity)
      .createQueryBuilder('o')
      .where('o.companyId = :companyId AND o.orderingKey = :key AND o.status = :dead', {
        companyId: row.companyId,
        key: row.orderingKey,
        dead: 'dead',
      })
      .andWhere(
        `o.operation = 'upsertClient' AND o.payload -> 'link' ->> 'qbListId' = :qbListId`,
        { qbListId },
      )
      .getExists();
    const who = name ?? qbListId;
    return new ConnectorError({
      code: 'PROGRESSIONLIVE_CLIENT_MISSING',
      fixableBy: clientGivenUp ? 'operator' : 'nobody',
      retryable: !clientGivenUp,
      message: clientGivenUp
        ? {
            en: `The location cannot be created: its client "${who}" could not be written to ProgressionLIVE (see that error).`,
            fr: `Le lieu ne peut pas être créé : son client « ${who} » n'a pas pu être écrit dans ProgressionLIVE (voir cette erreur).`,
          }
        : {
            en: `The location waits for its client "${who}" to reach ProgressionLIVE.`,
            fr: `Le lieu attend que son client « ${who} » soit écrit dans ProgressionLIVE.`,
          },
    });
  }

  private async call(
    port: ProgressionLivePort,
    operation: string,
    payload: Record<string, unknown>,
  ): Promise<{ id?: string } | void> {
    const input = payload.input as never;
    switch (operation) {
      case 'upsertClient':
        return port.upsertClient(input);
      case 'upsertNode':
        return port.upsertNode(input);
      case 'upsertProduct':
        return port.upsertProduct(input);
      case 'upsertEntityValue':
        return port.upsertEntityValue(input);
      case 'setTaskProperty': {
        const { taskId, name, value } = payload as {
          taskId: string;
          name: string;
          value: string;
        };
        return port.setTaskProperty(taskId, name, value);
      }
      case 'progressTask': {
        const { taskId, logicId } = payload as { taskId: string; logicId: number };
        return port.progressTask(taskId, logicId);
      }
      default:
        throw new Error(`Unknown outbox operation ${operation}`);
    }
  }

  private async afterDelivery(
    manager: EntityManager,
    row: OutboxEntity,
    result: { id?: string } | void,
  ) {
    const payload = row.payload as {
      link?: { kind: string; qbListId: string };
      exportId?: string;
      logicId?: number;
      final?: boolean;
    };
    if (payload.link && result && result.id) {
      await manager.update(
        EntityLinkEntity,
        {
          companyId: row.companyId,
          kind: payload.link.kind as never,
          qbListId: payload.link.qbListId,
        },
        { plId: result.id },
      );
    }
    if (payload.exportId && payload.final) {
      await manager.update(
        ExportEntity,
        { id: payload.exportId },
        { status: 'delivered' },
      );
      await recordExportEvent(manager, {
        exportId: payload.exportId,
        companyId: row.companyId,
        state: 'delivered',
        detail: { stage: payload.logicId },
      });
      this.metrics.exports.inc({ result: 'delivered' });
    }
  }

  private async recordFailure(row: OutboxEntity, error: ErrorRecord): Promise<void> {
    const attempts = row.attempts + 1;
    // A write is given up only for a reason of its own: while ProgressionLIVE is down or
    // refuses the company's credentials, it waits (backing off) for as long as it takes.
    const companyWide = COMPANY_WIDE_ERRORS.has(error.code);
    const dead = !companyWide && (!error.retryable || attempts >= MAX_DELIVERY_ATTEMPTS);
    await this.dataSource.getRepository(OutboxEntity).update(
      { id: row.id },
      {
        attempts,
        status: dead ? 'dead' : 'pending',
        lastError: jsonColumn(error),
        availableAt: new Date(Date.now() + retryDelayMs(attempts)),
      },
    );
    if (dead) {
      const payload = row.payload as {
        link?: { qbListId?: string };
        input?: { label?: string };
        taskId?: string;
      };
      await recordError(this.dataSource.manager, {
        companyId: row.companyId,
        entity: `progressionlive:${row.operation}`,
        qbListId: payload.link?.qbListId ?? null,
        name: payload.input?.label ?? payload.taskId ?? null,
        error,
      });
    }
    this.logger.warn(
      { outboxId: row.id, operation: row.operation, attempts, dead, code: error.code },
      'ProgressionLIVE write not delivered',
    );
  }
}
