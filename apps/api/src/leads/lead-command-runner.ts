import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type {
  CommandContext,
  CommandHandlerDeps,
  LeadDirectory,
  LeadIdentity,
} from '@leadger/lead-application';
import type { LeadCommand } from '@leadger/lead-domain';
import type { PoliciesHandle } from '@leadger/policy-runtime';
import type { FastifyReply } from 'fastify';
import { LEAD_IDENTITY } from '../auth/identity.module';
import { CLOCK, type Clock } from '../clock';
import { POLICIES } from '../policies/policies.token';
import { commandAnswer, type CommandAnswer } from './command-answer';
import { commandFill, type CommandFill } from './command-fill';
import { requestHash, type CommandBody } from './commands/command-body';
import { COMMAND_HANDLER_DEPS, ExecuteLeadCommand } from './execute-lead-command';

/**
 * What every command route does once its body is valid, as Emmett's web API does before one generic
 * handler: the times and policy dates the client left out (from the rules in force), then the command through the bus, the answer
 * with its ETag (the new revision, for the next If-Match).
 */
@Injectable()
export class LeadCommandRunner {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(POLICIES) private readonly policies: PoliciesHandle,
    @Inject(LEAD_IDENTITY) readonly identity: LeadIdentity,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(COMMAND_HANDLER_DEPS) readonly deps: CommandHandlerDeps,
  ) {}

  /** What the suspect paths need: the command path's, and the directory naming suspect streams. */
  get suspectDeps(): CommandHandlerDeps & { readonly directory: LeadDirectory } {
    return { ...this.deps, directory: this.identity.directory };
  }

  /** The business time, policy dates and reason sets of a command sent now with this body. */
  fill(body: CommandBody): CommandFill {
    return commandFill(this.policies.loaded.rules, this.clock(), body.occurredAt);
  }

  async run(
    command: LeadCommand,
    body: CommandBody,
    context: CommandContext,
    reply: FastifyReply,
  ): Promise<CommandAnswer> {
    const issued = {
      ...context,
      requestHash: requestHash(this.identity.keys.requestDigestKey, body),
      stampedNow: body.occurredAt === undefined,
    };
    const answer = commandAnswer(await this.commandBus.execute(new ExecuteLeadCommand(command, issued)));
    void reply.header('etag', `"${answer.revision}"`);
    return answer;
  }
}
