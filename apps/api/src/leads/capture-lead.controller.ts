import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { stitchSuspect, type CommandContext } from '@leadger/lead-application';
import type { FastifyReply } from 'fastify';
import { CurrentCaller, type Caller } from '../auth/caller';
import { checkCaptureGrant } from './capture-grant';
import { CommandAnswer } from './command-answer';
import { CommandHeaders } from './command-headers';
import { CaptureLeadDto, toCaptureLead } from './commands/capture-lead.dto';
import { CommandHeadersDoc, CommandProblemsDoc, revisionETag } from './lead-action.decorator';
import { LeadCommandRunner } from './lead-command-runner';

const leadLocation = {
  ...revisionETag,
  Location: {
    description: 'The lead: `/leads/{leadId}`.',
    required: true,
    schema: { type: 'string', format: 'uri-reference' },
  },
};

/** CaptureLead: addressed by email, not by lead, so it has a route of its own beside the lead actions. */
@ApiTags('lead commands')
@Controller('leads')
export class CaptureLeadController {
  constructor(private readonly runner: LeadCommandRunner) {}

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
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandAnswer> {
    checkCaptureGrant(caller, body.origin ?? 'marketing', body.owner);
    const leadId = await this.runner.identity.directory.forCapture(body.email);
    const command = toCaptureLead(leadId, body, this.runner.fill(body));
    const captured = await this.runner.run(command, body, context, reply);
    const answer = await this.stitch(captured, body.anonymousId, command.metadata.occurredAt, context);
    void reply.header('etag', `"${answer.revision}"`);
    void reply
      .status(answer.events.includes('LeadCaptured') ? 201 : 200)
      .header('location', `/leads/${answer.leadId}`);
    return answer;
  }

  /**
   * A capture naming an anonymous visitor stitches it to the lead, once; run on every capture (a retry
   * too), so a stitch a crash left half done is finished by the next one.
   */
  private async stitch(
    answer: CommandAnswer,
    anonymousId: string | undefined,
    occurredAt: string,
    context: CommandContext,
  ): Promise<CommandAnswer> {
    if (anonymousId === undefined || answer.stage === 'disqualified') return answer;
    const cause = {
      actor: context.actor,
      command: 'CaptureLead',
      correlationId: context.correlationId,
    } as const;
    const { stitched } = await stitchSuspect(
      this.runner.suspectDeps,
      anonymousId,
      answer.leadId,
      occurredAt,
      cause,
    );
    if (!stitched) return answer;
    return {
      ...answer,
      revision: stitched.revision.toString(),
      position: stitched.position.toString(),
      events: [...answer.events, 'SuspectStitched'],
    };
  }
}
