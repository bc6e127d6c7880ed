import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  recordAnonymousEngagement,
  type CommandContext,
  type CommandHandlerDeps,
  type LeadIdentity,
} from '@leadger/lead-application';
import { LEAD_IDENTITY } from '../auth/identity.module';
import { CLOCK, type Clock } from '../clock';
import { CommandHeaders } from '../leads/command-headers';
import { COMMAND_HANDLER_DEPS } from '../leads/execute-lead-command';
import { CommandHeadersDoc, CommandProblemsDoc } from '../leads/lead-action.decorator';
import { AnonymousIdParam } from './anonymous-id.param';
import { RecordAnonymousEngagementDto, toRecordAnonymousEngagement } from './record-anonymous-engagement.dto';
import { suspectAnswer, SuspectAnswer } from './suspect-answer';

/** Suspects: anonymous visitors, engaging before they ever give an email (`suspect-{anonymousId}`). */
@ApiTags('suspects')
@Controller('suspects')
export class SuspectsController {
  constructor(
    @Inject(COMMAND_HANDLER_DEPS) private readonly deps: CommandHandlerDeps,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LEAD_IDENTITY) private readonly identity: LeadIdentity,
  ) {}

  @Post(':anonymousId/engagements')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'RecordAnonymousEngagement',
    summary:
      'RecordAnonymousEngagement: an anonymous visitor engaged; once a capture identified it, the engagement lands on its lead',
  })
  @ApiBody({ type: RecordAnonymousEngagementDto })
  @ApiOkResponse({ type: SuspectAnswer, description: 'Recorded on the suspect, or on the lead it became.' })
  @CommandHeadersDoc()
  @CommandProblemsDoc()
  async recordAnonymousEngagement(
    @AnonymousIdParam() anonymousId: string,
    @Body() body: RecordAnonymousEngagementDto,
    @CommandHeaders() context: CommandContext,
  ): Promise<SuspectAnswer> {
    const occurredAt = body.occurredAt ? new Date(body.occurredAt).toISOString() : this.clock().toISOString();
    const command = toRecordAnonymousEngagement(anonymousId, body, occurredAt);
    const deps = { ...this.deps, directory: this.identity.directory };
    return suspectAnswer(await recordAnonymousEngagement(deps, command, context));
  }
}
