import type { LeadCommandOf } from '@leadger/lead-domain';
import type { CommandFill } from '../command-fill';
import { CommandBody, command } from './command-body';

/** Nothing to say beyond the lead: the person asked to be forgotten. */
export class EraseLeadDto extends CommandBody {}

export function toEraseLead(
  leadId: string,
  _body: EraseLeadDto,
  fill: CommandFill,
): LeadCommandOf<'EraseLead'> {
  return command('EraseLead', { leadId }, fill);
}
