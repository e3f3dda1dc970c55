import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ErrorRecord } from '../errors/connector-error';

export type SessionStatus = 'open' | 'closed' | 'connectionError' | 'expired';

/** One Web Connector update session: from authenticate to closeConnection. */
@Entity('wc_session')
@Index(['companyId', 'startedAt'])
export class WcSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  companyId: string;

  /** A non-reversible tag of the ticket, to follow a session in the logs. */
  @Column('text')
  ticketTag: string;

  @Column('text', { default: 'open' })
  status: SessionStatus;

  @Column('text', { nullable: true })
  remoteAddress: string | null;

  @Column('text', { nullable: true })
  clientVersion: string | null;

  @Column('int', { default: 0 })
  requestsSent: number;

  @Column('int', { default: 0 })
  responsesReceived: number;

  @Column('int', { default: 0 })
  failedRequests: number;

  @Column('text', { nullable: true })
  closeMessage: string | null;

  @Column('jsonb', { nullable: true })
  lastError: ErrorRecord | null;

  @CreateDateColumn({ type: 'timestamptz' })
  startedAt: Date;

  @Column('timestamptz', { nullable: true })
  endedAt: Date | null;
}
