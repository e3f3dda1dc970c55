import { ApiProperty } from '@nestjs/swagger';
import type { ConnectionStatus, ErrorRecord, QuickBooksFileInfo } from '@qbd/domain';

export class ConnectionHealthView {
  @ApiProperty({ enum: ['never', 'ok', 'authFailed', 'quickBooksUnavailable', 'error'] })
  status: ConnectionStatus;

  @ApiProperty({ nullable: true, type: Date, description: 'Last call of Web Connector' })
  lastPollAt: Date | null;

  @ApiProperty({
    nullable: true,
    type: Date,
    description:
      'Last poll plus the maximum interval: Web Connector should have called by then',
  })
  expectedNextPollAt: Date | null;

  @ApiProperty({
    description:
      'Web Connector is later than the maximum interval allows (the office PC may be off)',
  })
  overdue: boolean;

  @ApiProperty()
  consecutiveFailures: number;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  lastError: ErrorRecord | null;
}

export class QuickBooksFileView {
  @ApiProperty({ example: 'QuickBooks Pro 2019' })
  product: string;

  @ApiProperty({ enum: ['US', 'CA', 'UK'] })
  country: string;

  @ApiProperty({ example: '13.0' })
  qbxmlVersion: string;

  @ApiProperty({ type: [String] })
  supportedQbxmlVersions: string[];

  @ApiProperty({ nullable: true, type: String })
  companyName: string | null;

  @ApiProperty()
  classTracking: boolean;

  @ApiProperty({ description: 'Inventory sites (Enterprise with Advanced Inventory)' })
  sites: boolean;

  @ApiProperty({ description: 'When the connector learnt this' })
  seenAt: string;
}

export class UndeliveredWriteView {
  @ApiProperty()
  id: string;

  @ApiProperty({ example: 'progressTask' })
  operation: string;

  @ApiProperty()
  orderingKey: string;

  @ApiProperty()
  attempts: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Why ProgressionLIVE did not take it',
  })
  lastError: ErrorRecord | null;

  @ApiProperty()
  createdAt: Date;
}

export class UndeliveredView {
  @ApiProperty({ description: 'Writes to ProgressionLIVE given up after their retries' })
  count: number;

  @ApiProperty({ type: [UndeliveredWriteView], description: 'The most recent ones' })
  items: UndeliveredWriteView[];
}

export class StatusView {
  @ApiProperty({ format: 'uuid' })
  companyId: string;

  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ type: ConnectionHealthView })
  connection: ConnectionHealthView;

  @ApiProperty({
    type: QuickBooksFileView,
    nullable: true,
    description: 'What the first call of a session revealed; null before any',
  })
  quickBooks: QuickBooksFileView | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'integer' } },
    example: { import: { queued: 2 }, document: { sent: 1 } },
    description: 'Unfinished work items by kind and status',
  })
  pendingWork: Record<string, Record<string, number>>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { pending: 1, delivered: 40, failed: 2 },
  })
  exports: Record<string, number>;

  @ApiProperty({ type: UndeliveredView })
  undelivered: UndeliveredView;
}

export function toQuickBooksFileView(
  info: QuickBooksFileInfo | null,
): QuickBooksFileView | null {
  if (!info) return null;
  return {
    product: info.productName,
    country: info.country,
    qbxmlVersion: info.qbxmlVersion,
    supportedQbxmlVersions: info.supportedQbxmlVersions,
    companyName: info.companyName ?? null,
    classTracking: info.classTrackingEnabled,
    sites: info.inventorySitesEnabled,
    seenAt: info.seenAt,
  };
}
