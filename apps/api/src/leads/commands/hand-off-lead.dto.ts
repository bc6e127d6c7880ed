import type { LeadCommandOf } from '@leadger/lead-domain';
import { Text, Timestamp } from '../../validation/fields';
import type { CommandFill } from '../command-fill';
import { CommandBody, command } from './command-body';

export class HandOffLeadDto extends CommandBody {
  @Text({ example: 'bob', description: 'The sales owner who must accept or reject.' })
  readonly toOwner: string;
  @Timestamp({
    optional: true,
    description: "Default: occurredAt plus the rules' sla.hours (GET /policies).",
  })
  readonly slaDueAt?: string;
}

export function toHandOffLead(
  leadId: string,
  body: HandOffLeadDto,
  fill: CommandFill,
): LeadCommandOf<'HandOffLead'> {
  return command(
    'HandOffLead',
    { leadId, toOwner: body.toOwner, slaDueAt: fill.slaDueAt(body.slaDueAt) },
    fill,
  );
}
