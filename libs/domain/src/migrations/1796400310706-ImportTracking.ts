import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ImportTracking1796400310706 implements MigrationInterface {
  name = 'ImportTracking1796400310706';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "entity_link" ADD "lastSeenImportRunId" uuid');
    await queryRunner.query('ALTER TABLE "import_run" ADD "maxModified" text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "import_run" DROP COLUMN "maxModified"');
    await queryRunner.query(
      'ALTER TABLE "entity_link" DROP COLUMN "lastSeenImportRunId"',
    );
  }
}
