import { expansionKinds, type ExpansionKind, type LeadCommandOf } from '@leadger/lead-domain';
import { Amount, OneOf, Text } from '../../validation/fields';
import type { CommandFill } from '../command-fill';
import { CommandBody, command } from './command-body';

/** An expansion on a customer; its opportunityId is in the lead's history and `GET /leads/{leadId}`. */
export class OpenOpportunityDto extends CommandBody {
  @OneOf(expansionKinds, { example: 'upsell' }) readonly kind: ExpansionKind;
  @Amount({ example: 20000 }) readonly amount: number;
  @Text({ optional: true, example: 'bob', description: "The sales owner; default the customer's owner." })
  readonly owner?: string;
}

export function toOpenOpportunity(
  leadId: string,
  body: OpenOpportunityDto,
  fill: CommandFill,
): LeadCommandOf<'OpenOpportunity'> {
  const { kind, amount, owner } = body;
  return command('OpenOpportunity', { leadId, opportunityId: fill.opportunityId, kind, amount, owner }, fill);
}
