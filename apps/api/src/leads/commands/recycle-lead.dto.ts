import { lostReasons, type LeadCommandOf, type LostReason } from '@leadger/lead-domain';
import { Note, OneOf, Timestamp } from '../../validation/fields';
import type { CommandFill } from '../command-fill';
import { CommandBody, command } from './command-body';

export class RecycleLeadDto extends CommandBody {
  @OneOf(lostReasons, { optional: true, description: 'Default: the reason the deal was lost.' })
  readonly reason?: LostReason;
  @Note({ optional: true }) readonly note?: string;
  @Timestamp({
    optional: true,
    description: 'When nurture should revisit; default by reason (LEADGER_REVISIT_DAYS).',
  })
  readonly revisitAt?: string;
}

export function toRecycleLead(
  leadId: string,
  body: RecycleLeadDto,
  fill: CommandFill,
): LeadCommandOf<'RecycleLead'> {
  const revisitAt = fill.revisitAt(body.reason, body.revisitAt);
  return command('RecycleLead', { leadId, reason: body.reason, note: body.note, revisitAt }, fill);
}
