import { cmd, extend, history, leadId, slaDueAt } from '@leadger/lead-domain/testing';
import { slaBreach } from './sla-breach';
import { bookOf, hoursAfter, leadOf, owner, rulesOf } from './testing/policy-fixtures';

const rules = rulesOf();
const roster = { alice: owner(), bob: owner(), carol: owner() };
const late = hoursAfter(slaDueAt, 1);
const breached = (times: number) => {
  const owners = ['carol', 'alice', 'bob', 'carol'];
  const reassignments = owners
    .slice(0, times)
    .map((toOwner) =>
      cmd.reassignLead({ toOwner, reason: 'sla_breach', slaDueAt: '2025-03-10T00:00:00.000Z' }),
    );
  return extend(history.mqlPending(), ...reassignments);
};

describe('SLA breach policy', () => {
  it('given a pending handoff past its due time › reassigns it to the next eligible owner with a new SLA', () => {
    expect(slaBreach(leadOf(history.mqlPending()), rules, bookOf(roster), late)).toEqual({
      policy: 'sla-breach',
      rule: 'sla.maxReassignments',
      command: {
        type: 'ReassignLead',
        data: {
          leadId,
          toOwner: 'alice',
          reason: 'sla_breach',
          slaDueAt: hoursAfter(slaDueAt, 25).toISOString(),
        },
        metadata: { occurredAt: late.toISOString() },
      },
      rotated: { pool: 'everyone', owner: 'alice' },
    });
  });

  it('never gives the lead back to the owner who let it lapse', () => {
    const book = bookOf(roster, {}, { everyone: 'alice' });
    expect(slaBreach(leadOf(history.mqlPending()), rules, book, late)?.command).toMatchObject({
      data: { toOwner: 'carol' },
    });
  });

  it('given the handoff not yet due › does nothing', () => {
    expect(
      slaBreach(leadOf(history.mqlPending()), rules, bookOf(roster), hoursAfter(slaDueAt, -1)),
    ).toBeNull();
  });

  it('given it was reassigned as often as allowed › rejects it back to nurture, reason sla_breach', () => {
    const effect = slaBreach(
      leadOf(breached(2)),
      rules,
      bookOf(roster),
      new Date('2025-03-11T00:00:00.000Z'),
    );
    expect(effect).toMatchObject({
      rule: 'sla.then',
      command: {
        type: 'RejectLead',
        data: { leadId, reason: 'sla_breach', revisitAt: '2025-06-09T00:00:00.000Z' },
      },
    });
  });

  it('given `then: wait` › leaves it with sales', () => {
    const waiting = rulesOf({ sla: { then: 'wait' } });
    expect(
      slaBreach(leadOf(breached(2)), waiting, bookOf(roster), new Date('2025-03-11T00:00:00.000Z')),
    ).toBeNull();
  });

  it('given nobody else can take it › rejects it at once', () => {
    const alone = bookOf({ bob: owner(), alice: owner({ active: false }) });
    expect(slaBreach(leadOf(history.mqlPending()), rules, alone, late)?.command.type).toBe('RejectLead');
  });

  it('given no roster at all › only reports the breach (escalation works from the roster)', () => {
    expect(slaBreach(leadOf(history.mqlPending()), rules, bookOf({}), late)).toBeNull();
  });

  it('counts only the breaches since the latest handoff', () => {
    const again = extend(
      breached(2),
      cmd.rejectLead({ reason: 'bad_timing' }),
      cmd.reengageLead({ toStage: 'mql' }),
    );
    const handedAgain = extend(
      again,
      cmd.handOffLead({ toOwner: 'bob', slaDueAt: '2025-03-20T00:00:00.000Z' }),
    );
    expect(leadOf(handedAgain).slaBreaches).toBe(0);
  });
});
