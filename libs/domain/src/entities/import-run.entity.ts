import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ImportRunStatus = 'running' | 'succeeded' | 'partial' | 'failed' | 'interrupted';

/** What one import of one entity did: counts, errors, duration, the session it came from. */
@Entity('import_run')
@Index(['companyId', 'startedAt'])
export class ImportRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  companyId: string;

  @Column('uuid', { unique: true })
  workItemId: string;

  @Column('uuid', { nullable: true })
  sessionId: string | null;

  @Column('text')
  entity: string;

  @Column('text')
  mode: string;

  @Column('text', { default: 'running' })
  status: ImportRunStatus;

  @Column('int', { default: 0 })
  received: number;

  @Column('int', { default: 0 })
  added: number;

  @Column('int', { default: 0 })
  changed: number;

  @Column('int', { default: 0 })
  unchanged: number;

  @Column('int', { default: 0 })
  deactivated: number;

  @Column('int', { default: 0 })
  errors: number;

  /** The QuickBooks modification time the quick import started from. */
  @Column('text', { nullable: true })
  fromModified: string | null;

  /** Highest TimeModified among the records received, the next watermark once complete. */
  @Column('text', { nullable: true })
  maxModified: string | null;

  @Column('text', { nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  startedAt: Date;

  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;
}
