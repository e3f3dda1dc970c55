import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { AppConfig, PlatformModule, createFastifyAdapter } from '@qbd/platform';
import { QueueClient } from '@qbd/queues';
import {
  cleanRedisPrefix,
  createTestDatabase,
  testConfig,
  testPrefix,
  type TestDatabase,
} from '@qbd/testing';
import { ConfigApiModule } from '../config-api.module';
import { configureConfigApi } from '../configure-app';

export const TEST_API_KEY = 'test-api-key-0123456789';

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Leave the API key out (or replace it) to test authentication. */
  apiKey?: string | null;
}

/**
 * The config API on a schema and a Redis prefix of its own, called in-process with
 * `inject`. `close()` drops the schema and the prefix's keys.
 */
export class ConfigApiHarness {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly db: TestDatabase,
    readonly prefix: string,
    readonly config: AppConfig,
  ) {}

  static async start(overrides: Record<string, string> = {}): Promise<ConfigApiHarness> {
    const db = await createTestDatabase();
    const prefix = testPrefix();
    const config = testConfig(db, prefix, { API_KEY: TEST_API_KEY, ...overrides });
    const moduleRef = await Test.createTestingModule({
      imports: [PlatformModule.forRoot({ app: 'config-api', config }), ConfigApiModule],
    }).compile();
    const app = moduleRef.createNestApplication<NestFastifyApplication>(
      createFastifyAdapter(),
      { logger: false },
    );
    configureConfigApi(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return new ConfigApiHarness(app, db, prefix, config);
  }

  call(
    method: InjectOptions['method'],
    url: string,
    options: CallOptions = {},
  ): Promise<LightMyRequestResponse> {
    const apiKey = options.apiKey === undefined ? TEST_API_KEY : options.apiKey;
    const headers: Record<string, string> = {
      ...(apiKey === null ? {} : { 'x-api-key': apiKey }),
      ...options.headers,
    };
    const payload =
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body);
    if (payload !== undefined && !headers['content-type'])
      headers['content-type'] = 'application/json';
    return this.app.inject({ method, url, headers, payload });
  }

  get queues(): QueueClient {
    return this.app.get(QueueClient);
  }

  /** Creates a company and returns its id. */
  async createCompany(body: Record<string, unknown> = {}): Promise<string> {
    const response = await this.call('POST', '/v1/companies', {
      body: {
        externalId: `ext-${Math.random().toString(36).slice(2, 10)}`,
        name: 'Plomberie Lavoie',
        ...body,
      },
    });
    if (response.statusCode !== 201)
      throw new Error(`company not created: ${response.statusCode} ${response.body}`);
    return response.json<{ id: string }>().id;
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.db.drop();
    await cleanRedisPrefix(this.prefix);
  }
}
