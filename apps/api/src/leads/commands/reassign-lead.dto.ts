import type { LeadCommandOf } from '@leadger/lead-domain';
import { Text } from '../../validation/fields';
import type { CommandFill } from '../command-fill';
import { CommandBody, command } from './command-body';

export class ReassignLeadDto extends CommandBody {
  @Text({ example: 'carol', description: 'The new owner; must differ from the current one.' })
  readonly toOwner: string;
}

export function toReassignLead(
  leadId: string,
  body: ReassignLeadDto,
  fill: CommandFill,
): LeadCommandOf<'ReassignLead'> {
  return command('ReassignLead', { leadId, toOwner: body.toOwner }, fill);
}
