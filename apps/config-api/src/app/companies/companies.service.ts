import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { SecretBox } from '@qbd/platform';
import { CompanyEntity, withDefaults } from '@qbd/domain';
import { ApiErrors } from '../common/api-error';
import { recordSettingsChange } from '../settings/settings.service';
import { SettingsChangedHook } from '../settings/settings-changed.hook';
import { toSettingsDocument } from '../settings/settings.dto';
import { CompanyLookup } from './company-lookup';
import type { CreateCompanyDto, ProgressionLiveConnectionDto } from './companies.dto';

const UNIQUE_VIOLATION = '23505';

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
    await this.refuseDuplicate(input.externalId);
    const company = await this.dataSource
      .transaction((manager) => this.insert(manager, input, actor))
      .catch((error: unknown) => this.duplicateOr(error, input.externalId));
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

  private async insert(
    manager: EntityManager,
    input: CreateCompanyDto,
    actor: string,
  ): Promise<CompanyEntity> {
    const settings = input.settings
      ? toSettingsDocument(input.settings)
      : withDefaults(null);
    const company = manager.create(CompanyEntity, {
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
    });
    const saved = await manager.save(company);
    await recordSettingsChange(manager, saved.id, actor, 1, null, settings);
    return saved;
  }

  private progressionLiveColumns(connection: ProgressionLiveConnectionDto) {
    return {
      plBaseUrl: connection.baseUrl.replace(/\/+$/, ''),
      plUsername: connection.username,
      plPasswordSealed: this.secrets.encrypt(connection.password),
    };
  }

  private async refuseDuplicate(externalId: string): Promise<void> {
    const existing = await this.dataSource.manager.findOneBy(CompanyEntity, {
      externalId,
    });
    if (existing) throw ApiErrors.companyExists(externalId, existing.id);
  }

  /** Two creations racing past the check above meet the unique index instead. */
  private async duplicateOr(error: unknown, externalId: string): Promise<never> {
    const code = (error as QueryFailedError & { driverError?: { code?: string } })
      .driverError?.code;
    if (error instanceof QueryFailedError && code === UNIQUE_VIOLATION)
      await this.refuseDuplicate(externalId);
    throw error;
  }
}
