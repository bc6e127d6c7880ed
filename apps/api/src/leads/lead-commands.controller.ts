import { Body, Controller, Inject, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext, LeadIdentity } from '@leadger/lead-application';
import type { LeadCommand } from '@leadger/lead-domain';
import type { FastifyReply } from 'fastify';
import { LEADGER_CONFIG, type LeadgerConfig } from '@leadger/config';
import { LEAD_IDENTITY } from '../auth/identity.module';
import { commandAnswer, CommandAnswer } from './command-answer';
import { commandFill, type CommandFill } from './command-fill';
import { CommandHeaders } from './command-headers';
import { AcceptLeadDto, toAcceptLead } from './commands/accept-lead.dto';
import { CaptureLeadDto, toCaptureLead } from './commands/capture-lead.dto';
import { ChangeOpportunityStageDto, toChangeOpportunityStage } from './commands/change-opportunity-stage.dto';
import { CloseLostDto, toCloseLost } from './commands/close-lost.dto';
import { CloseWonDto, toCloseWon } from './commands/close-won.dto';
import { requestHash, type CommandBody } from './commands/command-body';
import { DisqualifyLeadDto, toDisqualifyLead } from './commands/disqualify-lead.dto';
import { EraseLeadDto, toEraseLead } from './commands/erase-lead.dto';
import { HandOffLeadDto, toHandOffLead } from './commands/hand-off-lead.dto';
import { MarkMarketingQualifiedDto, toMarkMarketingQualified } from './commands/mark-marketing-qualified.dto';
import { QualifyLeadDto, toQualifyLead } from './commands/qualify-lead.dto';
import { ReassignLeadDto, toReassignLead } from './commands/reassign-lead.dto';
import { RecordEngagementDto, toRecordEngagement } from './commands/record-engagement.dto';
import { RecycleLeadDto, toRecycleLead } from './commands/recycle-lead.dto';
import { ReengageLeadDto, toReengageLead } from './commands/reengage-lead.dto';
import { RejectLeadDto, toRejectLead } from './commands/reject-lead.dto';
import { ReopenDealDto, toReopenDeal } from './commands/reopen-deal.dto';
import { RequalifyLeadDto, toRequalifyLead } from './commands/requalify-lead.dto';
import { ExecuteLeadCommand } from './execute-lead-command';
import { CommandHeadersDoc, CommandProblemsDoc, LeadAction, revisionETag } from './lead-action.decorator';
import { LeadIdParam } from './lead-id.param';

const leadLocation = {
  ...revisionETag,
  Location: {
    description: 'The lead: `/leads/{leadId}`.',
    required: true,
    schema: { type: 'string', format: 'uri-reference' },
  },
};

type Build<Body> = (leadId: string, body: Body, fill: CommandFill) => LeadCommand;

/** Every lifecycle command of DESIGN.md's Transitions table, one route each, named as the command. */
@ApiTags('lead commands')
@Controller('leads')
export class LeadCommandsController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(LEADGER_CONFIG) private readonly config: LeadgerConfig,
    @Inject(LEAD_IDENTITY) private readonly identity: LeadIdentity,
  ) {}

  @Post()
  @ApiOperation({
    operationId: 'CaptureLead',
    summary:
      'CaptureLead: a new lead (201), or an engagement of a known email (200); a disqualified email records nothing (200)',
  })
  @ApiBody({ type: CaptureLeadDto })
  @ApiCreatedResponse({ type: CommandAnswer, description: 'A new lead was captured.', headers: leadLocation })
  @ApiOkResponse({
    type: CommandAnswer,
    description:
      'The email was known: an engagement was recorded; or the lead is disqualified: nothing was recorded (`events` is empty, `note` says so).',
    headers: leadLocation,
  })
  @CommandHeadersDoc()
  @CommandProblemsDoc()
  async captureLead(
    @Body() body: CaptureLeadDto,
    @CommandHeaders() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandAnswer> {
    const leadId = await this.identity.directory.forCapture(body.email);
    const answer = await this.execute(toCaptureLead(leadId, body, this.fill(body)), body, context, reply);
    void reply
      .status(answer.events.includes('LeadCaptured') ? 201 : 200)
      .header('location', `/leads/${answer.leadId}`);
    return answer;
  }

  @LeadAction('engagements', RecordEngagementDto, 'RecordEngagement', 'an engagement that changes the score')
  recordEngagement(
    @LeadIdParam() id: string,
    @Body() body: RecordEngagementDto,
    @CommandHeaders() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(toRecordEngagement, id, body, context, reply);
  }

  @LeadAction('mql', MarkMarketingQualifiedDto, 'MarkMarketingQualified', 'lead → mql')
  markMarketingQualified(
    @LeadIdParam() id: string,
    @Body() body: MarkMarketingQualifiedDto,
    @CommandHeaders() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(toMarkMarketingQualified, id, body, context, reply);
  }

  @LeadAction('handoff', HandOffLeadDto, 'HandOffLead', 'hand an mql to a sales owner; the SLA clock starts')
  handOffLead(
    @LeadIdParam() id: string,
    @Body() body: HandOffLeadDto,
    @CommandHeaders() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(toHandOffLead, id, body, context, reply);
  }

  @LeadAction('accept', AcceptLeadDto, 'AcceptLead', 'sales accepts the handed-off lead: mql → sal')
  acceptLead(
    @LeadIdParam() id: string,
    @Body() body: AcceptLeadDto,
    @CommandHeaders() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(toAcceptLead, id, body, context, reply);
  }

  @LeadAction(
    'reject',
    RejectLeadDto,
    'RejectLead',
    'sales rejects the handed-off lead with a reason: mql → nurture',
  )
  rejectLead(
    @LeadIdParam() id: string,
    @Body() body: RejectLeadDto,
    @CommandHeaders() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(toRejectLead, id, body, context, reply);
  }

  @LeadAction(
    'qualify',
    QualifyLeadDto,
    'QualifyLead',
    'budget, authority, need, timeline, amount: sal → sql / prospecting',
  )
  qualifyLead(
    @LeadIdParam() id: string,
    @Body() body: QualifyLeadDto,
    @CommandHeaders() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(toQualifyLead, id, body, context, reply);
  }

  @LeadAction(
    'stage',
    ChangeOpportunityStageDto,
    'ChangeOpportunityStage',
    'move the opportunity forward or back',
  )
  changeOpportunityStage(
    @LeadIdParam() id: string,
    @Body() body: ChangeOpportunityStageDto,
    @CommandHeaders() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(toChangeOpportunityStage, id, body, context, reply);
  }

  @LeadAction('won', CloseWonDto, 'CloseWon', 'sql → won')
  closeWon(
    @LeadIdParam() id: string,
    @Body() body: CloseWonDto,
    @CommandHeaders() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(toCloseWon, id, body, context, reply);
  }

  @LeadAction('lost', CloseLostDto, 'CloseLost', 'sql → nurture (recycled) or lost, with a reason')
  closeLost(
    @LeadIdParam() id: string,
    @Body() body: CloseLostDto,
    @CommandHeaders() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(toCloseLost, id, body, context, reply);
  }

  @LeadAction(
    'reopen',
    ReopenDealDto,
    'ReopenDeal',
    'lost (not recycled) → sql at the stage it was lost from',
  )
  reopenDeal(
    @LeadIdParam() id: string,
    @Body() body: ReopenDealDto,
    @CommandHeaders() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(toReopenDeal, id, body, context, reply);
  }

  @LeadAction('recycle', RecycleLeadDto, 'RecycleLead', 'lost → nurture with a revisit date')
  recycleLead(
    @LeadIdParam() id: string,
    @Body() body: RecycleLeadDto,
    @CommandHeaders() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(toRecycleLead, id, body, context, reply);
  }

  @LeadAction('reengage', ReengageLeadDto, 'ReengageLead', 'nurture → lead (or mql)')
  reengageLead(
    @LeadIdParam() id: string,
    @Body() body: ReengageLeadDto,
    @CommandHeaders() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(toReengageLead, id, body, context, reply);
  }

  @LeadAction('disqualify', DisqualifyLeadDto, 'DisqualifyLead', 'not a fit at all, with a reason')
  disqualifyLead(
    @LeadIdParam() id: string,
    @Body() body: DisqualifyLeadDto,
    @CommandHeaders() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(toDisqualifyLead, id, body, context, reply);
  }

  @LeadAction(
    'requalify',
    RequalifyLeadDto,
    'RequalifyLead',
    'undo a mistaken disqualification, with a note: disqualified → lead',
  )
  requalifyLead(
    @LeadIdParam() id: string,
    @Body() body: RequalifyLeadDto,
    @CommandHeaders() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(toRequalifyLead, id, body, context, reply);
  }

  @LeadAction(
    'erase',
    EraseLeadDto,
    'EraseLead',
    'forget the person: their personal data is destroyed; the events, counts and hash chain stay (retry-safe)',
  )
  async eraseLead(
    @LeadIdParam() id: string,
    @Body() body: EraseLeadDto,
    @CommandHeaders() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const answer = await this.run(toEraseLead, id, body, context, reply);
    // After the event, so that a crash in between leaves a retry to finish the job, never a lead whose
    // key is gone without a record of why.
    await this.identity.personalData.erase(id);
    return answer;
  }

  @LeadAction(
    'reassign',
    ReassignLeadDto,
    'ReassignLead',
    'hand the lead (or its pending handoff) to another owner',
  )
  reassignLead(
    @LeadIdParam() id: string,
    @Body() body: ReassignLeadDto,
    @CommandHeaders() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(toReassignLead, id, body, context, reply);
  }

  private run<Body extends CommandBody>(
    build: Build<Body>,
    leadId: string,
    body: Body,
    context: CommandContext,
    reply: FastifyReply,
  ) {
    return this.execute(build(leadId, body, this.fill(body)), body, context, reply);
  }

  private fill(body: CommandBody): CommandFill {
    return commandFill(this.config, new Date(), body.occurredAt);
  }

  /** Runs the command through the bus; the ETag is the new revision, for the next If-Match. */
  private async execute(
    command: LeadCommand,
    body: CommandBody,
    context: CommandContext,
    reply: FastifyReply,
  ): Promise<CommandAnswer> {
    const issued = { ...context, requestHash: requestHash(this.identity.keys.requestDigestKey, body) };
    const answer = commandAnswer(await this.commandBus.execute(new ExecuteLeadCommand(command, issued)));
    void reply.header('etag', `"${answer.revision}"`);
    return answer;
  }
}
