import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CompanyEntity,
  SettingsChangeEntity,
  withDefaults,
  type CompanySettings,
} from '@qbd/domain';
import { ApiErrors } from '../common/api-error';
import { paginate, type Page, type PageQueryDto } from '../common/pagination';
import { CompanyLookup } from '../companies/company-lookup';
import { SettingsChangedHook } from './settings-changed.hook';
import {
  sameSettings,
  toSettingsChangeView,
  type SettingsChangeView,
} from './settings.views';

export interface VersionedSettings {
  settings: CompanySettings;
  version: number;
}

export interface ReplaceSettings {
  companyId: string;
  settings: CompanySettings;
  actor: string;
  /** The version the caller read (If-Match); absent: last write wins. */
  expectedVersion?: string;
}

@Injectable()
export class SettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly companies: CompanyLookup,
    private readonly hook: SettingsChangedHook,
  ) {}

  async get(companyId: string): Promise<VersionedSettings> {
    const company = await this.companies.get(companyId);
    return { settings: withDefaults(company.settings), version: company.settingsVersion };
  }

  /**
   * Replaces the settings and records who changed what. An identical document records
   * nothing, but still asks for a reschedule: a caller retrying after a lost answer must
   * not be left without one.
   */
  async replace(change: ReplaceSettings): Promise<VersionedSettings> {
    const saved = await this.dataSource.transaction((manager) =>
      this.save(manager, change),
    );
    await this.hook.settingsChanged(change.companyId, saved.version);
    return saved;
  }

  private async save(
    manager: EntityManager,
    change: ReplaceSettings,
  ): Promise<VersionedSettings> {
    const company = await this.companies.getForUpdate(change.companyId, manager);
    if (
      change.expectedVersion !== undefined &&
      change.expectedVersion !== String(company.settingsVersion)
    ) {
      throw ApiErrors.settingsVersionMismatch(
        change.expectedVersion,
        company.settingsVersion,
      );
    }

    const before = withDefaults(company.settings);
    if (sameSettings(before, change.settings))
      return { settings: before, version: company.settingsVersion };

    const version = company.settingsVersion + 1;
    await manager.update(
      CompanyEntity,
      { id: company.id },
      { settings: change.settings, settingsVersion: version },
    );
    await recordSettingsChange(
      manager,
      company.id,
      change.actor,
      version,
      before,
      change.settings,
    );
    return { settings: change.settings, version };
  }

  async history(
    companyId: string,
    page: PageQueryDto,
  ): Promise<Page<SettingsChangeView>> {
    await this.companies.get(companyId);
    const query = this.dataSource
      .getRepository(SettingsChangeEntity)
      .createQueryBuilder('change')
      .where('change.companyId = :companyId', { companyId });
    const result = await paginate(query, 'changedAt', page);
    return { ...result, items: result.items.map(toSettingsChangeView) };
  }
}

/** One line of the settings audit. */
export async function recordSettingsChange(
  manager: EntityManager,
  companyId: string,
  changedBy: string,
  version: number,
  before: CompanySettings | null,
  after: CompanySettings,
): Promise<void> {
  const change = manager.create(SettingsChangeEntity, {
    companyId,
    changedBy,
    version,
    before: before as unknown as Record<string, unknown> | null,
    after: after as unknown as Record<string, unknown>,
  });
  await manager.save(change);
}
