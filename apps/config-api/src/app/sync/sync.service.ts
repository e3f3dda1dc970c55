import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  enqueueImport,
  withDefaults,
  type ImportItemEntity,
  type WorkItemEntity,
} from '@qbd/domain';
import { ApiErrors } from '../common/api-error';
import { CompanyLookup } from '../companies/company-lookup';

export const SYNC_ENTITIES: ImportItemEntity[] = [
  'customers',
  'items',
  'classes',
  'sites',
  'salesTaxCodes',
];

export class SyncNowDto {
  @ApiProperty({ enum: SYNC_ENTITIES, isArray: true, example: ['customers', 'items'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SYNC_ENTITIES.length)
  @ArrayUnique()
  @IsIn(SYNC_ENTITIES, { each: true })
  entities: ImportItemEntity[];

  @ApiProperty({
    enum: ['quick', 'full'],
    description: 'quick: records changed since the last import; full: every record',
  })
  @IsIn(['quick', 'full'])
  mode: 'quick' | 'full';
}

export class QueuedImportView {
  @ApiProperty({ format: 'uuid' })
  workItemId: string;

  @ApiProperty()
  entity: string;

  @ApiProperty({ enum: ['quick', 'full'] })
  mode: string;

  @ApiProperty({
    description: 'queued, or sent/received when an import of this list is under way',
  })
  status: string;

  @ApiProperty({
    description:
      'false: an import of this list was already waiting, and it is the one returned',
  })
  created: boolean;

  @ApiProperty()
  queuedAt: Date;
}

function toQueuedImportView(item: WorkItemEntity, created: boolean): QueuedImportView {
  return {
    workItemId: item.id,
    entity: item.entity ?? '',
    mode: item.mode ?? '',
    status: item.status,
    created,
    queuedAt: item.createdAt,
  };
}

@Injectable()
export class SyncService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly companies: CompanyLookup,
  ) {}

  /**
   * Queues the imports for the company's next Web Connector session, all or none. A list
   * already waiting is not queued twice; asking for a full import upgrades a waiting quick one.
   */
  async syncNow(companyId: string, request: SyncNowDto): Promise<QueuedImportView[]> {
    const company = await this.companies.get(companyId);
    if (!withDefaults(company.settings).enabled)
      throw ApiErrors.companyDisabled(companyId);

    return this.dataSource.transaction(async (manager) => {
      const queued: QueuedImportView[] = [];
      for (const entity of request.entities) {
        const { workItem, created } = await enqueueImport(
          manager,
          companyId,
          entity,
          request.mode,
        );
        queued.push(toQueuedImportView(workItem, created));
      }
      return queued;
    });
  }
}
