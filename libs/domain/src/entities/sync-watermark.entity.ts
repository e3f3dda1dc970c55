import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Where the last complete import of an entity left off, in QuickBooks' own clock. */
@Entity('sync_watermark')
export class SyncWatermarkEntity {
  @PrimaryColumn('uuid')
  companyId: string;

  @PrimaryColumn('text')
  entity: string;

  /** Highest TimeModified seen, as QuickBooks wrote it (with its offset). */
  @Column('text')
  lastModified: string;

  @Column('timestamptz', { nullable: true })
  lastFullImportAt: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
