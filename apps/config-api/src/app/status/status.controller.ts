import { Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Page } from '../common/pagination';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { V1Controller } from '../common/v1-controller.decorator';
import {
  ErrorsQueryDto,
  ImportRunsPage,
  ImportsQueryDto,
  RecordErrorsPage,
  SessionsPage,
  SessionsQueryDto,
  type ImportRunView,
  type RecordErrorView,
  type SessionView,
} from './history.views';
import { StatusService } from './status.service';
import { StatusView } from './status.views';

@V1Controller('companies/:id', 'status and history')
export class StatusController {
  constructor(private readonly status: StatusService) {}

  @Get('status')
  @ApiOperation({
    summary:
      'Connection health, what QuickBooks revealed, pending work, undelivered writes',
  })
  @ApiOkResponse({ type: StatusView })
  get(@Param('id', UuidParamPipe) id: string): Promise<StatusView> {
    return this.status.status(id);
  }

  @Get('sessions')
  @ApiOperation({
    summary: 'Web Connector sessions, newest first, with the imports each carried',
  })
  @ApiOkResponse({ type: SessionsPage })
  sessions(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: SessionsQueryDto,
  ): Promise<Page<SessionView>> {
    return this.status.sessions(id, query);
  }

  @Get('imports')
  @ApiOperation({ summary: 'Imports with their counts, newest first' })
  @ApiOkResponse({ type: ImportRunsPage })
  imports(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: ImportsQueryDto,
  ): Promise<Page<ImportRunView>> {
    return this.status.imports(id, query);
  }

  @Get('imports/:runId/errors')
  @ApiOperation({ summary: 'The records one import could not take, with the reason' })
  @ApiOkResponse({ type: RecordErrorsPage })
  importErrors(
    @Param('id', UuidParamPipe) id: string,
    @Param('runId', UuidParamPipe) runId: string,
    @Query() query: ErrorsQueryDto,
  ): Promise<Page<RecordErrorView>> {
    return this.status.importErrors(id, runId, query);
  }

  @Get('errors')
  @ApiOperation({
    summary: 'Every record QuickBooks or ProgressionLIVE refused, newest first',
  })
  @ApiOkResponse({ type: RecordErrorsPage })
  errors(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: ErrorsQueryDto,
  ): Promise<Page<RecordErrorView>> {
    return this.status.errors(id, query);
  }
}
