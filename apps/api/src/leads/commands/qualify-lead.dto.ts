import type { LeadCommandOf } from '@leadger/lead-domain';
import { Amount, Note, Text } from '../../validation/fields';
import type { CommandFill } from '../command-fill';
import { CommandBody, command } from './command-body';

/** Budget, authority, need, timeline — and the deal amount the opportunity opens with. */
export class QualifyLeadDto extends CommandBody {
  @Amount({ example: 60000 }) readonly budget: number;
  @Text({ example: 'CFO signs' }) readonly authority: string;
  @Note({ example: 'pipeline visibility' }) readonly need: string;
  @Text({ example: 'Q3' }) readonly timeline: string;
  @Amount({ example: 50000 }) readonly amount: number;
}

export function toQualifyLead(
  leadId: string,
  body: QualifyLeadDto,
  fill: CommandFill,
): LeadCommandOf<'QualifyLead'> {
  const { budget, authority, need, timeline, amount } = body;
  const opportunityId = fill.opportunityId;
  return command('QualifyLead', { leadId, opportunityId, budget, authority, need, timeline, amount }, fill);
}
