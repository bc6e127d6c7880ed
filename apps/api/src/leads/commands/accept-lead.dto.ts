import type { LeadCommandOf } from '@leadger/lead-domain';
import type { CommandFill } from '../command-fill';
import { CommandBody, command } from './command-body';

export class AcceptLeadDto extends CommandBody {}

export function toAcceptLead(
  leadId: string,
  _body: AcceptLeadDto,
  fill: CommandFill,
): LeadCommandOf<'AcceptLead'> {
  return command('AcceptLead', { leadId }, fill);
}
