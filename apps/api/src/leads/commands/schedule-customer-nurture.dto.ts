import {
  customerNurturePrograms,
  type CustomerNurtureProgram,
  type LeadCommandOf,
} from '@leadger/lead-domain';
import { OneOf, Timestamp } from '../../validation/fields';
import type { CommandFill } from '../command-fill';
import { CommandBody, command } from './command-body';

export class ScheduleCustomerNurtureDto extends CommandBody {
  @OneOf(customerNurturePrograms, { example: 'referral' }) readonly program: CustomerNurtureProgram;
  @Timestamp({ description: 'When the customer is due in the customer-nurture queue.' })
  readonly revisitAt: string;
}

export function toScheduleCustomerNurture(
  leadId: string,
  body: ScheduleCustomerNurtureDto,
  fill: CommandFill,
): LeadCommandOf<'ScheduleCustomerNurture'> {
  const revisitAt = new Date(body.revisitAt).toISOString();
  return command('ScheduleCustomerNurture', { leadId, program: body.program, revisitAt }, fill);
}
