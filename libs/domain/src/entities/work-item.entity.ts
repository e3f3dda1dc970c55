import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { ErrorRecord } from '../errors/connector-error';

/**
 * What a work item asks of QuickBooks:
 * - `import`: a list query (customers, items, classes, sites, sales tax codes, deletions);
 * - `customerAdd`: a customer or job that an export needs first;
 * - `document`: the InvoiceAdd/SalesOrderAdd of an export;
 * - `lookup`: the query that finds out whether an unconfirmed document exists.
 */
export type WorkItemKind = 'import' | 'customerAdd' | 'document' | 'lookup';

/**
 * queued → sent → (received → done | failed); `sent` items whose session died go back to
 * queued (imports, lookups) or become an unknown outcome (adds), never re-sent blindly.
 */
export type WorkItemStatus = 'queued' | 'sent' | 'received' | 'done' | 'failed' | 'cancelled';

/** One piece of work for a company's next Web Connector session. */
@Entity('work_item')
@Index(['companyId', 'status', 'priority', 'createdAt'])
@Index(['companyId', 'entity'], {
  unique: true,
  where: `"kind" = 'import' AND "status" IN ('queued', 'sent', 'received')`,
})
export class WorkItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  companyId: string;

  @Column('text')
  kind: WorkItemKind;

  /** For imports: customers, items, classes, sites, salesTaxCodes, deleted. */
  @Column('text', { nullable: true })
  entity: string | null;

  /** For imports: quick or full. */
  @Column('text', { nullable: true })
  mode: string | null;

  /** Lower goes first: exports' prerequisites, then exports, then imports. */
  @Column('int')
  priority: number;

  @Column('text', { default: 'queued' })
  status: WorkItemStatus;

  /** Another work item that must be done first (e.g. the customer of an invoice). */
  @Column('uuid', { nullable: true })
  dependsOn: string | null;

  @Column('uuid', { nullable: true })
  exportId: string | null;

  /** Everything needed to render the request (typed per kind). */
  @Column('jsonb', { default: {} })
  params: Record<string, unknown>;

  /** requestID put on the qbXML request of the current page. */
  @Column('text', { nullable: true })
  requestId: string | null;

  @Column('uuid', { nullable: true })
  sessionId: string | null;

  /** Iterator of a paged query; it dies with the session. */
  @Column('text', { nullable: true })
  iteratorId: string | null;

  @Column('int', { nullable: true })
  iteratorRemaining: number | null;

  /** Pages received so far (iterator pages or 1). */
  @Column('int', { default: 0 })
  pages: number;

  /** Times this item was handed to Web Connector (a safety valve against loops). */
  @Column('int', { default: 0 })
  sendCount: number;

  @Column('jsonb', { nullable: true })
  lastError: ErrorRecord | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;
}
