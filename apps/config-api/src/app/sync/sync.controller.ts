import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { ApiErrorBodyDoc } from '../common/openapi';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { V1Controller } from '../common/v1-controller.decorator';
import { QueuedImportView, SyncNowDto, SyncService } from './sync.service';

@V1Controller('companies/:id/sync', 'sync')
export class SyncController {
  constructor(private readonly sync: SyncService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sync now: queue imports for the company’s next Web Connector session',
  })
  @ApiOkResponse({ type: [QueuedImportView] })
  @ApiResponse({
    status: 422,
    description: 'The connector is disabled for this company',
    type: ApiErrorBodyDoc,
  })
  syncNow(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: SyncNowDto,
  ): Promise<QueuedImportView[]> {
    return this.sync.syncNow(id, body);
  }
}
