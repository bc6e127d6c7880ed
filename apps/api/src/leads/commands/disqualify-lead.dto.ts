import { disqualifyReasons, type DisqualifyReason, type LeadCommandOf } from '@leadger/lead-domain';
import { Note, OneOf } from '../../validation/fields';
import type { CommandFill } from '../command-fill';
import { CommandBody, command } from './command-body';

export class DisqualifyLeadDto extends CommandBody {
  @OneOf(disqualifyReasons, { example: 'spam' }) readonly reason: DisqualifyReason;
  @Note({ optional: true, description: 'Required when the reason is other.' }) readonly note?: string;
}

export function toDisqualifyLead(
  leadId: string,
  body: DisqualifyLeadDto,
  fill: CommandFill,
): LeadCommandOf<'DisqualifyLead'> {
  return command('DisqualifyLead', { leadId, reason: body.reason, note: body.note }, fill);
}
