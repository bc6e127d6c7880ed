import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, type Caller } from '../../auth/caller';
import { NurtureClaimDto } from '../nurture/nurture-claim.dto';
import { NurtureQueryDto } from '../nurture/nurture-query.dto';
import { ReadModelErrors } from '../read-model-errors.decorator';
import { AfterQueryDto } from '../read-your-writes';
import { ClaimCustomerNurture, type OpenedCustomerNurtureClaim } from './claim-customer-nurture';
import { CustomerNurtureClaimAnswerView, CustomerNurtureListAnswerView } from './customer-nurture-answer.dto';
import { ListCustomerNurture, type OpenedCustomerNurtureList } from './list-customer-nurture';

// The same query and claim bodies as the nurture queue: the two queues work alike.
@ApiTags('read models')
@Controller('customer-nurture')
export class CustomerNurtureController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly commandBus: CommandBus,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'ListCustomerNurture',
    summary: 'Customers in onboarding, referral, upsell or renewal programs, soonest revisit first',
  })
  @ApiOkResponse({
    type: CustomerNurtureListAnswerView,
    description: 'One page of the customer-nurture queue.',
  })
  @ReadModelErrors()
  listCustomerNurture(
    @Query() query: NurtureQueryDto,
    @CurrentCaller() caller: Caller,
  ): Promise<OpenedCustomerNurtureList> {
    return this.queryBus.execute(new ListCustomerNurture(query, caller));
  }

  @Post('claim')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'ClaimCustomerNurture',
    summary:
      'Claim due customer-nurture items for a consumer; no other consumer gets them until the claim lapses',
  })
  @ApiOkResponse({
    type: CustomerNurtureClaimAnswerView,
    description: 'The items now claimed for the consumer.',
  })
  @ReadModelErrors()
  claimCustomerNurture(
    @Body() claim: NurtureClaimDto,
    @Query() { after }: AfterQueryDto,
  ): Promise<OpenedCustomerNurtureClaim> {
    return this.commandBus.execute(new ClaimCustomerNurture(claim, after));
  }
}
