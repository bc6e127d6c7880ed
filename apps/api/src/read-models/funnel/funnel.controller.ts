import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FunnelAnswer } from '@leadger/projections';
import { ReadModelErrors } from '../read-model-errors.decorator';
import { FunnelAnswerView } from './funnel-answer.dto';
import { FunnelQueryDto } from './funnel-query.dto';
import { GetFunnel } from './get-funnel';

@ApiTags('read models')
@Controller('funnel')
export class FunnelController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({
    operationId: 'GetFunnel',
    summary: 'The marketing funnel by capture cohort: leads that ever reached each stage, conversions, times',
  })
  @ApiOkResponse({
    description:
      'Counts per stage (each lead once), outcome counts, stage-to-stage conversion rates and ' +
      'median/mean intervals in ms; `groups` when groupBy is given; `position` is what it reflects.',
    type: FunnelAnswerView,
  })
  @ReadModelErrors()
  getFunnel(@Query() query: FunnelQueryDto): Promise<FunnelAnswer> {
    return this.queryBus.execute(new GetFunnel(query));
  }
}
