import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ErrorRecord } from '../errors/connector-error';

/** One record that QuickBooks or ProgressionLIVE refused; the rest of the sync went on. */
@Entity('record_error')
@Index(['companyId', 'createdAt'])
@Index(['importRunId'])
export class RecordErrorEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid')
  companyId: string;

  @Column('uuid', { nullable: true })
  importRunId: string | null;

  @Column('text')
  entity: string;

  @Column('text', { nullable: true })
  qbListId: string | null;

  @Column('text', { nullable: true })
  name: string | null;

  @Column('jsonb')
  error: ErrorRecord;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
