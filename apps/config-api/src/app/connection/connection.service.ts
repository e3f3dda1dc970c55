import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { AppConfig, LOGGER, REDIS, generatePassword, hashPassword } from '@qbd/platform';
import { CompanyEntity, withDefaults } from '@qbd/domain';
import { ApiErrors } from '../common/api-error';
import { isSecureOrLocalUrl } from '../common/validators';
import { CompanyLookup } from '../companies/company-lookup';
import { buildQwc, qwcDescription } from './qwc';

export interface IssuedCredentials {
  userName: string;
  password: string;
  credentialGeneration: number;
}

export interface QwcFile {
  fileName: string;
  xml: string;
}

const SESSION_END_TIMEOUT_MS = 2000;

@Injectable()
export class ConnectionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly companies: CompanyLookup,
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Creates the Web Connector account, or gives it a new password. The password is returned
   * here only; the database keeps its scrypt hash. The user name stays the same across
   * rotations so the .qwc already added to Web Connector keeps working with the new password.
   */
  async issueCredentials(companyId: string): Promise<IssuedCredentials> {
    await this.companies.get(companyId);
    // Hashed before the transaction, so the company's row is not locked while scrypt works.
    const password = generatePassword();
    const hash = await hashPassword(password);
    const issued = await this.dataSource.transaction((manager) =>
      this.store(manager, companyId, hash),
    );
    await this.endOpenSession(companyId, issued.userName);
    return { ...issued, password };
  }

  async qwc(companyId: string): Promise<QwcFile> {
    const company = await this.companies.get(companyId);
    if (!company.wcUsername) throw ApiErrors.connectionMissing(companyId);
    const appUrl = this.gatewayUrl();

    const xml = buildQwc({
      // Unique per company: Web Connector keys registered applications by AppName, and one
      // office PC may sync several companies.
      appName: `ProgressionLIVE - ${company.wcUsername}`,
      appUrl,
      // Same host as AppURL, as Web Connector requires; the gateway answers GET there.
      appSupport: appUrl,
      appDescription: qwcDescription(company.name),
      userName: company.wcUsername,
      ownerId: company.qwcOwnerId,
      fileId: company.qwcFileId,
      runEveryNMinutes: withDefaults(company.settings).minIntervalMinutes,
    });
    return { fileName: `${company.wcUsername}.qwc`, xml };
  }

  private async store(manager: EntityManager, companyId: string, hash: string) {
    const company = await this.companies.getForUpdate(companyId, manager);
    const userName = company.wcUsername ?? (await this.freeUserName(manager, company.id));
    const credentialGeneration = company.credentialGeneration + 1;
    await manager.update(
      CompanyEntity,
      { id: company.id },
      { wcUsername: userName, wcPasswordHash: hash, credentialGeneration },
    );
    return { userName, credentialGeneration };
  }

  /** `pl-` and the start of the company id; the whole id in the unlikely case it is taken. */
  private async freeUserName(manager: EntityManager, companyId: string): Promise<string> {
    const hex = companyId.replace(/-/g, '');
    const short = `pl-${hex.slice(0, 12)}`;
    const taken = await manager.existsBy(CompanyEntity, { wcUsername: short });
    return taken ? `pl-${hex}` : short;
  }

  /**
   * Ends the company's open Web Connector session right away. This is a courtesy: the
   * gateway refuses any ticket issued under an older credential generation anyway, so a
   * Redis that does not answer here changes nothing about safety.
   */
  private async endOpenSession(companyId: string, userName: string): Promise<void> {
    const prefix = this.config.QUEUE_PREFIX;
    const lockKey = `${prefix}:company-session:${companyId}`;
    // Failed guesses at the user name are forgotten too: the new password starts clean.
    const failuresKey = `${prefix}:login-fail:user:${userName.toLowerCase()}`;
    const end = async () => {
      const ticketHash = await this.redis.get(lockKey);
      const keys = ticketHash
        ? [lockKey, failuresKey, `${prefix}:ticket:${ticketHash}`]
        : [lockKey, failuresKey];
      await this.redis.del(...keys);
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error('Redis did not answer')),
        SESSION_END_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([end(), timeout]);
    } catch (error) {
      this.logger.warn(
        { companyId, reason: (error as Error).message },
        'open session not ended after password rotation',
      );
    } finally {
      clearTimeout(timer);
    }
  }

  private gatewayUrl(): string {
    const url = this.config.GATEWAY_PUBLIC_URL;
    if (!isSecureOrLocalUrl(url)) throw ApiErrors.insecureGatewayUrl(url);
    return url;
  }
}
