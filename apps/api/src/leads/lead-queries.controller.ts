import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentCaller, type Caller } from '../auth/caller';
import { ProblemResponse } from '../problem/problem-details.dto';
import { HistoryQueryDto } from './history-query.dto';
import { VerifyLeadChain, type LeadChainView } from './lead-chain';
import { LeadChainResponse } from './lead-chain.dto';
import { LeadHistoryResponse } from './lead-history.dto';
import { LeadIdParam } from './lead-id.param';
import { GetLead, GetLeadHistory, type LeadHistoryPage, type LeadView } from './lead-queries';
import { LeadViewResponse } from './lead-view.dto';

@ApiTags('lead queries')
@Controller('leads')
export class LeadQueriesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':leadId')
  @ApiOperation({
    operationId: 'GetLead',
    summary: "The lead's folded state, its revision (also the ETag) and the commands allowed now",
  })
  @LeadViewResponse()
  @ProblemResponse(400, 'leadId is not a UUID.')
  @ProblemResponse(404, 'Unknown lead.')
  async getLead(
    @LeadIdParam() leadId: string,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LeadView> {
    const view = await this.queryBus.execute(new GetLead(leadId, caller));
    void reply.header('etag', `"${view.revision}"`);
    return view;
  }

  @Get(':leadId/history')
  @ApiOperation({
    operationId: 'GetLeadHistory',
    summary: "The lead's events with their metadata, oldest first, paginated by revision",
  })
  @LeadHistoryResponse()
  @ProblemResponse(400, 'leadId is not a UUID, or a bad fromRevision or limit, named in `errors`.')
  @ProblemResponse(404, 'Unknown lead.')
  getLeadHistory(
    @LeadIdParam() leadId: string,
    @Query() query: HistoryQueryDto,
    @CurrentCaller() caller: Caller,
  ): Promise<LeadHistoryPage> {
    return this.queryBus.execute(
      new GetLeadHistory(leadId, BigInt(query.fromRevision ?? 0), query.limit ?? 100, caller),
    );
  }

  @Get(':leadId/chain')
  @ApiOperation({
    operationId: 'VerifyLeadChain',
    summary:
      "Checks the lead's hash chain: every revision present, every event linked to the one before and matching its hash",
  })
  @ApiOkResponse({ type: LeadChainResponse })
  @ProblemResponse(400, 'leadId is not a UUID.')
  @ProblemResponse(404, 'Unknown lead.')
  verifyLeadChain(@LeadIdParam() leadId: string, @CurrentCaller() caller: Caller): Promise<LeadChainView> {
    return this.queryBus.execute(new VerifyLeadChain(leadId, caller));
  }
}
