import { Body, Controller, Get, Inject, Put, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext, LeadIdentity } from '@leadger/lead-application';
import type { FastifyReply } from 'fastify';
import { LEAD_IDENTITY } from '../auth/identity.module';
import { CLOCK, type Clock } from '../clock';
import { CommandHeaders } from '../leads/command-headers';
import { requestHash } from '../leads/commands/command-body';
import { CommandHeadersDoc } from '../leads/lead-action.decorator';
import { ProblemResponse } from '../problem/problem-details.dto';
import { ExecuteSetOwner } from './execute-set-owner';
import { OwnerIdParam } from './owner-id.param';
import { GetOwner, ListOwners } from './owner-queries';
import { RosterOwnerView, RosterPageView, SetOwnerAnswer, setOwnerAnswer } from './owner.view';
import { OwnersQueryDto } from './owners-query.dto';
import { SetOwnerDto, toSetOwner } from './set-owner.dto';

const ownerETag = {
  ETag: {
    description: "The owner's revision, quoted; send it back as If-Match.",
    required: true,
    schema: { type: 'string', pattern: '^"\\d+"$', example: '"3"' },
  },
};

/** The owner roster: who routing and SLA escalation may give leads to, kept by admins and sales managers. */
@ApiTags('owners')
@Controller('owners')
export class OwnersController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    @Inject(LEAD_IDENTITY) private readonly identity: LeadIdentity,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Put(':ownerId')
  @ApiOperation({
    operationId: 'SetOwner',
    summary:
      'SetOwner: add an owner to the roster (201) or change their profile (200); the same profile again records nothing (200)',
    description:
      'The whole profile, as PUT replaces it: an OwnerSet event in the stream `owner-{ownerId}`, with the ' +
      'metadata and hash chain of a lead event. Routing and SLA escalation read the roster.',
  })
  @ApiBody({ type: SetOwnerDto })
  @ApiCreatedResponse({
    type: SetOwnerAnswer,
    description: 'The owner joined the roster.',
    headers: ownerETag,
  })
  @ApiOkResponse({
    type: SetOwnerAnswer,
    description: 'The owner was in the roster: changed, or unchanged (`events` is empty).',
    headers: ownerETag,
  })
  @CommandHeadersDoc('owner')
  @ProblemResponse(
    400,
    'Malformed input: a bad ownerId, a blank name or team, a negative capacity…, named in `errors`.',
  )
  @ProblemResponse(409, 'Changed concurrently so often that ten tries could not get past; retry.')
  @ProblemResponse(
    412,
    'If-Match is not the current revision (`ownerId`, `expectedRevision`, `currentRevision`).',
  )
  @ProblemResponse(413, 'Body larger than 64 KiB.')
  @ProblemResponse(415, 'Body is not application/json.')
  @ProblemResponse(422, 'The Idempotency-Key was used with another body.')
  @ProblemResponse(503, 'The event store is unavailable; retry with the same Idempotency-Key.')
  async setOwner(
    @OwnerIdParam() ownerId: string,
    @Body() body: SetOwnerDto,
    @CommandHeaders() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SetOwnerAnswer> {
    const command = toSetOwner(ownerId, body, this.clock().toISOString());
    const issued = { ...context, requestHash: requestHash(this.identity.keys.requestDigestKey, body) };
    const outcome = await this.commandBus.execute(new ExecuteSetOwner(command, issued));
    const answer = setOwnerAnswer(outcome);
    void reply.status(outcome.created ? 201 : 200).header('etag', `"${answer.revision}"`);
    return answer;
  }

  @Get()
  @ApiOperation({
    operationId: 'ListOwners',
    summary: 'The owner roster by owner id, each owner with their load (open handoffs plus SALs)',
  })
  @ApiOkResponse({ type: RosterPageView, description: 'One page of the roster.' })
  @ProblemResponse(400, 'A bad cursor or limit, named in `errors`.')
  @ProblemResponse(503, 'The event store or the read store is unavailable.')
  listOwners(@Query() query: OwnersQueryDto): Promise<RosterPageView> {
    return this.queryBus.execute(new ListOwners(query.cursor, query.limit ?? 50));
  }

  @Get(':ownerId')
  @ApiOperation({ operationId: 'GetOwner', summary: 'One owner of the roster, with their load and revision' })
  @ApiOkResponse({ type: RosterOwnerView, description: 'The owner.', headers: ownerETag })
  @ProblemResponse(400, 'ownerId cannot name an owner.')
  @ProblemResponse(404, 'No owner of that id is in the roster.')
  @ProblemResponse(503, 'The event store or the read store is unavailable.')
  async getOwner(
    @OwnerIdParam() ownerId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RosterOwnerView> {
    const owner = await this.queryBus.execute(new GetOwner(ownerId));
    void reply.header('etag', `"${owner.revision}"`);
    return owner;
  }
}
