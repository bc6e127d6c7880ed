import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FunnelPartsAnswer, StageTimesAnswer } from '@leadger/projections';
import { ReadModelErrors } from '../read-model-errors.decorator';
import { GetFunnelParts } from './get-funnel-parts';
import { GetStageTimes } from './get-stage-times';
import { FunnelPartsAnswerView, StageTimesAnswerView } from './stages-answer.dto';
import { FunnelPartsQueryDto, StageTimesQueryDto } from './stages-query.dto';

@ApiTags('read models')
@Controller('funnel')
export class StagesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('stages')
  @ApiOperation({
    operationId: 'GetStageTimes',
    summary: 'Time in every stage, opportunity stages included: leads there now, entries, median and p90',
  })
  @ApiOkResponse({
    description:
      'Per stage: leads in it now, entries in the period, and how long the stays that ended in the period ' +
      'lasted (count, mean, median, p90 in ms); `groups` by source or owner when groupBy is given.',
    type: StageTimesAnswerView,
  })
  @ReadModelErrors()
  getStageTimes(@Query() query: StageTimesQueryDto): Promise<StageTimesAnswer> {
    return this.queryBus.execute(new GetStageTimes(query));
  }

  @Get('parts')
  @ApiOperation({
    operationId: 'GetFunnelParts',
    summary: 'The funnel as ToFu / MoFu / BoFu / customers, with the team that owns each part',
  })
  @ApiOkResponse({
    description:
      'Per part (as the rules file maps stages to parts): leads in it now, entries in the period, how many ' +
      'of those moved on to a later part, and how long a spell in the part lasts (median, p90).',
    type: FunnelPartsAnswerView,
  })
  @ReadModelErrors()
  getFunnelParts(@Query() query: FunnelPartsQueryDto): Promise<FunnelPartsAnswer> {
    return this.queryBus.execute(new GetFunnelParts(query));
  }
}
