import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FunnelAnswer } from '@leadger/projections';
import { ReadModelErrors } from '../read-model-errors.decorator';
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
    schema: {
      type: 'object',
      example: {
        position: '1042',
        total: {
          reached: { lead: 120, mql: 48, sal: 30, sql: 12, won: 3 },
          outcomes: { rejected: 9, lost: 4, disqualified: 6, recycled: 11, reengaged: 2 },
          conversion: { leadToMql: 0.4, mqlToSal: 0.625, salToSql: 0.4, sqlToWon: 0.25, leadToWon: 0.025 },
          times: { leadToMql: { count: 48, meanMs: 86400000, medianMs: 72000000 } },
        },
      },
    },
  })
  @ReadModelErrors()
  getFunnel(@Query() query: FunnelQueryDto): Promise<FunnelAnswer> {
    return this.queryBus.execute(new GetFunnel(query));
  }
}
