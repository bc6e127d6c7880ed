import type { LeadCommandOf } from '@leadger/lead-domain';
import { Note } from '../../validation/fields';
import type { CommandFill } from '../command-fill';
import { CommandBody, command } from './command-body';
import { Reason } from './reason-field';

export class DisqualifyLeadDto extends CommandBody {
  @Reason('disqualify', { example: 'spam' }) readonly reason: string;
  @Note({ optional: true, description: 'Required when the reason is other.' }) readonly note?: string;
}

export function toDisqualifyLead(
  leadId: string,
  body: DisqualifyLeadDto,
  fill: CommandFill,
): LeadCommandOf<'DisqualifyLead'> {
  const { reason, note } = body;
  return command('DisqualifyLead', { leadId, reason, note, reasons: fill.reasons.disqualify }, fill);
}
