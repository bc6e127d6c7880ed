import { rejectReasons, type LeadCommandOf, type RejectReason } from '@leadger/lead-domain';
import { Note, OneOf, Timestamp } from '../../validation/fields';
import type { CommandFill } from '../command-fill';
import { CommandBody, command } from './command-body';

export class RejectLeadDto extends CommandBody {
  @OneOf(rejectReasons, { example: 'bad_timing' }) readonly reason: RejectReason;
  @Note({ optional: true, description: 'Required when the reason is other.' }) readonly note?: string;
  @Timestamp({
    optional: true,
    description: 'When nurture should revisit; default by reason (LEADGER_REVISIT_DAYS).',
  })
  readonly revisitAt?: string;
}

export function toRejectLead(
  leadId: string,
  body: RejectLeadDto,
  fill: CommandFill,
): LeadCommandOf<'RejectLead'> {
  const revisitAt = fill.revisitAt(body.reason, body.revisitAt);
  return command('RejectLead', { leadId, reason: body.reason, note: body.note, revisitAt }, fill);
}
