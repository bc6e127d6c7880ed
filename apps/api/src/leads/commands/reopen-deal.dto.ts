import type { LeadCommandOf } from '@leadger/lead-domain';
import type { CommandFill } from '../command-fill';
import { CommandBody, command } from './command-body';

export class ReopenDealDto extends CommandBody {}

export function toReopenDeal(
  leadId: string,
  _body: ReopenDealDto,
  fill: CommandFill,
): LeadCommandOf<'ReopenDeal'> {
  return command('ReopenDeal', { leadId }, fill);
}
