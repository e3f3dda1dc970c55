import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDate,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import type {
  ErrorRecord,
  ImportRunEntity,
  ImportRunStatus,
  RecordErrorEntity,
  SessionStatus,
  WcSessionEntity,
} from '@qbd/domain';
import { PageDoc, PageQueryDto } from '../common/pagination';

const SESSION_STATUSES: SessionStatus[] = [
  'open',
  'closed',
  'connectionError',
  'expired',
];
const IMPORT_STATUSES: ImportRunStatus[] = [
  'running',
  'succeeded',
  'partial',
  'failed',
  'interrupted',
];
const ENTITIES = [
  'customers',
  'items',
  'classes',
  'sites',
  'salesTaxCodes',
  'deleted',
  'exports',
];

export class SessionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SESSION_STATUSES })
  @IsOptional()
  @IsIn(SESSION_STATUSES)
  status?: SessionStatus;

  @ApiPropertyOptional({
    description: 'Sessions started at or after this instant (ISO 8601)',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ description: 'Sessions started before this instant (ISO 8601)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;
}

export class ImportsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'customers' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  entity?: string;

  @ApiPropertyOptional({ enum: IMPORT_STATUSES })
  @IsOptional()
  @IsIn(IMPORT_STATUSES)
  status?: ImportRunStatus;
}

export class ErrorsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ENTITIES })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  entity?: string;
}

export class ImportRunView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  entity: string;

  @ApiProperty({ enum: ['quick', 'full'] })
  mode: string;

  @ApiProperty({ enum: IMPORT_STATUSES })
  status: ImportRunStatus;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  sessionId: string | null;

  @ApiProperty({ description: 'Records QuickBooks returned' })
  received: number;

  @ApiProperty()
  added: number;

  @ApiProperty()
  changed: number;

  @ApiProperty()
  unchanged: number;

  @ApiProperty()
  deactivated: number;

  @ApiProperty()
  errors: number;

  @ApiProperty({ nullable: true, type: String })
  note: string | null;

  @ApiProperty()
  startedAt: Date;

  @ApiProperty({ nullable: true, type: Date })
  finishedAt: Date | null;
}

export class SessionView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: SESSION_STATUSES })
  status: SessionStatus;

  @ApiProperty()
  startedAt: Date;

  @ApiProperty({ nullable: true, type: Date })
  endedAt: Date | null;

  @ApiProperty({ nullable: true, type: String, description: 'Web Connector version' })
  clientVersion: string | null;

  @ApiProperty({ description: 'Requests handed to QuickBooks' })
  requestsSent: number;

  @ApiProperty()
  responsesReceived: number;

  @ApiProperty()
  failedRequests: number;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'What Web Connector showed at the end',
  })
  closeMessage: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  lastError: ErrorRecord | null;

  @ApiProperty({ type: [ImportRunView], description: 'Imports this session carried' })
  imports: ImportRunView[];
}

export class RecordErrorView {
  @ApiProperty()
  id: string;

  @ApiProperty()
  entity: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  importRunId: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'QuickBooks ListID of the record',
  })
  quickBooksListId: string | null;

  @ApiProperty({ nullable: true, type: String })
  name: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'code, fixableBy, retryable, message {en, fr}',
  })
  error: ErrorRecord;

  @ApiProperty()
  createdAt: Date;
}

export class SessionsPage extends PageDoc {
  @ApiProperty({ type: [SessionView] })
  items: SessionView[];
}

export class ImportRunsPage extends PageDoc {
  @ApiProperty({ type: [ImportRunView] })
  items: ImportRunView[];
}

export class RecordErrorsPage extends PageDoc {
  @ApiProperty({ type: [RecordErrorView] })
  items: RecordErrorView[];
}

export function toImportRunView(row: ImportRunEntity): ImportRunView {
  return {
    id: row.id,
    entity: row.entity,
    mode: row.mode,
    status: row.status,
    sessionId: row.sessionId,
    received: row.received,
    added: row.added,
    changed: row.changed,
    unchanged: row.unchanged,
    deactivated: row.deactivated,
    errors: row.errors,
    note: row.note,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

export function toSessionView(
  row: WcSessionEntity,
  imports: ImportRunEntity[],
): SessionView {
  return {
    id: row.id,
    status: row.status,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    clientVersion: row.clientVersion,
    requestsSent: row.requestsSent,
    responsesReceived: row.responsesReceived,
    failedRequests: row.failedRequests,
    closeMessage: row.closeMessage,
    lastError: row.lastError,
    imports: imports.map(toImportRunView),
  };
}

export function toRecordErrorView(row: RecordErrorEntity): RecordErrorView {
  return {
    id: String(row.id),
    entity: row.entity,
    importRunId: row.importRunId,
    quickBooksListId: row.qbListId,
    name: row.name,
    error: row.error,
    createdAt: row.createdAt,
  };
}
