import type { LeadCommandOf } from '@leadger/lead-domain';
import { Note, Timestamp } from '../../validation/fields';
import type { CommandFill } from '../command-fill';
import { CommandBody, command } from './command-body';
import { Reason } from './reason-field';

export class RejectLeadDto extends CommandBody {
  @Reason('reject', { example: 'bad_timing' }) readonly reason: string;
  @Note({ optional: true, description: 'Required when the reason is other.' }) readonly note?: string;
  @Timestamp({
    optional: true,
    description:
      "When nurture should revisit; default by reason: the rules' nurture.revisitDays (GET /policies).",
  })
  readonly revisitAt?: string;
}

export function toRejectLead(
  leadId: string,
  body: RejectLeadDto,
  fill: CommandFill,
): LeadCommandOf<'RejectLead'> {
  const revisitAt = fill.revisitAt(body.reason, body.revisitAt);
  const { reason, note } = body;
  return command('RejectLead', { leadId, reason, note, revisitAt, reasons: fill.reasons.reject }, fill);
}
