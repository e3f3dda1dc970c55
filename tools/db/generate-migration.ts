// Writes a migration with the SQL that brings an empty scratch schema from the current
// migrations up to the current entities. Usage: npm run db:migration:generate -- Name
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, ensureDatabase } from '../../libs/platform/src/database/data-source';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    throw new Error('Give the migration a PascalCase name, e.g. AddOutbox');
  }
  const target = {
    url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qbd_connector',
    schema: `mig_${Date.now()}`,
  };
  await ensureDatabase(target);
  const dataSource = new DataSource(dataSourceOptions(target, 1));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    const sql = await dataSource.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      console.log('Entities and migrations agree: nothing to generate.');
      return;
    }
    const strip = (query: string) => query.split(`"${target.schema}".`).join('');
    const up = sql.upQueries.map((q) => `    await queryRunner.query(${JSON.stringify(strip(q.query))});`);
    const down = sql.downQueries
      .reverse()
      .map((q) => `    await queryRunner.query(${JSON.stringify(strip(q.query))});`);
    const stamp = Date.now();
    const className = `${name}${stamp}`;
    const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up.join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${down.join('\n')}
  }
}
`;
    const file = path.resolve(__dirname, `../../libs/domain/src/migrations/${stamp}-${name}.ts`);
    writeFileSync(file, body);
    console.log(`Wrote ${file}; add ${className} to libs/domain/src/migrations/index.ts`);
  } finally {
    await dataSource.query(`DROP SCHEMA "${target.schema}" CASCADE`);
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
