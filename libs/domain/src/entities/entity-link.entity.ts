import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * client, location, product, class, site: QuickBooks records linked to ProgressionLIVE;
 * salesTaxCode: kept for exports only.
 */
export type LinkKind = 'client' | 'location' | 'product' | 'class' | 'site' | 'salesTaxCode';

/**
 * The connector's own map between a QuickBooks record (ListID) and its ProgressionLIVE
 * record: the primary link, with what was last pushed so only changes are sent.
 */
@Entity('entity_link')
@Index(['companyId', 'kind', 'qbListId'], { unique: true })
@Index(['companyId', 'kind', 'plId'])
export class EntityLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  companyId: string;

  @Column('text')
  kind: LinkKind;

  @Column('text')
  qbListId: string;

  /** ProgressionLIVE id once known (null until the outbox delivered the create). */
  @Column('text', { nullable: true })
  plId: string | null;

  @Column('text')
  qbFullName: string;

  @Column('text', { nullable: true })
  qbParentListId: string | null;

  @Column('text', { nullable: true })
  qbEditSequence: string | null;

  @Column('text', { nullable: true })
  qbTimeModified: string | null;

  @Column('boolean', { default: true })
  active: boolean;

  /** The fields last sent to ProgressionLIVE (or kept for exports). */
  @Column('jsonb', { default: {} })
  data: Record<string, unknown>;

  /** Why this record was linked to an existing one (e.g. a location with the same address). */
  @Column('text', { nullable: true })
  matchReason: string | null;

  /** The last full import that saw this record; records a full import did not see are gone. */
  @Column('uuid', { nullable: true })
  lastSeenImportRunId: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
