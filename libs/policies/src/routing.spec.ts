import { cmd, extend, history, leadId } from '@leadger/lead-domain/testing';
import { route } from './routing';
import { bookOf, leadOf, owner, rulesOf } from './testing/policy-fixtures';

const now = new Date('2025-03-05T10:00:00.000Z');
const rules = rulesOf();
const roster = { carol: owner(), alice: owner(), bob: owner() };

describe('routing policy', () => {
  it('given an MQL with no owner › hands it off to the first owner of the rotation, with the SLA from now', () => {
    expect(route(leadOf(history.mql()), rules, bookOf(roster), now)).toEqual({
      policy: 'routing',
      rule: 'routing',
      command: {
        type: 'HandOffLead',
        data: { leadId, toOwner: 'alice', slaDueAt: '2025-03-06T10:00:00.000Z' },
        metadata: { occurredAt: now.toISOString() },
      },
      rotated: { pool: 'everyone', owner: 'alice' },
    });
  });

  it('given the rotation served bob last › gives the next lead to carol, then wraps to alice', () => {
    const toOwner = (last: string) =>
      route(leadOf(history.mql()), rules, bookOf(roster, {}, { everyone: last }), now)?.rotated?.owner;
    expect(toOwner('bob')).toBe('carol');
    expect(toOwner('carol')).toBe('alice');
  });

  it('skips owners on leave, at capacity, or outside the source’s teams', () => {
    const book = bookOf(
      {
        alice: owner({ active: false }),
        bob: owner({ capacity: 2 }),
        carol: owner({ teams: ['enterprise'] }),
        dave: owner({ teams: ['enterprise', 'sdr'] }),
      },
      { bob: 2 },
    );
    const sdr = rulesOf({ routing: { teams: ['sdr'] } });
    const bySource = rulesOf({ routing: { teams: ['sdr'], bySource: { webinar: ['enterprise'] } } });
    expect(route(leadOf(history.mql()), rules, book, now)?.rotated?.owner).toBe('carol');
    expect(route(leadOf(history.mql()), sdr, book, now)).toMatchObject({
      rule: 'routing.teams',
      rotated: { pool: 'teams:sdr', owner: 'dave' },
    });
    expect(route(leadOf(history.mql()), bySource, book, now)).toMatchObject({
      rule: 'routing.bySource.webinar',
      rotated: { pool: 'teams:enterprise', owner: 'carol' },
    });
  });

  it('given nobody eligible › leaves the lead for the next look', () => {
    expect(route(leadOf(history.mql()), rules, bookOf({ alice: owner({ active: false }) }), now)).toBeNull();
    expect(route(leadOf(history.mql()), rules, bookOf({}), now)).toBeNull();
  });

  it('given a re-engaged MQL whose owner can take it › gives it back to them, out of the rotation', () => {
    const returning = extend(history.nurtureFromLost(), cmd.reengageLead({ toStage: 'mql' }));
    const effect = route(leadOf(returning), rules, bookOf(roster), now);
    expect(effect?.command).toMatchObject({ data: { toOwner: 'bob' } });
    expect(effect?.rotated).toBeUndefined();
  });

  it('given that owner now on leave › routes it round-robin', () => {
    const returning = extend(history.nurtureFromLost(), cmd.reengageLead({ toStage: 'mql' }));
    const book = bookOf({ ...roster, bob: owner({ active: false }) });
    expect(route(leadOf(returning), rules, book, now)?.command).toMatchObject({ data: { toOwner: 'alice' } });
  });

  it('gives a segment its own SLA hours', () => {
    const segmented = rulesOf({ sla: { segments: [{ name: 'events', sources: ['webinar'], hours: 4 }] } });
    expect(route(leadOf(history.mql()), segmented, bookOf(roster), now)?.command).toMatchObject({
      data: { slaDueAt: '2025-03-05T14:00:00.000Z' },
    });
  });

  it('given a handoff pending, a lead not yet MQL, or routing turned off › does nothing', () => {
    expect(route(leadOf(history.mqlPending()), rules, bookOf(roster), now)).toBeNull();
    expect(route(leadOf(history.lead()), rules, bookOf(roster), now)).toBeNull();
    const off = rulesOf({ routing: { enabled: false } });
    expect(route(leadOf(history.mql()), off, bookOf(roster), now)).toBeNull();
  });
});
