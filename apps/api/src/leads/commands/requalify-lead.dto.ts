import type { LeadCommandOf } from '@leadger/lead-domain';
import { Note } from '../../validation/fields';
import type { CommandFill } from '../command-fill';
import { CommandBody, command } from './command-body';

export class RequalifyLeadDto extends CommandBody {
  @Note({
    example: 'a real buyer, marked spam by mistake',
    description: 'Why the disqualification is undone.',
  })
  readonly note: string;
}

export function toRequalifyLead(
  leadId: string,
  body: RequalifyLeadDto,
  fill: CommandFill,
): LeadCommandOf<'RequalifyLead'> {
  return command('RequalifyLead', { leadId, note: body.note }, fill);
}
