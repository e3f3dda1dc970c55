import { ApiProperty } from '@nestjs/swagger';
import type { CompanyEntity } from '@qbd/domain';

export class WebConnectorAccountView {
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Null until POST .../connection',
  })
  userName: string | null;

  @ApiProperty({
    description: 'Whether a password exists; the password itself is never readable',
  })
  passwordSet: boolean;

  @ApiProperty({
    description: 'Bumped at every password rotation; older sessions are refused',
  })
  credentialGeneration: number;
}

export class ProgressionLiveView {
  @ApiProperty()
  baseUrl: string;

  @ApiProperty()
  username: string;

  @ApiProperty()
  passwordSet: boolean;
}

export class CompanyView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  externalId: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  enabled: boolean;

  @ApiProperty()
  settingsVersion: number;

  @ApiProperty({ type: WebConnectorAccountView })
  webConnector: WebConnectorAccountView;

  @ApiProperty({ type: ProgressionLiveView, nullable: true })
  progressionLive: ProgressionLiveView | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;
}

/** A company as the API shows it: never a password, hash or sealed secret. */
export function toCompanyView(company: CompanyEntity): CompanyView {
  return {
    id: company.id,
    externalId: company.externalId,
    name: company.name,
    enabled: company.settings.enabled !== false,
    settingsVersion: company.settingsVersion,
    webConnector: {
      userName: company.wcUsername,
      passwordSet: company.wcPasswordHash !== null,
      credentialGeneration: company.credentialGeneration,
    },
    progressionLive: toProgressionLiveView(company),
    createdAt: company.createdAt,
    updatedAt: company.updatedAt,
  };
}

export function toProgressionLiveView(
  company: CompanyEntity,
): ProgressionLiveView | null {
  if (!company.plBaseUrl || !company.plUsername) return null;
  return {
    baseUrl: company.plBaseUrl,
    username: company.plUsername,
    passwordSet: company.plPasswordSealed !== null,
  };
}
