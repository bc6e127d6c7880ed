import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  handleCommand,
  type CommandContext,
  type CommandHandlerDeps,
  type CommandOutcome,
} from '@leadger/lead-application';
import type { LeadCommand } from '@leadger/lead-domain';

export const COMMAND_HANDLER_DEPS = Symbol('COMMAND_HANDLER_DEPS');

/** Any lead command with who sent it; one handler serves them all through the application layer. */
export class ExecuteLeadCommand extends Command<CommandOutcome> {
  constructor(
    readonly command: LeadCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ExecuteLeadCommand)
export class ExecuteLeadCommandHandler implements ICommandHandler<ExecuteLeadCommand, CommandOutcome> {
  constructor(@Inject(COMMAND_HANDLER_DEPS) private readonly deps: CommandHandlerDeps) {}

  execute({ command, context }: ExecuteLeadCommand): Promise<CommandOutcome> {
    return handleCommand(this.deps, command, context);
  }
}
