import type { LeadCommandOf } from '@leadger/lead-domain';
import { Integer, Text } from '../../validation/fields';
import type { CommandFill } from '../command-fill';
import { CommandBody, command } from './command-body';

export class MarkMarketingQualifiedDto extends CommandBody {
  @Integer(0, 1000, { example: 72, description: 'The lead score at qualification.' }) readonly score: number;
  @Text({ example: 'score over 70' }) readonly reason: string;
}

export function toMarkMarketingQualified(
  leadId: string,
  body: MarkMarketingQualifiedDto,
  fill: CommandFill,
): LeadCommandOf<'MarkMarketingQualified'> {
  return command('MarkMarketingQualified', { leadId, score: body.score, reason: body.reason }, fill);
}
