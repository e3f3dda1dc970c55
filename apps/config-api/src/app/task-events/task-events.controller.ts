import { Body, Param, Post, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { EXPORT_STATUSES } from '../exports/exports.views';
import { V1Controller } from '../common/v1-controller.decorator';
import { TaskEventDto } from './task-event.dto';
import {
  TaskEventsService,
  type TaskEventOutcome,
  type TaskEventReason,
} from './task-events.service';

const REASONS: TaskEventReason[] = [
  'exportCreated',
  'exportExists',
  'exportRetriedWithNewContent',
  'notTriggerStage',
  'companyDisabled',
  'taskTypeNotBillable',
];

class TaskEventOutcomeView implements TaskEventOutcome {
  @ApiProperty({ description: 'Whether this event created the task’s export' })
  created: boolean;

  @ApiProperty({ enum: REASONS })
  reason: TaskEventReason;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The task’s export, new or existing',
  })
  exportId?: string;

  @ApiPropertyOptional({ enum: EXPORT_STATUSES })
  exportStatus?: TaskEventOutcome['exportStatus'];
}

@V1Controller('companies/:id/task-events', 'task events')
export class TaskEventsController {
  constructor(private readonly events: TaskEventsService) {}

  @Post()
  @ApiOperation({
    summary: 'A task changed stage',
    description:
      'Entering the billing trigger stage of an enabled company, for a billable task type, creates the task’s one export (201). Anything else answers 200 with created: false and the reason, including the same event sent again or the task re-entering the stage.',
  })
  @ApiCreatedResponse({ type: TaskEventOutcomeView, description: 'Export created' })
  @ApiOkResponse({
    type: TaskEventOutcomeView,
    description: 'Nothing created; the reason says why',
  })
  async receive(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: TaskEventDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TaskEventOutcome> {
    const outcome = await this.events.receive(id, body);
    void reply.status(outcome.created ? 201 : 200);
    return outcome;
  }
}
