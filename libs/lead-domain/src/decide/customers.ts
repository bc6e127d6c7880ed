import type { LeadCommandOf } from '../commands';
import { accepted, invalid, notAllowed, occurred, type Decision } from '../decision';
import type { LeadState } from '../state';
import { customerNurturePrograms, expansionKinds } from '../vocabulary';
import { after, amount, oneOf, required, text } from './checks';

// After the sale: a won lead is a customer, whom sales sells more to and marketing keeps working.

/** An expansion (upsell, cross-sell, renewal) opens at prospecting; `won` means no opportunity is open. */
export function openOpportunity(command: LeadCommandOf<'OpenOpportunity'>, state: LeadState): Decision {
  if (state.stage !== 'won') return notAllowed(command, state);
  const { leadId, opportunityId, kind } = command.data;
  const owner = command.data.owner === undefined ? state.owner : text(command.data.owner);
  const refused = invalid(
    command,
    required('opportunityId', opportunityId),
    oneOf('kind', expansionKinds, kind),
    amount('amount', command.data.amount),
    [owner !== null, 'owner', 'must not be blank'],
  );
  if (refused) return refused;
  const data = { leadId, opportunityId, kind, amount: command.data.amount, owner: owner ?? state.owner };
  return accepted({ type: 'OpportunityOpened', data, metadata: occurred(command) });
}

/** A new schedule replaces the customer's current one in the customer-nurture queue. */
export function scheduleCustomerNurture(
  command: LeadCommandOf<'ScheduleCustomerNurture'>,
  state: LeadState,
): Decision {
  if (state.stage !== 'won') return notAllowed(command, state);
  const { leadId, program, revisitAt } = command.data;
  const refused = invalid(
    command,
    oneOf('program', customerNurturePrograms, program),
    required('revisitAt', revisitAt),
    after('revisitAt', revisitAt, command.metadata.occurredAt),
  );
  if (refused) return refused;
  const data = { leadId, program, revisitAt };
  return accepted({ type: 'CustomerNurtureScheduled', data, metadata: occurred(command) });
}
