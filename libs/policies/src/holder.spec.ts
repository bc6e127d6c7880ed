import { cmd, extend, history } from '@leadger/lead-domain/testing';
import type { LeadEvent } from '@leadger/lead-domain';
import { holderAfter } from './holder';

/** Who holds the lead after each of its events, folded the way the policies fold them. */
function holders(events: readonly LeadEvent[]): (string | null)[] {
  let holder: string | null = null;
  return events.map((event) => {
    const next = holderAfter(event, holder);
    if (next !== undefined) holder = next;
    return holder;
  });
}

describe('holderAfter: who holds a lead against their capacity', () => {
  it('is the owner of the open handoff, then of the SAL, until the lead is qualified into the pipeline', () => {
    expect(holders(history.sql())).toEqual([null, null, 'bob', 'bob', null]);
  });

  it('moves with a reassignment of a pending handoff or a SAL', () => {
    expect(holders(extend(history.mqlPending(), cmd.reassignLead())).at(-1)).toBe('carol');
    expect(holders(extend(history.sal(), cmd.reassignLead())).at(-1)).toBe('carol');
  });

  it('is nobody once the handoff is rejected or the lead disqualified, nor for a reassigned deal', () => {
    expect(holders(history.nurture()).at(-1)).toBeNull();
    expect(holders(extend(history.mqlPending(), cmd.disqualifyLead())).at(-1)).toBeNull();
    expect(holders(extend(history.sql(), cmd.reassignLead())).at(-1)).toBeNull();
  });
});
