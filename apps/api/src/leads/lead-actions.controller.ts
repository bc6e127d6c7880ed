import { Body, Controller, Res, type Type } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@leadger/lead-application';
import type { FastifyReply } from 'fastify';
import { CommandHeaders } from './command-headers';
import type { CommandAnswer } from './command-answer';
import type { CommandBody } from './commands/command-body';
import { LeadAction } from './lead-action.decorator';
import { leadActions, type LeadAction as Action, type LeadActionType } from './lead-actions';
import { LeadCommandRunner } from './lead-command-runner';
import { LeadIdParam } from './lead-id.param';

/** Every lead command but capture: one route each, made from its row of `leadActions`. */
@ApiTags('lead commands')
@Controller('leads')
export class LeadActionsController {
  constructor(readonly runner: LeadCommandRunner) {}

  async act(
    action: Action,
    leadId: string,
    body: CommandBody,
    context: CommandContext,
    reply: FastifyReply,
  ): Promise<CommandAnswer> {
    const answer = await this.runner.run(
      action.build(leadId, body, this.runner.fill(body)),
      body,
      context,
      reply,
    );
    await action.after?.(leadId, this.runner.identity, this.runner.deps.store);
    return answer;
  }
}

/**
 * A method per row, named as its command, with the decorators a hand-written one would carry: the route
 * and its documentation, the lead id, the body (its DTO class, for the validation pipe), the headers.
 */
function addRoute(controller: Type<LeadActionsController>, type: LeadActionType, action: Action): void {
  const proto = controller.prototype as unknown as Record<string, unknown>;
  Object.defineProperty(proto, type, {
    value: function (
      this: LeadActionsController,
      leadId: string,
      body: CommandBody,
      context: CommandContext,
      reply: FastifyReply,
    ) {
      return this.act(action, leadId, body, context, reply);
    },
    writable: true,
    configurable: true,
  });
  Reflect.defineMetadata('design:paramtypes', [String, action.body, Object, Object], proto, type);
  LeadIdParam()(proto, type, 0);
  Body()(proto, type, 1);
  CommandHeaders()(proto, type, 2);
  Res({ passthrough: true })(proto, type, 3);
  const descriptor = Object.getOwnPropertyDescriptor(proto, type) as PropertyDescriptor;
  LeadAction(action.route, action.body, type, action.summary)(proto, type, descriptor);
}

for (const [type, action] of Object.entries(leadActions) as [LeadActionType, Action][])
  addRoute(LeadActionsController, type, action);
