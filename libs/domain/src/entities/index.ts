import { CompanyEntity } from './company.entity';
import { EntityLinkEntity } from './entity-link.entity';
import { ExportEventEntity } from './export-event.entity';
import { ExportEntity } from './export.entity';
import { ImportRunEntity } from './import-run.entity';
import { OutboxEntity } from './outbox.entity';
import { QbResponseEntity } from './qb-response.entity';
import { RecordErrorEntity } from './record-error.entity';
import { SettingsChangeEntity } from './settings-change.entity';
import { SyncWatermarkEntity } from './sync-watermark.entity';
import { WcSessionEntity } from './wc-session.entity';
import { WorkItemEntity } from './work-item.entity';

export * from './company.entity';
export * from './entity-link.entity';
export * from './export-event.entity';
export * from './export.entity';
export * from './import-run.entity';
export * from './outbox.entity';
export * from './qb-response.entity';
export * from './record-error.entity';
export * from './settings-change.entity';
export * from './sync-watermark.entity';
export * from './wc-session.entity';
export * from './work-item.entity';

/** Every entity the connector stores, for the TypeORM data source. */
export const DOMAIN_ENTITIES = [
  CompanyEntity,
  EntityLinkEntity,
  ExportEventEntity,
  ExportEntity,
  ImportRunEntity,
  OutboxEntity,
  QbResponseEntity,
  RecordErrorEntity,
  SettingsChangeEntity,
  SyncWatermarkEntity,
  WcSessionEntity,
  WorkItemEntity,
];
