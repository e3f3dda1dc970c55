import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  CompanyEntity,
  EntityLinkEntity,
  ImportRunEntity,
  OutboxEntity,
  QbResponseEntity,
  RecordErrorEntity,
  SyncWatermarkEntity,
  WorkItemEntity,
  enqueueImport,
  withDefaults,
  type CompanySettings,
  type ImportItemEntity,
  type LinkKind,
  type QuickBooksFileInfo,
} from '@qbd/domain';
import { createLogger } from '@qbd/platform';
import {
  QueueClient,
  createRedisConnection,
  type ApplyResponseJobData,
} from '@qbd/queues';
import {
  TEST_REDIS_URL,
  cleanRedisPrefix,
  createTestDatabase,
  testPrefix,
  type TestDatabase,
} from '@qbd/testing';
import {
  WorkDispatcher,
  type LeasedWork,
} from '../../../../qbwc-gateway/src/work/work-dispatcher';
import { ApplyResponseHandler } from '../../responses/apply-response.handler';
import { ImportApplier } from '../import-applier';

// Import tests go through the real path: the gateway's dispatcher leases the work item and
// records QuickBooks' answer exactly as during a Web Connector session, then the worker's
// ApplyResponseHandler applies it on the real Postgres, with the real Redis queues.

export const TARGET = { version: '13.0', country: 'US' as const };

export const FILE_INFO: QuickBooksFileInfo = {
  productName: 'QuickBooks Enterprise Solutions 24.0',
  country: 'US',
  qbxmlVersion: '13.0',
  supportedQbxmlVersions: ['13.0'],
  classTrackingEnabled: true,
  inventorySitesEnabled: true,
  seenAt: '2024-06-03T12:00:00Z',
};

export interface PageResult {
  leased: LeasedWork;
  responseId: string;
  applied: boolean;
}

export class ImportHarness {
  readonly dispatcher: WorkDispatcher;
  readonly applier: ImportApplier;
  readonly handler: ApplyResponseHandler;

  private constructor(
    readonly db: TestDatabase,
    readonly prefix: string,
    readonly queues: QueueClient,
    private readonly redis: Redis,
  ) {
    const logger = createLogger('import-test', 'silent');
    this.dispatcher = new WorkDispatcher(db.dataSource);
    this.applier = new ImportApplier(logger);
    const unused = {} as never;
    this.handler = new ApplyResponseHandler(
      db.dataSource,
      this.applier,
      unused,
      unused,
      queues,
      logger,
    );
  }

  static async start(): Promise<ImportHarness> {
    const db = await createTestDatabase();
    const prefix = testPrefix();
    const redis = createRedisConnection(TEST_REDIS_URL);
    const queues = new QueueClient(redis, prefix);
    return new ImportHarness(db, prefix, queues, redis);
  }

  async stop(): Promise<void> {
    await this.queues.close();
    this.redis.disconnect();
    await cleanRedisPrefix(this.prefix);
    await this.db.drop();
  }

  get manager() {
    return this.db.dataSource.manager;
  }

  async createCompany(
    settings: Partial<CompanySettings> = {},
    fileInfo: QuickBooksFileInfo | null = FILE_INFO,
    extra: Partial<CompanyEntity> = {},
  ): Promise<CompanyEntity> {
    const company = this.manager.create(CompanyEntity, {
      externalId: `pl-${randomUUID()}`,
      name: 'Plomberie Test',
      settings: withDefaults({
        customerType: 'Client QuickBooks',
        jobLocationType: 'Chantier',
        productType: 'Produit QuickBooks',
        productQuickBooksTypeField: 'quickbooks.typeArticle',
        classProperty: 'Classe',
        siteProperty: 'Site',
        syncUser: 'Synchronisation QuickBooks',
        ...settings,
      }),
      qwcOwnerId: randomUUID(),
      qwcFileId: randomUUID(),
      fileInfo,
      ...extra,
    });
    return this.manager.save(company);
  }

  async queueImport(companyId: string, entity: ImportItemEntity, mode: 'quick' | 'full') {
    return this.db.dataSource.transaction(
      async (m) => (await enqueueImport(m, companyId, entity, mode)).workItem,
    );
  }

  async setWatermark(
    companyId: string,
    entity: string,
    lastModified: string,
  ): Promise<void> {
    await this.manager.upsert(SyncWatermarkEntity, { companyId, entity, lastModified }, [
      'companyId',
      'entity',
    ]);
  }

  /** The next request of the company's session, as the gateway renders it. */
  async lease(companyId: string, sessionId: string): Promise<LeasedWork> {
    const leased = await this.dispatcher.leaseNext(companyId, sessionId, TARGET);
    if (!leased) throw new Error('nothing to lease');
    return leased;
  }

  /** Records QuickBooks' answer to a leased request (or Web Connector's hresult). */
  async record(
    leased: LeasedWork,
    sessionId: string,
    body: string,
    hresult = { code: '', message: '' },
  ): Promise<string> {
    const recorded = await this.dispatcher.recordResponse({
      companyId: leased.workItem.companyId,
      sessionId,
      workItemId: leased.workItem.id,
      requestId: leased.requestId,
      body,
      hresult: hresult.code,
      message: hresult.message,
    });
    if (!recorded.responseId) throw new Error('response not recorded');
    return recorded.responseId;
  }

  async apply(companyId: string, responseId: string): Promise<boolean> {
    const job = { data: { companyId, responseId } } as Job<ApplyResponseJobData>;
    return (await this.handler.handle(job)).applied;
  }

  /** One page: lease, answer with `bodyFor(requestId)`, record and apply. */
  async page(
    companyId: string,
    sessionId: string,
    bodyFor: (requestId: string) => string,
  ): Promise<PageResult> {
    const leased = await this.lease(companyId, sessionId);
    const responseId = await this.record(leased, sessionId, bodyFor(leased.requestId));
    const applied = await this.apply(companyId, responseId);
    return { leased, responseId, applied };
  }

  // ---- reading back ------------------------------------------------------------------

  runOf(workItemId: string) {
    return this.manager.findOneByOrFail(ImportRunEntity, { workItemId });
  }

  workItem(id: string) {
    return this.manager.findOneByOrFail(WorkItemEntity, { id });
  }

  links(companyId: string, kind?: LinkKind) {
    return this.manager.find(EntityLinkEntity, {
      where: kind ? { companyId, kind } : { companyId },
      order: { qbListId: 'ASC' },
    });
  }

  link(companyId: string, kind: LinkKind, qbListId: string) {
    return this.manager.findOneBy(EntityLinkEntity, { companyId, kind, qbListId });
  }

  outbox(companyId: string) {
    return this.manager.find(OutboxEntity, {
      where: { companyId },
      order: { id: 'ASC' },
    });
  }

  recordErrors(companyId: string) {
    return this.manager.find(RecordErrorEntity, {
      where: { companyId },
      order: { id: 'ASC' },
    });
  }

  watermark(companyId: string, entity: string) {
    return this.manager.findOneBy(SyncWatermarkEntity, { companyId, entity });
  }

  response(id: string) {
    return this.manager.findOneByOrFail(QbResponseEntity, { id });
  }
}

/** The team's shared folder (fixtures, cases), found beside the repository. */
export function sharedDir(): string {
  const fromEnv = process.env['QBD_SHARED_DIR'];
  if (fromEnv) return fromEnv;
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'shared');
    if (existsSync(join(candidate, 'fixtures', 'qbxml'))) return candidate;
  }
  throw new Error('shared/fixtures not found beside the repository (set QBD_SHARED_DIR)');
}

/**
 * A recorded QuickBooks answer from the shared fixtures or cases, with its requestID (and
 * the placeholders of case files) replaced by the ids of the request it answers.
 */
export function sharedAnswer(
  relativePath: string,
  requestId: string,
  iteratorId = '{ITER-1}',
): string {
  return readFileSync(join(sharedDir(), relativePath), 'utf8')
    .replace(/requestID="[^"]*"/g, `requestID="${requestId}"`)
    .replace(/\{\{ITER\}\}/g, iteratorId);
}
