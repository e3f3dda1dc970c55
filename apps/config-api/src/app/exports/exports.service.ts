import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { ExportEntity, ExportEventEntity, type ExportStatus } from '@qbd/domain';
import { ApiErrors } from '../common/api-error';
import { paginate, type Page } from '../common/pagination';
import { QueuePublisher } from '../common/queue-publisher';
import { CompanyLookup } from '../companies/company-lookup';
import {
  toExportEventView,
  toExportView,
  type ExportDetailView,
  type ExportsQueryDto,
  type ExportView,
} from './exports.views';

const RETRYABLE: ExportStatus[] = ['failed', 'needsAttention'];

@Injectable()
export class ExportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly companies: CompanyLookup,
    private readonly publisher: QueuePublisher,
  ) {}

  async list(companyId: string, query: ExportsQueryDto): Promise<Page<ExportView>> {
    await this.companies.get(companyId);
    const builder = this.dataSource
      .getRepository(ExportEntity)
      .createQueryBuilder('export')
      .where('export.companyId = :companyId', { companyId });
    if (query.status)
      builder.andWhere('export.status = :status', { status: query.status });
    if (query.taskId)
      builder.andWhere('export.taskId = :taskId', { taskId: query.taskId });
    const page = await paginate(builder, 'createdAt', query);
    return { ...page, items: page.items.map(toExportView) };
  }

  async get(companyId: string, exportId: string): Promise<ExportDetailView> {
    const row = await this.find(this.dataSource.manager, companyId, exportId);
    const events = await this.dataSource.manager.find(ExportEventEntity, {
      where: { exportId, companyId },
      order: { at: 'ASC', id: 'ASC' },
    });
    return {
      ...toExportView(row),
      snapshot: row.snapshot,
      timeline: events.map(toExportEventView),
    };
  }

  /**
   * Puts a failed export (or one a person had to look at) back to pending and asks the
   * worker to build its document again. The status check and the change are one UPDATE,
   * so two retries at once make one.
   */
  async retry(
    companyId: string,
    exportId: string,
    actor: string,
  ): Promise<ExportDetailView> {
    const eventId = await this.dataSource.transaction(async (manager) => {
      const row = await this.find(manager, companyId, exportId);
      const updated = await manager.update(
        ExportEntity,
        { id: exportId, companyId, status: In(RETRYABLE) },
        { status: 'pending', automaticRetries: 0 },
      );
      if (!updated.affected) throw ApiErrors.exportNotRetryable(exportId, row.status);

      const event = await manager.save(
        manager.create(ExportEventEntity, {
          exportId,
          companyId,
          state: 'retryRequested',
          detail: {
            by: actor,
            previousStatus: row.status,
            previousError: row.lastError?.code ?? null,
          },
        }),
      );
      return String(event.id);
    });

    // A new job id per retry: the export's first job may still be kept as completed, and
    // BullMQ would silently drop a second job with the same id.
    await this.publisher.publish(
      'prepareExport',
      { companyId, exportId },
      { jobId: `export-${exportId}-retry-${eventId}` },
    );
    return this.get(companyId, exportId);
  }

  private async find(
    manager: EntityManager,
    companyId: string,
    exportId: string,
  ): Promise<ExportEntity> {
    await this.companies.get(companyId, manager);
    const row = await manager.findOneBy(ExportEntity, { id: exportId, companyId });
    if (!row) throw ApiErrors.notFound('export', exportId);
    return row;
  }
}
