import { history, leadId, revisitAt } from '@leadger/lead-domain/testing';
import { nurtureDue } from './nurture-due';
import { hoursAfter, leadOf, rulesOf } from './testing/policy-fixtures';

const due = hoursAfter(revisitAt, 1);

describe('nurture due policy', () => {
  it('given `onDue: reengage-mql` and the revisit date come › re-engages the lead straight to mql', () => {
    expect(
      nurtureDue(leadOf(history.nurture()), rulesOf({ nurture: { onDue: 'reengage-mql' } }), due),
    ).toEqual({
      policy: 'nurture-due',
      rule: 'nurture.onDue',
      command: {
        type: 'ReengageLead',
        data: { leadId, toStage: 'mql' },
        metadata: { occurredAt: due.toISOString() },
      },
    });
  });

  it('given `onDue: reengage-lead` › re-engages it as a lead', () => {
    const effect = nurtureDue(
      leadOf(history.nurture()),
      rulesOf({ nurture: { onDue: 'reengage-lead' } }),
      due,
    );
    expect(effect?.command).toMatchObject({ data: { toStage: 'lead' } });
  });

  it('given the revisit date not yet come › does nothing', () => {
    const rules = rulesOf({ nurture: { onDue: 'reengage-lead' } });
    expect(nurtureDue(leadOf(history.nurture()), rules, hoursAfter(revisitAt, -1))).toBeNull();
  });

  it('given `onDue: claim` (the default) › leaves the item for a consumer to claim', () => {
    expect(nurtureDue(leadOf(history.nurture()), rulesOf(), due)).toBeNull();
  });
});
