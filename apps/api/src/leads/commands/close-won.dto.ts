import type { LeadCommandOf } from '@leadger/lead-domain';
import { Amount } from '../../validation/fields';
import type { CommandFill } from '../command-fill';
import { CommandBody, command } from './command-body';

export class CloseWonDto extends CommandBody {
  @Amount({ optional: true, description: "The final amount; default the opportunity's." })
  readonly amount?: number;
}

export function toCloseWon(leadId: string, body: CloseWonDto, fill: CommandFill): LeadCommandOf<'CloseWon'> {
  return command('CloseWon', { leadId, amount: body.amount }, fill);
}
