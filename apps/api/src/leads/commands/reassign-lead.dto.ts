import type { LeadCommandOf } from '@leadger/lead-domain';
import { Text, Timestamp } from '../../validation/fields';
import type { CommandFill } from '../command-fill';
import { CommandBody, command } from './command-body';

export class ReassignLeadDto extends CommandBody {
  @Text({ example: 'carol', description: 'The new owner; must differ from the current one.' })
  readonly toOwner: string;
  @Text({
    optional: true,
    example: 'territory change',
    description: 'Why, shown in the handoff ledger; the SLA policy says `sla_breach`.',
  })
  readonly reason?: string;
  @Timestamp({
    optional: true,
    description:
      "A pending handoff only: the new owner's own SLA, after occurredAt. Default: the clock runs on.",
  })
  readonly slaDueAt?: string;
}

export function toReassignLead(
  leadId: string,
  body: ReassignLeadDto,
  fill: CommandFill,
): LeadCommandOf<'ReassignLead'> {
  const { toOwner, reason, slaDueAt } = body;
  return command('ReassignLead', { leadId, toOwner, reason, slaDueAt }, fill);
}
