import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  setOwner,
  type CommandHandlerDeps,
  type OwnerCommandContext,
  type OwnerOutcome,
} from '@leadger/lead-application';
import type { OwnerCommand } from '@leadger/lead-domain';
import { COMMAND_HANDLER_DEPS } from '../leads/execute-lead-command';

/** SetOwner with who sent it, through the application layer on the lead commands' own path (store, clock). */
export class ExecuteSetOwner extends Command<OwnerOutcome> {
  constructor(
    readonly command: OwnerCommand,
    readonly context: OwnerCommandContext,
  ) {
    super();
  }
}

@CommandHandler(ExecuteSetOwner)
export class ExecuteSetOwnerHandler implements ICommandHandler<ExecuteSetOwner, OwnerOutcome> {
  constructor(@Inject(COMMAND_HANDLER_DEPS) private readonly deps: CommandHandlerDeps) {}

  execute({ command, context }: ExecuteSetOwner): Promise<OwnerOutcome> {
    return setOwner(this.deps, command, context);
  }
}
