import { lostReasons, type LeadCommandOf, type LostReason } from '@leadger/lead-domain';
import { Flag, Note, OneOf, Text, Timestamp } from '../../validation/fields';
import type { CommandFill } from '../command-fill';
import { CommandBody, command } from './command-body';

export class CloseLostDto extends CommandBody {
  @OneOf(lostReasons, { example: 'pricing' }) readonly reason: LostReason;
  @Text({ optional: true, description: 'Who won, when known.' }) readonly competitor?: string;
  @Note({ optional: true, description: 'Required when the reason is other.' }) readonly note?: string;
  @Flag({
    optional: true,
    description: 'Default true: recycle to nurture. false leaves the deal lost, to be reopened.',
  })
  readonly recycle?: boolean;
  @Timestamp({
    optional: true,
    description: 'When nurture should revisit; default by reason (LEADGER_REVISIT_DAYS).',
  })
  readonly revisitAt?: string;
}

export function toCloseLost(
  leadId: string,
  body: CloseLostDto,
  fill: CommandFill,
): LeadCommandOf<'CloseLost'> {
  const { reason, competitor, note } = body;
  const revisitAt = fill.revisitAt(reason, body.revisitAt);
  return command(
    'CloseLost',
    { leadId, reason, competitor, note, recycle: body.recycle ?? true, revisitAt },
    fill,
  );
}
