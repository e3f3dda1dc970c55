import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CompanyEntity } from '@qbd/domain';
import { extendLogContext } from '@qbd/platform';
import { ApiErrors } from '../common/api-error';

/** Finds a company or answers 404; every company route starts here, so its logs name the company. */
@Injectable()
export class CompanyLookup {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CompanyEntity> {
    const company = await manager.findOneBy(CompanyEntity, { id });
    if (!company) throw ApiErrors.notFound('company', id);
    extendLogContext({ companyId: company.id });
    return company;
  }

  /** The company row locked until the transaction ends, so concurrent changes queue up. */
  async getForUpdate(id: string, manager: EntityManager): Promise<CompanyEntity> {
    const company = await manager.findOne(CompanyEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!company) throw ApiErrors.notFound('company', id);
    return company;
  }
}
