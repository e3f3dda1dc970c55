import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { CompanySettings } from '../settings/company-settings';
import type { ErrorRecord } from '../errors/connector-error';

/** What the first sendRequestXML of a session revealed about the company file. */
export interface QuickBooksFileInfo {
  productName: string;
  country: 'US' | 'CA' | 'UK';
  qbxmlVersion: string;
  supportedQbxmlVersions: string[];
  companyName?: string;
  classTrackingEnabled: boolean;
  inventorySitesEnabled: boolean;
  seenAt: string;
}

export type ConnectionStatus = 'never' | 'ok' | 'authFailed' | 'quickBooksUnavailable' | 'error';

/** One ProgressionLIVE company connected to one QuickBooks company file. */
@Entity('company')
export class CompanyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The company's id in ProgressionLIVE. */
  @Index({ unique: true })
  @Column('text')
  externalId: string;

  @Column('text')
  name: string;

  @Column('jsonb')
  settings: CompanySettings;

  @Column('int', { default: 1 })
  settingsVersion: number;

  /** Web Connector user name (unique across companies). */
  @Index({ unique: true, where: '"wcUsername" IS NOT NULL' })
  @Column('text', { nullable: true })
  wcUsername: string | null;

  /** scrypt hash of the Web Connector password; the password itself is never stored. */
  @Column('text', { nullable: true })
  wcPasswordHash: string | null;

  /** Bumped on every password rotation; tickets of an older generation are refused. */
  @Column('int', { default: 0 })
  credentialGeneration: number;

  /** Braced GUIDs written into the .qwc, stable so Web Connector sees one application. */
  @Column('uuid')
  qwcOwnerId: string;

  @Column('uuid')
  qwcFileId: string;

  @Column('text', { nullable: true })
  plBaseUrl: string | null;

  @Column('text', { nullable: true })
  plUsername: string | null;

  /** ProgressionLIVE API password, encrypted with the configured secret key. */
  @Column('text', { nullable: true })
  plPasswordSealed: string | null;

  @Column('jsonb', { nullable: true })
  fileInfo: QuickBooksFileInfo | null;

  @Column('text', { default: 'never' })
  connectionStatus: ConnectionStatus;

  @Column('jsonb', { nullable: true })
  lastConnectionError: ErrorRecord | null;

  @Column('int', { default: 0 })
  consecutiveConnectionFailures: number;

  @Column('timestamptz', { nullable: true })
  lastPollAt: Date | null;

  @Column('timestamptz', { nullable: true })
  nextPollExpectedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
