import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ErrorRecord } from '../errors/connector-error';

export type ResponseStatus = 'recorded' | 'applied' | 'failed';

/**
 * A response QuickBooks returned, recorded before Web Connector is acknowledged, so that a
 * session that dies loses nothing. One row per page of a work item.
 */
@Entity('qb_response')
@Index(['workItemId', 'page'], { unique: true })
@Index(['companyId', 'status'])
export class QbResponseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  companyId: string;

  @Column('uuid')
  workItemId: string;

  @Column('uuid', { nullable: true })
  sessionId: string | null;

  @Column('int')
  page: number;

  @Column('text', { nullable: true })
  requestId: string | null;

  /** The qbXML text as Web Connector delivered it (empty when QuickBooks failed the request). */
  @Column('text')
  body: string;

  /** Web Connector's hresult and message when the whole request failed. */
  @Column('text', { nullable: true })
  hresult: string | null;

  @Column('text', { nullable: true })
  hresultMessage: string | null;

  @Column('text', { default: 'recorded' })
  status: ResponseStatus;

  @Column('jsonb', { nullable: true })
  error: ErrorRecord | null;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt: Date;

  @Column('timestamptz', { nullable: true })
  appliedAt: Date | null;
}
