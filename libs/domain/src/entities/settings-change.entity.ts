import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The audit of a company's settings: who changed what, and when. */
@Entity('settings_change')
@Index(['companyId', 'changedAt'])
export class SettingsChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  companyId: string;

  @Column('text')
  changedBy: string;

  @Column('int')
  version: number;

  @Column('jsonb', { nullable: true })
  before: Record<string, unknown> | null;

  @Column('jsonb')
  after: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  changedAt: Date;
}
