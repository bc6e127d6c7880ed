import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CampaignInfluenceAnswer } from '@leadger/projections';
import { ReadModelErrors } from '../read-model-errors.decorator';
import { PeriodQueryDto } from '../stages/stages-query.dto';
import { CampaignInfluenceAnswerView } from './campaigns-answer.dto';
import { GetCampaignInfluence } from './get-campaign-influence';

@ApiTags('read models')
@Controller('funnel/campaigns')
export class CampaignsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({
    operationId: 'GetCampaignInfluence',
    summary: 'Campaign influence: open and won amounts of the deals whose leads engaged with each campaign',
  })
  @ApiOkResponse({
    description:
      'Per campaign: the leads that engaged with it, and the deals open now and won in the period (from, to: ' +
      'the day each was won) whose leads touched it before the deal closed — as first touch, last touch and ' +
      'any touch, with their amounts.',
    type: CampaignInfluenceAnswerView,
  })
  @ReadModelErrors()
  getCampaignInfluence(@Query() query: PeriodQueryDto): Promise<CampaignInfluenceAnswer> {
    return this.queryBus.execute(new GetCampaignInfluence(query));
  }
}
