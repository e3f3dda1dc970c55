import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type {
  ErrorRecord,
  ExportEntity,
  ExportEventEntity,
  ExportStatus,
  TaskSnapshot,
} from '@qbd/domain';
import { PageDoc, PageQueryDto } from '../common/pagination';

export const EXPORT_STATUSES: ExportStatus[] = [
  'pending',
  'ready',
  'sent',
  'unknown',
  'created',
  'delivered',
  'failed',
  'needsAttention',
];

export class ExportsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_STATUSES })
  @IsOptional()
  @IsIn(EXPORT_STATUSES)
  status?: ExportStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  taskId?: string;
}

export class ExportEventView {
  @ApiProperty({
    example: 'queued',
    description: 'queued, sent, created, delivered, failed, retryRequested ...',
  })
  state: string;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  detail: Record<string, unknown> | null;

  @ApiProperty()
  at: Date;
}

export class ExportView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  taskId: string;

  @ApiProperty()
  taskNumber: string;

  @ApiProperty({ enum: ['invoice', 'salesOrder'] })
  documentKind: string;

  @ApiProperty({ enum: EXPORT_STATUSES })
  status: ExportStatus;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'QuickBooks’ number of the document, once created',
  })
  quickBooksNumber: string | null;

  @ApiProperty({ nullable: true, type: String })
  quickBooksTxnId: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Number asked for when the task number is sent',
  })
  requestedNumber: string | null;

  @ApiProperty()
  attempts: number;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  lastError: ErrorRecord | null;

  @ApiProperty({ type: [String] })
  warnings: string[];

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;
}

export class ExportDetailView extends ExportView {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The task as it entered the billing stage',
  })
  snapshot: TaskSnapshot;

  @ApiProperty({ type: [ExportEventView], description: 'Oldest first' })
  timeline: ExportEventView[];
}

export class ExportsPage extends PageDoc {
  @ApiProperty({ type: [ExportView] })
  items: ExportView[];
}

export function toExportView(row: ExportEntity): ExportView {
  return {
    id: row.id,
    taskId: row.taskId,
    taskNumber: row.taskNumber,
    documentKind: row.documentKind,
    status: row.status,
    quickBooksNumber: row.qbRefNumber,
    quickBooksTxnId: row.qbTxnId,
    requestedNumber: row.requestedRefNumber,
    attempts: row.attempts,
    lastError: row.lastError,
    warnings: row.warnings,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toExportEventView(row: ExportEventEntity): ExportEventView {
  return { state: row.state, detail: row.detail, at: row.at };
}
