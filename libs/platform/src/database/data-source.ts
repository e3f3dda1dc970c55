import { Client } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { DOMAIN_ENTITIES, DOMAIN_MIGRATIONS } from '@qbd/domain';

export interface DatabaseTarget {
  url: string;
  schema: string;
}

/**
 * TypeORM options for the connector's database. The schema is applied through Postgres'
 * search_path so that migrations stay schema-agnostic: tests run each suite in a schema of
 * its own with the same migrations as production. `synchronize` is never used.
 */
export function dataSourceOptions(target: DatabaseTarget, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url: target.url,
    schema: target.schema,
    entities: DOMAIN_ENTITIES,
    migrations: DOMAIN_MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'all',
    synchronize: false,
    // gen_random_uuid() is built into Postgres 13+: no extension to install per schema.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: ['error'],
    extra: {
      max: poolSize,
      options: `-c search_path=${target.schema}`,
      connectionTimeoutMillis: 5000,
      application_name: 'qbd-connector',
    },
  };
}

/** Creates the database and the schema when they do not exist yet (a fresh machine). */
export async function ensureDatabase(target: DatabaseTarget): Promise<void> {
  const url = new URL(target.url);
  const database = decodeURIComponent(url.pathname.slice(1));
  const maintenance = new URL(target.url);
  maintenance.pathname = '/postgres';

  const admin = new Client({ connectionString: maintenance.toString() });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`).catch((error) => {
        // Another process may have created it at the same moment.
        if (!String(error.message).includes('already exists')) throw error;
      });
    }
  } finally {
    await admin.end();
  }

  const client = new Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${target.schema}"`);
  } finally {
    await client.end();
  }
}

/** Creates what is missing and applies pending migrations; returns their names. */
export async function migrate(target: DatabaseTarget): Promise<string[]> {
  await ensureDatabase(target);
  const dataSource = new DataSource(dataSourceOptions(target, 2));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'all' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
