import type { LeadCommandOf } from '@leadger/lead-domain';
import { Flag, Note, Text, Timestamp } from '../../validation/fields';
import type { CommandFill } from '../command-fill';
import { CommandBody, command } from './command-body';
import { Reason } from './reason-field';

export class CloseLostDto extends CommandBody {
  @Reason('lost', { example: 'pricing' }) readonly reason: string;
  @Text({ optional: true, description: 'Who won, when known.' }) readonly competitor?: string;
  @Note({ optional: true, description: 'Required when the reason is other.' }) readonly note?: string;
  @Flag({
    optional: true,
    description: 'Default true: recycle to nurture. false leaves the deal lost, to be reopened.',
  })
  readonly recycle?: boolean;
  @Timestamp({
    optional: true,
    description:
      "When nurture should revisit; default by reason: the rules' nurture.revisitDays (GET /policies).",
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
    {
      leadId,
      reason,
      competitor,
      note,
      recycle: body.recycle ?? true,
      revisitAt,
      reasons: fill.reasons.lost,
    },
    fill,
  );
}
