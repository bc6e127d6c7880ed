import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HandoffsAnswer, HandoffsSummaryAnswer } from '@leadger/projections';
import { ReadModelErrors } from '../read-model-errors.decorator';
import { AfterQueryDto } from '../read-your-writes';
import { HandoffsAnswerView, HandoffsSummaryAnswerView } from './handoffs-answer.dto';
import { GetHandoffs } from './get-handoffs';
import { GetHandoffsSummary } from './get-handoffs-summary';
import { HandoffsQueryDto } from './handoffs-query.dto';

@ApiTags('read models')
@Controller('handoffs')
export class HandoffsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({
    operationId: 'GetHandoffs',
    summary: 'The handoff ledger, newest first: every handoff and reassignment with its decision and SLA',
  })
  @ApiOkResponse({ type: HandoffsAnswerView, description: 'One page of the ledger.' })
  @ReadModelErrors()
  getHandoffs(@Query() query: HandoffsQueryDto): Promise<HandoffsAnswer> {
    return this.queryBus.execute(new GetHandoffs(query));
  }

  @Get('summary')
  @ApiOperation({
    operationId: 'GetHandoffsSummary',
    summary:
      'Per owner: pending, decisions, median time to decision, SLA breaches; per source: rejection rate',
  })
  @ApiOkResponse({ type: HandoffsSummaryAnswerView, description: 'The summary of the whole ledger.' })
  @ReadModelErrors()
  getHandoffsSummary(@Query() { after }: AfterQueryDto): Promise<HandoffsSummaryAnswer> {
    return this.queryBus.execute(new GetHandoffsSummary(after));
  }
}
