import { Body, Get, Headers, Param, Put, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CompanySettings } from '@qbd/domain';
import { Actor } from '../common/actor.decorator';
import { ApiErrorBodyDoc } from '../common/openapi';
import { PageQueryDto, type Page } from '../common/pagination';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ApiActorHeader, V1Controller } from '../common/v1-controller.decorator';
import { SettingsDto, toSettingsDocument } from './settings.dto';
import { SettingsService } from './settings.service';
import { SettingsHistoryPage, type SettingsChangeView } from './settings.views';

@V1Controller('companies/:id/settings', 'settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @ApiOperation({
    summary: 'The company’s settings, every one with its default filled in',
  })
  @ApiOkResponse({
    type: SettingsDto,
    headers: { ETag: { description: 'Settings version, for If-Match' } },
  })
  async get(
    @Param('id', UuidParamPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CompanySettings> {
    const { settings, version } = await this.settings.get(id);
    void reply.header('etag', `"${version}"`);
    return settings;
  }

  @Put()
  @ApiOperation({
    summary: 'Replace the settings',
    description:
      'The body is the whole settings document; a field left out takes its default. The change is recorded with x-actor and the company’s import schedules are rebuilt.',
  })
  @ApiActorHeader()
  @ApiHeader({
    name: 'if-match',
    required: false,
    description: 'ETag read with GET; 409 when the settings changed since',
  })
  @ApiOkResponse({ type: SettingsDto })
  @ApiResponse({
    status: 409,
    description: 'If-Match does not match the current version',
    type: ApiErrorBodyDoc,
  })
  @ApiResponse({
    status: 422,
    description: 'Settings contradict each other (e.g. minimum interval above maximum)',
    type: ApiErrorBodyDoc,
  })
  async replace(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: SettingsDto,
    @Actor() actor: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CompanySettings> {
    const expectedVersion = ifMatch?.replace(/^W\//, '').replace(/"/g, '').trim();
    const saved = await this.settings.replace({
      companyId: id,
      settings: toSettingsDocument(body),
      actor,
      expectedVersion: expectedVersion || undefined,
    });
    void reply.header('etag', `"${saved.version}"`);
    return saved.settings;
  }

  @Get('history')
  @ApiOperation({
    summary: 'Every change of the settings, newest first: who, when, what',
  })
  @ApiOkResponse({ type: SettingsHistoryPage })
  history(
    @Param('id', UuidParamPipe) id: string,
    @Query() page: PageQueryDto,
  ): Promise<Page<SettingsChangeView>> {
    return this.settings.history(id, page);
  }
}
