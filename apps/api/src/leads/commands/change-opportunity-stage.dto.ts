import { opportunityStages, type LeadCommandOf, type OpportunityStage } from '@leadger/lead-domain';
import { Amount, OneOf } from '../../validation/fields';
import type { CommandFill } from '../command-fill';
import { CommandBody, command } from './command-body';

export class ChangeOpportunityStageDto extends CommandBody {
  @OneOf(opportunityStages, { example: 'evaluation' }) readonly stage: OpportunityStage;
  @Amount({ optional: true, description: 'A new deal amount; default unchanged.' }) readonly amount?: number;
}

export function toChangeOpportunityStage(
  leadId: string,
  body: ChangeOpportunityStageDto,
  fill: CommandFill,
): LeadCommandOf<'ChangeOpportunityStage'> {
  return command('ChangeOpportunityStage', { leadId, stage: body.stage, amount: body.amount }, fill);
}
