import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ErrorRecord } from '../errors/connector-error';

export type OutboxStatus = 'pending' | 'delivered' | 'dead';

/**
 * A write to ProgressionLIVE, recorded in the same transaction as the change that causes
 * it and delivered later, in order per `orderingKey`, until acknowledged.
 */
@Entity('outbox')
@Index(['companyId', 'orderingKey', 'id'])
@Index(['status', 'availableAt'])
export class OutboxEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid')
  companyId: string;

  /** Writes with the same key are delivered one after another (e.g. `client:<ListID>`). */
  @Column('text')
  orderingKey: string;

  @Column('text')
  operation: string;

  @Column('jsonb')
  payload: Record<string, unknown>;

  @Column('text', { default: 'pending' })
  status: OutboxStatus;

  @Column('int', { default: 0 })
  attempts: number;

  @Column('jsonb', { nullable: true })
  lastError: ErrorRecord | null;

  @Column('timestamptz', { default: () => 'now()' })
  availableAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  deliveredAt: Date | null;
}
