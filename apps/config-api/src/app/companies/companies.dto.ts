import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsSecureOrLocalUrl, PRINTABLE } from '../common/validators';
import { SettingsDto } from '../settings/settings.dto';

/** How the connector signs in to the company's ProgressionLIVE. */
export class ProgressionLiveConnectionDto {
  @ApiProperty({
    example: 'https://acme.progressionlive.com',
    description: 'https:// (http:// only for localhost)',
  })
  @IsString()
  @MaxLength(500)
  @IsSecureOrLocalUrl()
  baseUrl: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(PRINTABLE, { message: 'username must not contain control characters' })
  username: string;

  @ApiProperty({ writeOnly: true, description: 'Stored encrypted; never returned' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  password: string;
}

export class CreateCompanyDto {
  @ApiProperty({ example: '48213', description: 'The company’s id in ProgressionLIVE' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, {
    message: 'externalId must be letters, digits, dots, dashes, underscores or colons',
  })
  externalId: string;

  @ApiProperty({ example: 'Plomberie Lavoie & Fils' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name: string;

  @ApiPropertyOptional({
    type: SettingsDto,
    description: 'Settings; those left out take their default',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SettingsDto)
  settings?: SettingsDto;

  @ApiPropertyOptional({ type: ProgressionLiveConnectionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProgressionLiveConnectionDto)
  progressionLive?: ProgressionLiveConnectionDto;
}

export class FindCompaniesQueryDto {
  @ApiProperty({ description: 'The company’s id in ProgressionLIVE' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  externalId: string;
}
