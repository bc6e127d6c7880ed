import type { LeadCommandOf } from '@leadger/lead-domain';
import { Note, Timestamp } from '../../validation/fields';
import type { CommandFill } from '../command-fill';
import { CommandBody, command } from './command-body';
import { Reason } from './reason-field';

export class RecycleLeadDto extends CommandBody {
  @Reason('lost', {
    optional: true,
    example: 'pricing',
    description: 'Default: the reason the deal was lost.',
  })
  readonly reason?: string;
  @Note({ optional: true }) readonly note?: string;
  @Timestamp({
    optional: true,
    description:
      "When nurture should revisit; default by reason: the rules' nurture.revisitDays (GET /policies).",
  })
  readonly revisitAt?: string;
}

export function toRecycleLead(
  leadId: string,
  body: RecycleLeadDto,
  fill: CommandFill,
): LeadCommandOf<'RecycleLead'> {
  const revisitAt = fill.revisitAt(body.reason, body.revisitAt);
  const { reason, note } = body;
  return command('RecycleLead', { leadId, reason, note, revisitAt, reasons: fill.reasons.lost }, fill);
}
