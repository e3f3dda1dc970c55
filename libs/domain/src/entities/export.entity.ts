import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { DocumentKind } from '../settings/company-settings';
import type { ErrorRecord } from '../errors/connector-error';

/** The task as the main app described it when it entered the billing stage. */
export interface TaskSnapshot {
  taskId: string;
  taskNumber: string;
  taskTypeId?: string;
  stage: number;
  clientId: string;
  clientName?: string;
  clientAddress?: PostalAddress;
  locationId?: string;
  locationName?: string;
  locationAddress?: PostalAddress;
  date?: string;
  poNumber?: string;
  memo?: string;
  classValue?: string;
  siteValue?: string;
  items: TaskItemSnapshot[];
}

export interface TaskItemSnapshot {
  lineId?: string;
  productId?: string;
  description: string;
  quantity: string;
  unitPrice: string;
  taxCategory?: string;
}

export interface PostalAddress {
  line1?: string;
  line2?: string;
  line3?: string;
  city?: string;
  province?: string;
  postalCode?: string;
  country?: string;
}

/**
 * pending: waiting for its prerequisites (customer, job) or for its document to be built;
 * ready: document work item queued; sent: handed to Web Connector, no answer yet;
 * unknown: sent, answer lost: QuickBooks is asked before anything is sent again;
 * created: QuickBooks holds the document; delivered: number on the task and task moved;
 * failed: QuickBooks or our checks refused it (retry through the API once fixed);
 * needsAttention: a near match in QuickBooks that a person must confirm.
 */
export type ExportStatus =
  | 'pending'
  | 'ready'
  | 'sent'
  | 'unknown'
  | 'created'
  | 'delivered'
  | 'failed'
  | 'needsAttention';

/** One task entering the billing stage: exactly one invoice or sales order. */
@Entity('export')
@Index(['companyId', 'taskId'], { unique: true })
@Index(['companyId', 'status'])
export class ExportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  companyId: string;

  @Column('text')
  taskId: string;

  @Column('text')
  taskNumber: string;

  @Column('text')
  documentKind: DocumentKind;

  @Column('jsonb')
  snapshot: TaskSnapshot;

  @Column('text', { default: 'pending' })
  status: ExportStatus;

  /** Stamped on the QuickBooks document; how an unconfirmed send is found again. */
  @Column('uuid')
  externalGuid: string;

  /** RefNumber we asked for (task number policy), or null when QuickBooks numbers it. */
  @Column('text', { nullable: true })
  requestedRefNumber: string | null;

  @Column('text', { nullable: true })
  qbTxnId: string | null;

  @Column('text', { nullable: true })
  qbRefNumber: string | null;

  @Column('text', { nullable: true })
  qbCustomerListId: string | null;

  @Column('int', { default: 0 })
  attempts: number;

  @Column('int', { default: 0 })
  automaticRetries: number;

  @Column('jsonb', { nullable: true })
  lastError: ErrorRecord | null;

  @Column('jsonb', { default: [] })
  warnings: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
