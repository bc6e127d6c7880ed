import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, type Caller } from '../../auth/caller';
import { ReadModelErrors } from '../read-model-errors.decorator';
import { AfterQueryDto } from '../read-your-writes';
import { ClaimNurture, type OpenedNurtureClaim } from './claim-nurture';
import { ListNurture, type OpenedNurtureList } from './list-nurture';
import { NurtureClaimAnswerView, NurtureListAnswerView } from './nurture-answer.dto';
import { NurtureClaimDto } from './nurture-claim.dto';
import { NurtureQueryDto } from './nurture-query.dto';

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
  @ApiOkResponse({ type: NurtureListAnswerView, description: 'One page of the nurture queue.' })
  @ReadModelErrors()
  listNurture(@Query() query: NurtureQueryDto, @CurrentCaller() caller: Caller): Promise<OpenedNurtureList> {
    return this.queryBus.execute(new ListNurture(query, caller));
  }

  @Post('claim')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'ClaimNurture',
    summary: 'Claim due nurture items for a consumer; no other consumer gets them until the claim lapses',
  })
  @ApiOkResponse({ type: NurtureClaimAnswerView, description: 'The items now claimed for the consumer.' })
  @ReadModelErrors()
  claimNurture(
    @Body() claim: NurtureClaimDto,
    @Query() { after }: AfterQueryDto,
  ): Promise<OpenedNurtureClaim> {
    return this.commandBus.execute(new ClaimNurture(claim, after));
  }
}
