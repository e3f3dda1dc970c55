import { AppConfig, loadConfig } from '@qbd/platform';
import type { TestDatabase } from './database';
import { TEST_REDIS_URL } from './redis';

/** An app configuration pointing at a test schema and a test Redis prefix. */
export function testConfig(db: TestDatabase, prefix: string, overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: db.url,
    DATABASE_SCHEMA: db.schema,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    MIGRATE_ON_START: 'false',
    ...overrides,
  });
}
