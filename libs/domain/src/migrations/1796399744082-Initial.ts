import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1796399744082 implements MigrationInterface {
  name = 'Initial1796399744082';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "company" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "externalId" text NOT NULL, "name" text NOT NULL, "settings" jsonb NOT NULL, "settingsVersion" integer NOT NULL DEFAULT \'1\', "wcUsername" text, "wcPasswordHash" text, "credentialGeneration" integer NOT NULL DEFAULT \'0\', "qwcOwnerId" uuid NOT NULL, "qwcFileId" uuid NOT NULL, "plBaseUrl" text, "plUsername" text, "plPasswordSealed" text, "fileInfo" jsonb, "connectionStatus" text NOT NULL DEFAULT \'never\', "lastConnectionError" jsonb, "consecutiveConnectionFailures" integer NOT NULL DEFAULT \'0\', "lastPollAt" TIMESTAMP WITH TIME ZONE, "nextPollExpectedAt" TIMESTAMP WITH TIME ZONE, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_056f7854a7afdba7cbd6d45fc20" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_9483b9004b8ed24bc09686aa98" ON "company" ("externalId") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_7eb3e421186ea5c3b7943f577b" ON "company" ("wcUsername") WHERE "wcUsername" IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE TABLE "entity_link" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "companyId" uuid NOT NULL, "kind" text NOT NULL, "qbListId" text NOT NULL, "plId" text, "qbFullName" text NOT NULL, "qbParentListId" text, "qbEditSequence" text, "qbTimeModified" text, "active" boolean NOT NULL DEFAULT true, "data" jsonb NOT NULL DEFAULT \'{}\', "matchReason" text, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_68ea75ac5054f1afe82e8f9e8b9" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_24d5cd05486ecf6a9a465c7f62" ON "entity_link" ("companyId", "kind", "plId") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_bad9b5ad6bda8ca1df3d0a035e" ON "entity_link" ("companyId", "kind", "qbListId") ',
    );
    await queryRunner.query(
      'CREATE TABLE "export_event" ("id" BIGSERIAL NOT NULL, "exportId" uuid NOT NULL, "companyId" uuid NOT NULL, "state" text NOT NULL, "detail" jsonb, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c9aeb9c126cdc407b5129425e32" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_1f2b439dff7b1ed821b4539d6f" ON "export_event" ("exportId", "at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "export" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "companyId" uuid NOT NULL, "taskId" text NOT NULL, "taskNumber" text NOT NULL, "documentKind" text NOT NULL, "snapshot" jsonb NOT NULL, "status" text NOT NULL DEFAULT \'pending\', "externalGuid" uuid NOT NULL, "requestedRefNumber" text, "qbTxnId" text, "qbRefNumber" text, "qbCustomerListId" text, "attempts" integer NOT NULL DEFAULT \'0\', "automaticRetries" integer NOT NULL DEFAULT \'0\', "lastError" jsonb, "warnings" jsonb NOT NULL DEFAULT \'[]\', "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_93dd4c52436ed0da6263e24b3c7" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_490d0b3fbb4f44a0725fa56180" ON "export" ("companyId", "status") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_cd0ad92ea0dd17eec84902183a" ON "export" ("companyId", "taskId") ',
    );
    await queryRunner.query(
      'CREATE TABLE "import_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "companyId" uuid NOT NULL, "workItemId" uuid NOT NULL, "sessionId" uuid, "entity" text NOT NULL, "mode" text NOT NULL, "status" text NOT NULL DEFAULT \'running\', "received" integer NOT NULL DEFAULT \'0\', "added" integer NOT NULL DEFAULT \'0\', "changed" integer NOT NULL DEFAULT \'0\', "unchanged" integer NOT NULL DEFAULT \'0\', "deactivated" integer NOT NULL DEFAULT \'0\', "errors" integer NOT NULL DEFAULT \'0\', "fromModified" text, "note" text, "startedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finishedAt" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_5ef0940cb62821345b4000c43ff" UNIQUE ("workItemId"), CONSTRAINT "PK_efe3e6d8cb9f51ca4e9cd1cf5d3" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_c64f2d925dd172425448a2b18a" ON "import_run" ("companyId", "startedAt") ',
    );
    await queryRunner.query(
      'CREATE TABLE "outbox" ("id" BIGSERIAL NOT NULL, "companyId" uuid NOT NULL, "orderingKey" text NOT NULL, "operation" text NOT NULL, "payload" jsonb NOT NULL, "status" text NOT NULL DEFAULT \'pending\', "attempts" integer NOT NULL DEFAULT \'0\', "lastError" jsonb, "availableAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deliveredAt" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_fbf04baf886203d8c32f612e35" ON "outbox" ("status", "availableAt") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_07d12ffbaa38b390457cb3f8c6" ON "outbox" ("companyId", "orderingKey", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "qb_response" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "companyId" uuid NOT NULL, "workItemId" uuid NOT NULL, "sessionId" uuid, "page" integer NOT NULL, "requestId" text, "body" text NOT NULL, "hresult" text, "hresultMessage" text, "status" text NOT NULL DEFAULT \'recorded\', "error" jsonb, "receivedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "appliedAt" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5410f2e07bd40c6d60ca241d8db" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_a137bbf5ce2673be859ec557e0" ON "qb_response" ("companyId", "status") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_0ab20040e3534e07db8da7a69a" ON "qb_response" ("workItemId", "page") ',
    );
    await queryRunner.query(
      'CREATE TABLE "record_error" ("id" BIGSERIAL NOT NULL, "companyId" uuid NOT NULL, "importRunId" uuid, "entity" text NOT NULL, "qbListId" text, "name" text, "error" jsonb NOT NULL, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_19464b1b8b006d52f90f622030e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_0833299861bae0d0be7146d0b2" ON "record_error" ("importRunId") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_d05ba6486f35c329399b86cd6e" ON "record_error" ("companyId", "createdAt") ',
    );
    await queryRunner.query(
      'CREATE TABLE "settings_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "companyId" uuid NOT NULL, "changedBy" text NOT NULL, "version" integer NOT NULL, "before" jsonb, "after" jsonb NOT NULL, "changedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_30ffb201ca18a6a1aadaaba67bf" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_5be7b95e95fd0ad03465c3e8e0" ON "settings_change" ("companyId", "changedAt") ',
    );
    await queryRunner.query(
      'CREATE TABLE "sync_watermark" ("companyId" uuid NOT NULL, "entity" text NOT NULL, "lastModified" text NOT NULL, "lastFullImportAt" TIMESTAMP WITH TIME ZONE, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_aabffe1b6208d13d5a734e9646a" PRIMARY KEY ("companyId", "entity"))',
    );
    await queryRunner.query(
      'CREATE TABLE "wc_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "companyId" uuid NOT NULL, "ticketTag" text NOT NULL, "status" text NOT NULL DEFAULT \'open\', "remoteAddress" text, "clientVersion" text, "requestsSent" integer NOT NULL DEFAULT \'0\', "responsesReceived" integer NOT NULL DEFAULT \'0\', "failedRequests" integer NOT NULL DEFAULT \'0\', "closeMessage" text, "lastError" jsonb, "startedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "endedAt" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_14e342d82443c8fa9a651bdd4d4" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_7e6ec492048dafb5b4cc457424" ON "wc_session" ("companyId", "startedAt") ',
    );
    await queryRunner.query(
      'CREATE TABLE "work_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "companyId" uuid NOT NULL, "kind" text NOT NULL, "entity" text, "mode" text, "priority" integer NOT NULL, "status" text NOT NULL DEFAULT \'queued\', "dependsOn" uuid, "exportId" uuid, "params" jsonb NOT NULL DEFAULT \'{}\', "requestId" text, "sessionId" uuid, "iteratorId" text, "iteratorRemaining" integer, "pages" integer NOT NULL DEFAULT \'0\', "sendCount" integer NOT NULL DEFAULT \'0\', "lastError" jsonb, "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finishedAt" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ef6a53d98d3a483417ae3334144" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_b37e51ce904ced31552a1a12fb" ON "work_item" ("companyId", "entity") WHERE "kind" = \'import\' AND "status" IN (\'queued\', \'sent\', \'received\')',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_ca10cc354234562e2cdca32b04" ON "work_item" ("companyId", "status", "priority", "createdAt") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_ca10cc354234562e2cdca32b04"');
    await queryRunner.query('DROP INDEX "IDX_b37e51ce904ced31552a1a12fb"');
    await queryRunner.query('DROP TABLE "work_item"');
    await queryRunner.query('DROP INDEX "IDX_7e6ec492048dafb5b4cc457424"');
    await queryRunner.query('DROP TABLE "wc_session"');
    await queryRunner.query('DROP TABLE "sync_watermark"');
    await queryRunner.query('DROP INDEX "IDX_5be7b95e95fd0ad03465c3e8e0"');
    await queryRunner.query('DROP TABLE "settings_change"');
    await queryRunner.query('DROP INDEX "IDX_d05ba6486f35c329399b86cd6e"');
    await queryRunner.query('DROP INDEX "IDX_0833299861bae0d0be7146d0b2"');
    await queryRunner.query('DROP TABLE "record_error"');
    await queryRunner.query('DROP INDEX "IDX_0ab20040e3534e07db8da7a69a"');
    await queryRunner.query('DROP INDEX "IDX_a137bbf5ce2673be859ec557e0"');
    await queryRunner.query('DROP TABLE "qb_response"');
    await queryRunner.query('DROP INDEX "IDX_07d12ffbaa38b390457cb3f8c6"');
    await queryRunner.query('DROP INDEX "IDX_fbf04baf886203d8c32f612e35"');
    await queryRunner.query('DROP TABLE "outbox"');
    await queryRunner.query('DROP INDEX "IDX_c64f2d925dd172425448a2b18a"');
    await queryRunner.query('DROP TABLE "import_run"');
    await queryRunner.query('DROP INDEX "IDX_cd0ad92ea0dd17eec84902183a"');
    await queryRunner.query('DROP INDEX "IDX_490d0b3fbb4f44a0725fa56180"');
    await queryRunner.query('DROP TABLE "export"');
    await queryRunner.query('DROP INDEX "IDX_1f2b439dff7b1ed821b4539d6f"');
    await queryRunner.query('DROP TABLE "export_event"');
    await queryRunner.query('DROP INDEX "IDX_bad9b5ad6bda8ca1df3d0a035e"');
    await queryRunner.query('DROP INDEX "IDX_24d5cd05486ecf6a9a465c7f62"');
    await queryRunner.query('DROP TABLE "entity_link"');
    await queryRunner.query('DROP INDEX "IDX_7eb3e421186ea5c3b7943f577b"');
    await queryRunner.query('DROP INDEX "IDX_9483b9004b8ed24bc09686aa98"');
    await queryRunner.query('DROP TABLE "company"');
  }
}
