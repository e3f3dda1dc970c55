import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CompanyEntity, ConnectorError, withDefaults } from '@qbd/domain';
import { SecretBox } from '@qbd/platform';
import { createProgressionLivePort, type ProgressionLivePort } from '@qbd/progressionlive';

/** One ProgressionLIVE client per company, reused while its credentials stay the same. */
@Injectable()
export class ProgressionLiveClients {
  private readonly clients = new Map<string, { fingerprint: string; port: ProgressionLivePort }>();

  constructor(private readonly secrets: SecretBox) {}

  forCompany(company: CompanyEntity): ProgressionLivePort {
    if (!company.plBaseUrl || !company.plUsername || !company.plPasswordSealed) {
      throw new ConnectorError({
        code: 'PROGRESSIONLIVE_NOT_CONFIGURED',
        fixableBy: 'operator',
        retryable: true,
        message: {
          en: 'The ProgressionLIVE address and API credentials of this company are not set.',
          fr: "L'adresse et les identifiants API ProgressionLIVE de cette entreprise ne sont pas configurés.",
        },
      });
    }
    const settings = withDefaults(company.settings);
    const fingerprint = createHash('sha256')
      .update([company.plBaseUrl, company.plUsername, company.plPasswordSealed, settings.syncUser].join('\n'))
      .digest('hex');
    const cached = this.clients.get(company.id);
    if (cached?.fingerprint === fingerprint) return cached.port;

    const port = createProgressionLivePort(
      { baseUrl: company.plBaseUrl, username: company.plUsername, password: this.secrets.decrypt(company.plPasswordSealed) },
      { asUser: settings.syncUser },
    );
    this.clients.set(company.id, { fingerprint, port });
    return port;
  }
}
