import type { LeadCommandOf } from '@leadger/lead-domain';
import { Note, OneOf } from '../../validation/fields';
import type { CommandFill } from '../command-fill';
import { CommandBody, command } from './command-body';

export class ReengageLeadDto extends CommandBody {
  @OneOf(['lead', 'mql'], { optional: true, description: 'Default lead.' }) readonly toStage?: 'lead' | 'mql';
  @Note({ optional: true }) readonly note?: string;
}

export function toReengageLead(
  leadId: string,
  body: ReengageLeadDto,
  fill: CommandFill,
): LeadCommandOf<'ReengageLead'> {
  return command('ReengageLead', { leadId, toStage: body.toStage ?? 'lead', note: body.note }, fill);
}
