import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions, ensureDatabase } from '@qbd/platform';

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qbd_connector_test';

export interface TestDatabase {
  schema: string;
  url: string;
  dataSource: DataSource;
  /** Drops the schema and closes the pool. */
  drop(): Promise<void>;
}

/**
 * A schema of its own for one test file, migrated with the production migrations and
 * dropped afterwards.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const target = { url: TEST_DATABASE_URL, schema };
  await ensureDatabase(target);
  const dataSource = new DataSource(dataSourceOptions(target, 4));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'all' });
  return {
    schema,
    url: TEST_DATABASE_URL,
    dataSource,
    drop: async () => {
      await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await dataSource.destroy();
    },
  };
}
