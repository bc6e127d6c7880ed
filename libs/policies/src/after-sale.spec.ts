import { at, cmd, extend, history, leadId } from '@leadger/lead-domain/testing';
import { afterSale } from './after-sale';
import { reconcile } from './reconcile';
import { bookOf, hoursAfter, leadOf, rulesOf } from './testing/policy-fixtures';

const onboarding = rulesOf({ customerNurture: { afterWin: { program: 'onboarding', days: 30 } } });
const now = hoursAfter(at, 1);

describe('after-sale policy', () => {
  it('given a new customer and `afterWin: onboarding, 30 days` › schedules onboarding 30 days on', () => {
    expect(afterSale(leadOf(history.won()), onboarding, now)).toEqual({
      policy: 'after-sale',
      rule: 'customerNurture.afterWin',
      command: {
        type: 'ScheduleCustomerNurture',
        data: { leadId, program: 'onboarding', revisitAt: hoursAfter(at, 1 + 30 * 24).toISOString() },
        metadata: { occurredAt: now.toISOString() },
      },
    });
  });

  it('given it is reached through reconcile › the same effect', () => {
    expect(reconcile(leadOf(history.won()), onboarding, bookOf({}), now)?.policy).toBe('after-sale');
  });

  it('given the default rules (afterWin null) › schedules nothing', () => {
    expect(afterSale(leadOf(history.won()), rulesOf(), now)).toBeNull();
  });

  it('given a customer already scheduled since the win › does nothing', () => {
    const events = extend(history.won(), cmd.scheduleCustomerNurture({ program: 'referral' }));
    expect(afterSale(leadOf(events), onboarding, now)).toBeNull();
  });

  it('given a customer whose expansion was lost after its schedule › does not schedule it again', () => {
    const events = extend(
      history.won(),
      cmd.scheduleCustomerNurture(),
      cmd.openOpportunity(),
      cmd.closeLost({ reason: 'pricing' }),
    );
    expect(afterSale(leadOf(events), onboarding, now)).toBeNull();
  });

  it('given a customer whose expansion was won after its schedule › schedules it anew', () => {
    const later = { occurredAt: '2025-04-01T00:00:00.000Z' };
    const events = extend(history.won(), cmd.scheduleCustomerNurture(), cmd.openOpportunity(), {
      ...cmd.closeWon(),
      metadata: later,
    });
    expect(afterSale(leadOf(events), onboarding, now)?.command).toMatchObject({
      data: { program: 'onboarding' },
      metadata: later,
    });
  });

  it('given a lead not won (an open expansion, a lost deal) › does nothing', () => {
    expect(afterSale(leadOf(history.expansion()), onboarding, now)).toBeNull();
    expect(afterSale(leadOf(history.lost()), onboarding, now)).toBeNull();
  });
});
