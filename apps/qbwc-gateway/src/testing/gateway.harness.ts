import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import {
  CompanyEntity,
  DEFAULT_SETTINGS,
  WorkItemEntity,
  type CompanySettings,
} from '@qbd/domain';
import { createFastifyAdapter, hashPassword, type AppConfig } from '@qbd/platform';
import IORedis from 'ioredis';
import {
  TEST_REDIS_URL,
  cleanRedisPrefix,
  createTestDatabase,
  testConfig,
  testPrefix,
  type TestDatabase,
} from '@qbd/testing';
import { GatewayModule } from '../app/gateway.module';
import { configureGateway } from '../app/configure-gateway';

export interface GatewayInstance {
  app: NestFastifyApplication;
  close(): Promise<void>;
}

/** One gateway on a schema and Redis prefix of its own; more instances can share them. */
export class GatewayHarness {
  readonly instances: GatewayInstance[] = [];

  private constructor(
    readonly db: TestDatabase,
    readonly prefix: string,
    readonly config: AppConfig,
  ) {}

  static async create(overrides: Record<string, string> = {}): Promise<GatewayHarness> {
    const db = await createTestDatabase();
    const prefix = testPrefix();
    const harness = new GatewayHarness(db, prefix, testConfig(db, prefix, overrides));
    await harness.startInstance();
    return harness;
  }

  get app(): NestFastifyApplication {
    return this.instances[0].app;
  }

  /** Another gateway process sharing the same Postgres schema and Redis prefix. */
  async startInstance(): Promise<GatewayInstance> {
    const adapter = createFastifyAdapter(this.config.GATEWAY_BODY_LIMIT_MB * 1024 * 1024);
    const app = await NestFactory.create<NestFastifyApplication>(
      GatewayModule.register(this.config),
      adapter,
      { logger: false },
    );
    await configureGateway(app, this.config);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const instance = { app, close: () => app.close() };
    this.instances.push(instance);
    return instance;
  }

  async close(): Promise<void> {
    for (const instance of this.instances) await instance.close();
    await cleanRedisPrefix(this.prefix);
    await this.db.drop();
  }

  async seedCompany(input: {
    userName: string;
    password: string;
    settings?: Partial<CompanySettings>;
    fileInfo?: CompanyEntity['fileInfo'];
  }): Promise<CompanyEntity> {
    return this.db.dataSource.getRepository(CompanyEntity).save({
      externalId: `pl-${randomUUID()}`,
      name: input.userName,
      settings: {
        ...DEFAULT_SETTINGS,
        syncModes: { customers: 'none', items: 'none', classes: 'none', sites: 'none' },
        ...input.settings,
      },
      wcUsername: input.userName,
      wcPasswordHash: await hashPassword(input.password),
      qwcOwnerId: randomUUID(),
      qwcFileId: randomUUID(),
      fileInfo: input.fileInfo ?? null,
    });
  }

  async seedWork(
    companyId: string,
    item: Partial<WorkItemEntity>,
  ): Promise<WorkItemEntity> {
    return this.db.dataSource.getRepository(WorkItemEntity).save({
      companyId,
      status: 'queued',
      priority: 50,
      params: {},
      ...item,
    } as WorkItemEntity);
  }

  /** Sets a company's Web Connector user name and password (case files bring their own). */
  async seedCompanyPassword(
    companyId: string,
    userName: string,
    password: string,
  ): Promise<boolean> {
    const result = await this.db.dataSource
      .getRepository(CompanyEntity)
      .update(
        { id: companyId },
        { wcUsername: userName, wcPasswordHash: await hashPassword(password) },
      );
    return result.affected === 1;
  }

  /** What happens when Web Connector goes silent: its session lock expires. */
  async expireSession(companyId: string): Promise<void> {
    const redis = new IORedis(TEST_REDIS_URL);
    await redis.del(`${this.prefix}:company-session:${companyId}`);
    redis.disconnect();
  }

  /** The jobs waiting in one of the connector's queues (under this harness' prefix). */
  async queueJobs(
    queue: string,
  ): Promise<{ name: string; data: Record<string, unknown> }[]> {
    const { Queue } = await import('bullmq');
    const connection = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const handle = new Queue(queue, { connection, prefix: this.prefix });
    try {
      const jobs = await handle.getJobs(['waiting', 'delayed', 'prioritized']);
      return jobs.map((job) => ({
        name: job.name,
        data: job.data as Record<string, unknown>,
      }));
    } finally {
      await handle.close();
      connection.disconnect();
    }
  }

  workItem(id: string): Promise<WorkItemEntity> {
    return this.db.dataSource.getRepository(WorkItemEntity).findOneByOrFail({ id });
  }

  /** Posts a SOAP call the way Web Connector does. */
  async call(
    operation: string,
    params: Record<string, string | number>,
    instance = this.instances[0],
  ) {
    const children = Object.entries(params)
      .map(([name, value]) => `<${name}>${escape(String(value))}</${name}>`)
      .join('');
    const body =
      '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>' +
      `<${operation} xmlns="http://developer.intuit.com/">${children}</${operation}></soap:Body></soap:Envelope>`;
    const response = await instance.app.inject({
      method: 'POST',
      url: this.config.QBWC_PATH,
      headers: {
        'content-type': 'text/xml; charset=utf-8',
        soapaction: `"http://developer.intuit.com/${operation}"`,
      },
      payload: body,
    });
    return {
      status: response.statusCode,
      headers: response.headers,
      body: response.body,
      result: readResult(response.body, operation),
    };
  }

  /** Replays a raw `.http` file of the shared cases, with its placeholders filled. */
  async replay(
    file: string,
    values: Record<string, string> = {},
    instance = this.instances[0],
  ) {
    const raw = readFileSync(file, 'utf8');
    const split = raw.indexOf('\n\n');
    const [requestLine, ...headerLines] = raw.slice(0, split).split('\n');
    let body = raw.slice(split + 2);
    for (const [key, value] of Object.entries(values))
      body = body.split(`{{${key}}}`).join(value);
    const headers: Record<string, string> = {};
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      if (!['content-length', 'host', 'connection', 'expect'].includes(name))
        headers[name] = line.slice(colon + 1).trim();
    }
    const [method, url] = requestLine.split(' ');
    const response = await instance.app.inject({
      method: method as 'POST',
      url,
      headers,
      payload: body,
    });
    return {
      status: response.statusCode,
      headers: response.headers,
      body: response.body,
      rawPayload: response.rawPayload,
    };
  }
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The `<op>Result` of a response: a string, or the `<string>` items of authenticate. */
export function readResult(
  body: string,
  operation: string,
): string | string[] | undefined {
  const match = new RegExp(
    `<${operation}Result>([\\s\\S]*?)</${operation}Result>|<${operation}Result/>`,
  ).exec(body);
  if (!match) return undefined;
  const inner = match[1] ?? '';
  if (operation === 'authenticate') {
    return [...inner.matchAll(/<string>([\s\S]*?)<\/string>|<string\/>/g)].map((m) =>
      unescape(m[1] ?? ''),
    );
  }
  return unescape(inner);
}

export const SHARED = `${__dirname}/../../../../../shared`;
