import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PipelineAnswer } from '@leadger/projections';
import { ReadModelErrors } from '../read-model-errors.decorator';
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
    schema: {
      type: 'object',
      example: {
        position: '1042',
        probabilities: { prospecting: 0.1, evaluation: 0.4, commitment: 0.75 },
        open: {
          total: { count: 2, amount: 30000, weightedAmount: 9000 },
          byStage: [{ stage: 'evaluation', count: 2, amount: 30000, weightedAmount: 12000 }],
          byOwner: [{ owner: 'ana@sales', count: 2, amount: 30000, weightedAmount: 12000 }],
        },
        closed: {
          won: { count: 3, amount: 42000 },
          lost: { count: 2, amount: 10000 },
          winRate: 0.6,
          lostByReason: [{ reason: 'pricing', count: 2, amount: 10000 }],
          lostByStage: [{ stage: 'evaluation', count: 2, amount: 10000 }],
          salesCycle: { count: 5, meanMs: 1209600000, medianMs: 1036800000 },
        },
      },
    },
  })
  @ReadModelErrors()
  getPipeline(@Query() query: PipelineQueryDto): Promise<PipelineAnswer> {
    return this.queryBus.execute(new GetPipeline(query));
  }
}
