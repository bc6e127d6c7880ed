import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HandoffsAnswer, HandoffsSummaryAnswer } from '@leadger/projections';
import { ReadModelErrors } from '../read-model-errors.decorator';
import { AfterQueryDto } from '../read-your-writes';
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
  @ApiOkResponse({
    schema: {
      type: 'object',
      example: {
        position: '1042',
        items: [
          {
            id: '6f1c…:3',
            leadId: '6f1c…',
            source: 'webinar',
            kind: 'handoff',
            from: 'mia@marketing',
            to: 'ana@sales',
            at: '2026-03-01T09:30:00.000Z',
            slaDueAt: '2026-03-02T09:30:00.000Z',
            decision: 'accepted',
            decidedAt: '2026-03-01T15:00:00.000Z',
            reason: null,
            timeToDecisionMs: 19800000,
            breachedAtClose: false,
            breached: false,
          },
        ],
        nextCursor: null,
      },
    },
  })
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
  @ApiOkResponse({
    schema: {
      type: 'object',
      example: {
        position: '1042',
        owners: [
          {
            owner: 'ana@sales',
            entries: 12,
            pending: 2,
            accepted: 7,
            rejected: 3,
            reassigned: 0,
            medianTimeToDecisionMs: 14400000,
            breaches: 1,
          },
        ],
        sources: [{ source: 'webinar', accepted: 7, rejected: 3, rejectionRate: 0.3 }],
      },
    },
  })
  @ReadModelErrors()
  getHandoffsSummary(@Query() { after }: AfterQueryDto): Promise<HandoffsSummaryAnswer> {
    return this.queryBus.execute(new GetHandoffsSummary(after));
  }
}
