import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PipelineAnswer } from '@leadger/projections';
import { ReadModelErrors } from '../read-model-errors.decorator';
import { PipelineAnswerView } from './pipeline-answer.dto';
import { GetPipeline } from './get-pipeline';
import { PipelineQueryDto } from './pipeline-query.dto';

@ApiTags('read models')
@Controller('pipeline')
export class PipelineController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({
    operationId: 'GetPipeline',
    summary: 'Open opportunities by stage and owner; won and lost deals in a close-date range',
  })
  @ApiOkResponse({
    description:
      'Open count, amount and weighted amount (stage probability) by stage and owner; closed won/lost ' +
      'count and amount, win rate, lost by reason and by lost-from stage, sales cycle (sql → close).',
    type: PipelineAnswerView,
  })
  @ReadModelErrors()
  getPipeline(@Query() query: PipelineQueryDto): Promise<PipelineAnswer> {
    return this.queryBus.execute(new GetPipeline(query));
  }
}
