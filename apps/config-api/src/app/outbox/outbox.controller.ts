import { HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxEntity } from '@qbd/domain';
import { CompanyLookup } from '../companies/company-lookup';
import { QueuePublisher } from '../common/queue-publisher';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { V1Controller } from '../common/v1-controller.decorator';

class OutboxRetryView {
  @ApiProperty({ description: 'Undeliverable writes put back in the queue' })
  requeued: number;
}

@V1Controller('companies/:id/outbox', 'status and history')
export class OutboxController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly companies: CompanyLookup,
    private readonly publisher: QueuePublisher,
  ) {}

  /**
   * Once the cause is fixed (ProgressionLIVE settings, a type renamed back ...), the writes
   * that were given up are delivered again, in their original order.
   */
  @Post('retry')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Deliver again the writes to ProgressionLIVE that were given up',
  })
  @ApiOkResponse({ type: OutboxRetryView })
  async retry(@Param('id', UuidParamPipe) id: string): Promise<OutboxRetryView> {
    await this.companies.get(id);
    const result = await this.dataSource
      .getRepository(OutboxEntity)
      .update(
        { companyId: id, status: 'dead' },
        { status: 'pending', attempts: 0, availableAt: new Date() },
      );
    const requeued = result.affected ?? 0;
    if (requeued > 0) await this.publisher.publish('deliverOutbox', { companyId: id });
    return { requeued };
  }
}
