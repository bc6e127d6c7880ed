import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LeadIndexAnswer } from '@leadger/projections';
import { CurrentCaller, type Caller } from '../../auth/caller';
import { ReadModelErrors } from '../read-model-errors.decorator';
import { FindLeadsAnswerView } from './find-leads-answer.dto';
import { FindLeadsQueryDto } from './find-leads-query.dto';
import { FindLeads } from './find-leads';

@ApiTags('lead queries')
@Controller('leads')
export class LeadIndexController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({
    operationId: 'FindLeads',
    summary:
      'Find leads by email (through the blind index), owner, stage, source and capture day, newest capture ' +
      'first; no personal fields',
  })
  @ApiOkResponse({ type: FindLeadsAnswerView, description: 'One page of the lead index.' })
  @ReadModelErrors()
  findLeads(@Query() query: FindLeadsQueryDto, @CurrentCaller() caller: Caller): Promise<LeadIndexAnswer> {
    return this.queryBus.execute(new FindLeads(query, caller));
  }
}
