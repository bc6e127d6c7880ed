import { history, revisitAt, slaDueAt } from '@leadger/lead-domain/testing';
import { nextLook, reconcile, RETRY_MS } from './reconcile';
import { bookOf, hoursAfter, leadOf, owner, rulesOf } from './testing/policy-fixtures';

const now = new Date('2025-03-03T12:00:00.000Z');

describe('reconcile: what the policies do about a lead now', () => {
  it('takes one step at a time: a lead that qualifies becomes MQL, and is routed only when that event comes', () => {
    const rules = rulesOf({ mql: { rules: [{ name: 'any', minScore: 0 }] } });
    const book = bookOf({ alice: owner() });
    expect(reconcile(leadOf(history.lead()), rules, book, now)?.policy).toBe('auto-mql');
    expect(reconcile(leadOf(history.mql()), rules, book, now)?.policy).toBe('routing');
    expect(reconcile(leadOf(history.mqlPending()), rules, book, now)).toBeNull();
    expect(reconcile(leadOf(history.mqlPending()), rules, book, hoursAfter(slaDueAt, 1))?.policy).toBe(
      'sla-breach',
    );
  });
});

describe('nextLook: when a lead needs a look though nothing happens to it', () => {
  const rules = rulesOf({ nurture: { onDue: 'reengage-lead' } });

  it('is the pending handoff’s due time, or the revisit date when a due item re-engages', () => {
    expect(nextLook(leadOf(history.mqlPending()), rules, now)).toBe(Date.parse(slaDueAt));
    expect(nextLook(leadOf(history.nurture()), rules, now)).toBe(Date.parse(revisitAt));
  });

  it('is a retry when the time is already past (the lead could not move), never at once', () => {
    const later = hoursAfter(slaDueAt, 2);
    expect(nextLook(leadOf(history.mqlPending()), rules, later)).toBe(later.getTime() + RETRY_MS);
    expect(nextLook(leadOf(history.mql()), rules, now)).toBe(now.getTime() + RETRY_MS);
  });

  it('is never for a lead only its own events move', () => {
    expect(nextLook(leadOf(history.lead()), rules, now)).toBeNull();
    expect(nextLook(leadOf(history.sal()), rules, now)).toBeNull();
    expect(nextLook(leadOf(history.nurture()), rulesOf(), now)).toBeNull();
    const waiting = rulesOf({ sla: { maxReassignments: 0, then: 'wait' } });
    expect(nextLook(leadOf(history.mqlPending()), waiting, now)).toBeNull();
  });
});
