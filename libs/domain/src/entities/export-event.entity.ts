import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The timeline of one export: queued → sent → created with its number → stage moved. */
@Entity('export_event')
@Index(['exportId', 'at'])
export class ExportEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid')
  exportId: string;

  @Column('uuid')
  companyId: string;

  @Column('text')
  state: string;

  @Column('jsonb', { nullable: true })
  detail: Record<string, unknown> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
