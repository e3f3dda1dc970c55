import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  CompanyEntity,
  EntityLinkEntity,
  ExportEntity,
  ExportEventEntity,
  OutboxEntity,
  WorkItemEntity,
  withDefaults,
  type CompanySettings,
  type QuickBooksFileInfo,
  type TaskSnapshot,
} from '@qbd/domain';
import { ConnectorMetrics, SecretBox, createLogger } from '@qbd/platform';
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
import { ImportApplier } from '../../imports/import-applier';
import { OutboxDeliverer } from '../../outbox/outbox-deliverer';
import { ProgressionLiveClients } from '../../outbox/progressionlive-clients';
import { ApplyResponseHandler } from '../../responses/apply-response.handler';
import { DocumentResultApplier } from '../document-result-applier';
import { ExportPreparer } from '../export-preparer';
import type { LinkView } from '../export-references';
import { LookupApplier } from '../lookup-applier';
import { TaskSweep } from '../task-sweep';
import { fileInfo as defaultFileInfo } from './export-builders';

// Export tests go through the real path: the preparer queues the work item, the gateway's
// dispatcher leases it and records QuickBooks' answer as during a Web Connector session,
// the worker's ApplyResponseHandler applies it on the real Postgres, and the outbox is
// delivered to the fake ProgressionLIVE over HTTP.

export const SECRET_KEY = 'export-tests-secret';

export class ExportHarness {
  readonly dispatcher: WorkDispatcher;
  readonly preparer: ExportPreparer;
  readonly handler: ApplyResponseHandler;
  readonly deliverer: OutboxDeliverer;
  readonly sweep: TaskSweep;
  readonly secrets = new SecretBox(SECRET_KEY);

  private constructor(
    readonly db: TestDatabase,
    readonly prefix: string,
    private readonly redis: Redis,
    readonly queues: QueueClient,
  ) {
    const logger = createLogger('export-test', 'silent');
    const metrics = new ConnectorMetrics('export-test');
    const clients = new ProgressionLiveClients(this.secrets);
    this.dispatcher = new WorkDispatcher(db.dataSource);
    this.preparer = new ExportPreparer(db.dataSource, queues, metrics, logger);
    this.handler = new ApplyResponseHandler(
      db.dataSource,
      new ImportApplier(logger, metrics),
      new DocumentResultApplier(metrics, logger),
      new LookupApplier(metrics, logger),
      queues,
      logger,
    );
    this.deliverer = new OutboxDeliverer(db.dataSource, clients, metrics, logger);
    this.sweep = new TaskSweep(db.dataSource, queues, clients, logger);
  }

  static async start(): Promise<ExportHarness> {
    const db = await createTestDatabase();
    const prefix = testPrefix();
    const redis = createRedisConnection(TEST_REDIS_URL);
    return new ExportHarness(db, prefix, redis, new QueueClient(redis, prefix));
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
    fileInfo: QuickBooksFileInfo | null = defaultFileInfo(),
    extra: Partial<CompanyEntity> = {},
  ): Promise<CompanyEntity> {
    const company = this.manager.create(CompanyEntity, {
      externalId: `pl-${randomUUID()}`,
      name: 'Harbor Line Test',
      settings: withDefaults(settings),
      qwcOwnerId: randomUUID(),
      qwcFileId: randomUUID(),
      fileInfo,
      ...extra,
    });
    return this.manager.save(company);
  }

  /** Points the company at a ProgressionLIVE (the fake) with these API credentials. */
  async connectProgressionLive(
    companyId: string,
    url: string,
    username: string,
    password: string,
  ) {
    await this.manager.update(
      CompanyEntity,
      { id: companyId },
      {
        plBaseUrl: url,
        plUsername: username,
        plPasswordSealed: this.secrets.encrypt(password),
      },
    );
  }

  async addLinks(companyId: string, links: LinkView[]): Promise<void> {
    for (const link of links) {
      await this.manager.insert(EntityLinkEntity, { companyId, ...link, data: {} });
    }
  }

  /** An export exactly as the config API creates it for a task entering the billing stage. */
  async createExport(
    companyId: string,
    task: TaskSnapshot,
    settings: Partial<CompanySettings> = {},
  ) {
    const merged = withDefaults(settings);
    const row = await this.manager.save(
      this.manager.create(ExportEntity, {
        companyId,
        taskId: task.taskId,
        taskNumber: task.taskNumber,
        documentKind: merged.documentKind,
        snapshot: task,
        status: 'pending',
        externalGuid: randomUUID(),
        requestedRefNumber: merged.numbering === 'taskNumber' ? task.taskNumber : null,
      }),
    );
    await this.manager.insert(ExportEventEntity, {
      exportId: row.id,
      companyId,
      state: 'queued',
    });
    return row;
  }

  /** The next request of the company's session, as the gateway renders it for the file. */
  async lease(companyId: string, sessionId: string): Promise<LeasedWork | null> {
    const company = await this.manager.findOneByOrFail(CompanyEntity, { id: companyId });
    const info = company.fileInfo ?? defaultFileInfo();
    return this.dispatcher.leaseNext(companyId, sessionId, {
      version: info.qbxmlVersion,
      country: info.country,
    });
  }

  async mustLease(companyId: string, sessionId: string): Promise<LeasedWork> {
    const leased = await this.lease(companyId, sessionId);
    if (!leased) throw new Error('nothing to lease');
    return leased;
  }

  /** Records QuickBooks' answer to a leased request (or Web Connector's hresult). */
  async record(
    leased: LeasedWork,
    sessionId: string,
    body: string,
    hresult = { code: '', message: '' },
  ) {
    return this.dispatcher.recordResponse({
      companyId: leased.workItem.companyId,
      sessionId,
      workItemId: leased.workItem.id,
      requestId: leased.requestId,
      body,
      hresult: hresult.code,
      message: hresult.message,
    });
  }

  async apply(companyId: string, responseId: string): Promise<boolean> {
    const job = { data: { companyId, responseId } } as Job<ApplyResponseJobData>;
    return (await this.handler.handle(job)).applied;
  }

  /** One request of a session: lease, answer with `bodyFor(requestId)`, record and apply. */
  async exchange(
    companyId: string,
    sessionId: string,
    bodyFor: (requestId: string, leased: LeasedWork) => string,
  ) {
    const leased = await this.mustLease(companyId, sessionId);
    const recorded = await this.record(
      leased,
      sessionId,
      bodyFor(leased.requestId, leased),
    );
    if (!recorded.responseId) throw new Error('response not recorded');
    const applied = await this.apply(companyId, recorded.responseId);
    return { leased, responseId: recorded.responseId, applied };
  }

  /** The session died without answers: the gateway's recovery at the next authenticate. */
  async loseSession(companyId: string): Promise<number> {
    return this.dispatcher.recoverAbandoned(companyId);
  }

  // ---- reading back ------------------------------------------------------------------

  exportRow(id: string) {
    return this.manager.findOneByOrFail(ExportEntity, { id });
  }

  async events(exportId: string): Promise<string[]> {
    const rows = await this.manager.find(ExportEventEntity, {
      where: { exportId },
      order: { id: 'ASC' },
    });
    return rows.map((row) => row.state);
  }

  workItems(exportId: string) {
    return this.manager.find(WorkItemEntity, {
      where: { exportId },
      order: { createdAt: 'ASC' },
    });
  }

  outbox(companyId: string) {
    return this.manager.find(OutboxEntity, {
      where: { companyId },
      order: { id: 'ASC' },
    });
  }

  link(companyId: string, kind: LinkView['kind'], qbListId: string) {
    return this.manager.findOneBy(EntityLinkEntity, { companyId, kind, qbListId });
  }

  /** prepareExport jobs waiting in Redis for this export. */
  async prepareJobs(exportId: string): Promise<number> {
    const jobs = await this.queues
      .queue('exports')
      .getJobs(['waiting', 'delayed', 'prioritized']);
    return jobs.filter((job) => (job.data as { exportId?: string }).exportId === exportId)
      .length;
  }

  /** Makes held outbox writes due now (skips the retry back-off in tests). */
  async outboxDueNow(companyId: string): Promise<void> {
    await this.manager.update(
      OutboxEntity,
      { companyId, status: 'pending' },
      { availableAt: new Date(0) },
    );
  }
}
