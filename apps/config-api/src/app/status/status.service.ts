import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import {
  ExportEntity,
  ImportRunEntity,
  OutboxEntity,
  RecordErrorEntity,
  WcSessionEntity,
  WorkItemEntity,
  withDefaults,
  type CompanyEntity,
} from '@qbd/domain';
import { ApiErrors } from '../common/api-error';
import { paginate, type Page } from '../common/pagination';
import { CompanyLookup } from '../companies/company-lookup';
import {
  toImportRunView,
  toRecordErrorView,
  toSessionView,
  type ErrorsQueryDto,
  type ImportRunView,
  type ImportsQueryDto,
  type RecordErrorView,
  type SessionsQueryDto,
  type SessionView,
} from './history.views';
import {
  toQuickBooksFileView,
  type ConnectionHealthView,
  type StatusView,
  type UndeliveredView,
} from './status.views';

const UNFINISHED_WORK = ['queued', 'sent', 'received'];
const UNDELIVERED_SHOWN = 20;

@Injectable()
export class StatusService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly companies: CompanyLookup,
  ) {}

  async status(companyId: string, now = new Date()): Promise<StatusView> {
    const company = await this.companies.get(companyId);
    const [pendingWork, exports, undelivered] = await Promise.all([
      this.pendingWork(companyId),
      this.exportCounts(companyId),
      this.undelivered(companyId),
    ]);
    return {
      companyId,
      enabled: withDefaults(company.settings).enabled,
      connection: connectionHealth(company, now),
      quickBooks: toQuickBooksFileView(company.fileInfo),
      pendingWork,
      exports,
      undelivered,
    };
  }

  async sessions(companyId: string, query: SessionsQueryDto): Promise<Page<SessionView>> {
    await this.companies.get(companyId);
    const builder = this.dataSource
      .getRepository(WcSessionEntity)
      .createQueryBuilder('session')
      .where('session.companyId = :companyId', { companyId });
    if (query.status)
      builder.andWhere('session.status = :status', { status: query.status });
    if (query.from) builder.andWhere('session.startedAt >= :from', { from: query.from });
    if (query.to) builder.andWhere('session.startedAt < :to', { to: query.to });
    const page = await paginate(builder, 'startedAt', query);

    const runs = await this.importsOfSessions(
      companyId,
      page.items.map((session) => session.id),
    );
    const items = page.items.map((session) =>
      toSessionView(
        session,
        runs.filter((run) => run.sessionId === session.id),
      ),
    );
    return { ...page, items };
  }

  async imports(companyId: string, query: ImportsQueryDto): Promise<Page<ImportRunView>> {
    await this.companies.get(companyId);
    const builder = this.dataSource
      .getRepository(ImportRunEntity)
      .createQueryBuilder('run')
      .where('run.companyId = :companyId', { companyId });
    if (query.entity) builder.andWhere('run.entity = :entity', { entity: query.entity });
    if (query.status) builder.andWhere('run.status = :status', { status: query.status });
    const page = await paginate(builder, 'startedAt', query);
    return { ...page, items: page.items.map(toImportRunView) };
  }

  async importErrors(
    companyId: string,
    runId: string,
    query: ErrorsQueryDto,
  ): Promise<Page<RecordErrorView>> {
    await this.companies.get(companyId);
    const run = await this.dataSource.manager.findOneBy(ImportRunEntity, {
      id: runId,
      companyId,
    });
    if (!run) throw ApiErrors.notFound('import run', runId);
    return this.errors(companyId, query, runId);
  }

  async errors(
    companyId: string,
    query: ErrorsQueryDto,
    importRunId?: string,
  ): Promise<Page<RecordErrorView>> {
    await this.companies.get(companyId);
    const builder = this.dataSource
      .getRepository(RecordErrorEntity)
      .createQueryBuilder('error')
      .where('error.companyId = :companyId', { companyId });
    if (importRunId)
      builder.andWhere('error.importRunId = :importRunId', { importRunId });
    if (query.entity)
      builder.andWhere('error.entity = :entity', { entity: query.entity });
    const page = await paginate(builder, 'createdAt', query);
    return { ...page, items: page.items.map(toRecordErrorView) };
  }

  private async importsOfSessions(
    companyId: string,
    sessionIds: string[],
  ): Promise<ImportRunEntity[]> {
    if (sessionIds.length === 0) return [];
    return this.dataSource.manager.find(ImportRunEntity, {
      where: { companyId, sessionId: In(sessionIds) },
      order: { startedAt: 'ASC' },
    });
  }

  private async pendingWork(
    companyId: string,
  ): Promise<Record<string, Record<string, number>>> {
    const rows = await this.dataSource
      .getRepository(WorkItemEntity)
      .createQueryBuilder('item')
      .select('item.kind', 'kind')
      .addSelect('item.status', 'status')
      .addSelect('COUNT(*)::int', 'count')
      .where('item.companyId = :companyId', { companyId })
      .andWhere('item.status IN (:...statuses)', { statuses: UNFINISHED_WORK })
      .groupBy('item.kind')
      .addGroupBy('item.status')
      .getRawMany<{ kind: string; status: string; count: number }>();
    const counts: Record<string, Record<string, number>> = {};
    for (const row of rows) (counts[row.kind] ??= {})[row.status] = row.count;
    return counts;
  }

  private async exportCounts(companyId: string): Promise<Record<string, number>> {
    const rows = await this.dataSource
      .getRepository(ExportEntity)
      .createQueryBuilder('export')
      .select('export.status', 'status')
      .addSelect('COUNT(*)::int', 'count')
      .where('export.companyId = :companyId', { companyId })
      .groupBy('export.status')
      .getRawMany<{ status: string; count: number }>();
    return Object.fromEntries(rows.map((row) => [row.status, row.count]));
  }

  private async undelivered(companyId: string): Promise<UndeliveredView> {
    const [rows, count] = await this.dataSource.manager.findAndCount(OutboxEntity, {
      where: { companyId, status: 'dead' },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: UNDELIVERED_SHOWN,
    });
    const items = rows.map((row) => ({
      id: String(row.id),
      operation: row.operation,
      orderingKey: row.orderingKey,
      attempts: row.attempts,
      lastError: row.lastError,
      createdAt: row.createdAt,
    }));
    return { count, items };
  }
}

/** Whether Web Connector calls as often as the settings expect. */
export function connectionHealth(
  company: CompanyEntity,
  now: Date,
): ConnectionHealthView {
  const maxIntervalMs = withDefaults(company.settings).maxIntervalMinutes * 60_000;
  const expectedNextPollAt = company.lastPollAt
    ? new Date(company.lastPollAt.getTime() + maxIntervalMs)
    : null;
  return {
    status: company.connectionStatus,
    lastPollAt: company.lastPollAt,
    expectedNextPollAt,
    overdue: expectedNextPollAt !== null && expectedNextPollAt.getTime() < now.getTime(),
    consecutiveFailures: company.consecutiveConnectionFailures,
    lastError: company.lastConnectionError,
  };
}
