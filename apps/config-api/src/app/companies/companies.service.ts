import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SecretBox } from '@qbd/platform';
import { CompanyEntity, withDefaults } from '@qbd/domain';
import { ApiErrors } from '../common/api-error';
import { recordSettingsChange } from '../settings/settings.service';
import { SettingsChangedHook } from '../settings/settings-changed.hook';
import { toSettingsDocument } from '../settings/settings.dto';
import { CompanyLookup } from './company-lookup';
import type { CreateCompanyDto, ProgressionLiveConnectionDto } from './companies.dto';

@Injectable()
export class CompaniesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly companies: CompanyLookup,
    private readonly secrets: SecretBox,
    private readonly hook: SettingsChangedHook,
  ) {}

  /** Creates the company with its settings (audited as version 1) and its schedules. */
  async create(input: CreateCompanyDto, actor: string): Promise<CompanyEntity> {
    const company = await this.dataSource.transaction((manager) =>
      this.insert(manager, input, actor),
    );
    if (!company) throw await this.duplicateOf(input.externalId);
    await this.hook.settingsChanged(company.id, company.settingsVersion);
    return company;
  }

  get(id: string): Promise<CompanyEntity> {
    return this.companies.get(id);
  }

  async findByExternalId(externalId: string): Promise<CompanyEntity[]> {
    return this.dataSource.manager.findBy(CompanyEntity, { externalId });
  }

  /** Stores how to reach the company's ProgressionLIVE; the password is sealed at rest. */
  async setProgressionLive(
    id: string,
    connection: ProgressionLiveConnectionDto,
  ): Promise<CompanyEntity> {
    const company = await this.companies.get(id);
    await this.dataSource.manager.update(
      CompanyEntity,
      { id },
      this.progressionLiveColumns(connection),
    );
    return { ...company, ...this.progressionLiveColumns(connection) } as CompanyEntity;
  }

  /** Null when a company with this external id exists (two creations may race). */
  private async insert(
    manager: EntityManager,
    input: CreateCompanyDto,
    actor: string,
  ): Promise<CompanyEntity | null> {
    const settings = input.settings
      ? toSettingsDocument(input.settings)
      : withDefaults(null);
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(CompanyEntity)
      .values({
        externalId: input.externalId,
        name: input.name,
        settings,
        settingsVersion: 1,
        // Written into the .qwc and never changed: Web Connector recognises the application
        // (and QuickBooks the file) by this pair on every later download.
        qwcOwnerId: randomUUID(),
        qwcFileId: randomUUID(),
        ...(input.progressionLive
          ? this.progressionLiveColumns(input.progressionLive)
          : {}),
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const row = inserted.raw[0] as { id: string } | undefined;
    if (!row) return null;

    await recordSettingsChange(manager, row.id, actor, 1, null, settings);
    return manager.findOneByOrFail(CompanyEntity, { id: row.id });
  }

  private progressionLiveColumns(connection: ProgressionLiveConnectionDto) {
    return {
      plBaseUrl: connection.baseUrl.replace(/\/+$/, ''),
      plUsername: connection.username,
      plPasswordSealed: this.secrets.encrypt(connection.password),
    };
  }

  private async duplicateOf(externalId: string) {
    const existing = await this.dataSource.manager.findOneByOrFail(CompanyEntity, {
      externalId,
    });
    return ApiErrors.companyExists(externalId, existing.id);
  }
}
