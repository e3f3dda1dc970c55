import { Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { Actor } from '../common/actor.decorator';
import { ApiErrorBodyDoc } from '../common/openapi';
import type { Page } from '../common/pagination';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ApiActorHeader, V1Controller } from '../common/v1-controller.decorator';
import { ExportsService } from './exports.service';
import {
  ExportDetailView,
  ExportsPage,
  ExportsQueryDto,
  type ExportView,
} from './exports.views';

@V1Controller('companies/:id/exports', 'exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get()
  @ApiOperation({
    summary: 'The company’s exports, newest first, filtered by status or task',
  })
  @ApiOkResponse({ type: ExportsPage })
  list(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: ExportsQueryDto,
  ): Promise<Page<ExportView>> {
    return this.exports.list(id, query);
  }

  @Get(':exportId')
  @ApiOperation({
    summary:
      'One export with its timeline: queued → sent → created with its number → stage moved, or the error',
  })
  @ApiOkResponse({ type: ExportDetailView })
  get(
    @Param('id', UuidParamPipe) id: string,
    @Param('exportId', UuidParamPipe) exportId: string,
  ): Promise<ExportDetailView> {
    return this.exports.get(id, exportId);
  }

  @Post(':exportId/retry')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Send a failed export (or one that needed attention) again, once the cause is fixed',
  })
  @ApiActorHeader()
  @ApiOkResponse({ type: ExportDetailView })
  @ApiResponse({
    status: 409,
    description: 'The export is neither failed nor waiting for attention',
    type: ApiErrorBodyDoc,
  })
  retry(
    @Param('id', UuidParamPipe) id: string,
    @Param('exportId', UuidParamPipe) exportId: string,
    @Actor() actor: string,
  ): Promise<ExportDetailView> {
    return this.exports.retry(id, exportId, actor);
  }
}
