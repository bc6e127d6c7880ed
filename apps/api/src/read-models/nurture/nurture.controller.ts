import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { NurtureClaimAnswer, NurtureListAnswer } from '@leadger/projections';
import { ReadModelErrors } from '../read-model-errors.decorator';
import { AfterQueryDto } from '../read-your-writes';
import { ClaimNurture } from './claim-nurture';
import { ListNurture } from './list-nurture';
import { NurtureClaimDto } from './nurture-claim.dto';
import { NurtureQueryDto } from './nurture-query.dto';

const item = {
  leadId: '6f1c…',
  email: 'ana@example.com',
  source: 'webinar',
  campaign: null,
  origin: 'lost',
  originStage: 'evaluation',
  originLabel: 'lost at evaluation',
  reason: 'pricing',
  note: null,
  recycledAt: '2026-03-01T09:30:00.000Z',
  revisitAt: '2026-08-28T09:30:00.000Z',
};

@ApiTags('read models')
@Controller('nurture')
export class NurtureController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly commandBus: CommandBus,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'ListNurture',
    summary: 'Leads recycled to nurture, soonest revisit first, with reason, origin and revisit date',
  })
  @ApiOkResponse({
    schema: { type: 'object', example: { position: '1042', items: [item], nextCursor: null } },
  })
  @ReadModelErrors()
  listNurture(@Query() query: NurtureQueryDto): Promise<NurtureListAnswer> {
    return this.queryBus.execute(new ListNurture(query));
  }

  @Post('claim')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'ClaimNurture',
    summary: 'Claim due nurture items for a consumer; no other consumer gets them until the claim lapses',
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      example: {
        position: '1042',
        items: [{ ...item, claimedBy: 'nurture-bot-1', claimedUntil: '2026-08-28T09:35:00.000Z' }],
      },
    },
  })
  @ReadModelErrors()
  claimNurture(
    @Body() claim: NurtureClaimDto,
    @Query() { after }: AfterQueryDto,
  ): Promise<NurtureClaimAnswer> {
    return this.commandBus.execute(new ClaimNurture(claim, after));
  }
}
