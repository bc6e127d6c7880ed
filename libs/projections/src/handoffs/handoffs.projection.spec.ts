import { cmd, extend, history, leadId, slaDueAt } from '@leadger/lead-domain/testing';
import { doc, project, spaced } from '../testing/given-events';
import type { HandoffEntry } from './handoff-keys';
import { handoffsProjection } from './handoffs.projection';

const HOUR = 3_600_000;
const start = '2025-03-03T09:00:00.000Z';
const owner = (name: string, metric: string) => JSON.stringify([name, metric]);
const entry = (model: ReturnType<typeof project>, id: string) =>
  doc<HandoffEntry>(model, 'handoffs:entries', id);

describe('handoffs projection', () => {
  it('given a handoff › then a pending entry runs against its SLA for the new owner', () => {
    const model = project(handoffsProjection, history.mqlPending());
    expect(entry(model, '3')).toEqual({
      id: '3',
      leadId,
      source: 'webinar',
      kind: 'handoff',
      from: null,
      to: 'bob',
      at: '2025-03-03T09:00:00.000Z',
      slaDueAt,
      decision: 'pending',
      decidedAt: null,
      reason: null,
      timeToDecisionMs: null,
      breachedAtClose: false,
    });
    expect(model.zsets['handoffs:pending-due']).toEqual({ '3': Date.parse(slaDueAt) });
    expect(model.hashes['handoffs:owners']).toEqual({
      [owner('bob', 'entries')]: '1',
      [owner('bob', 'pending')]: '1',
    });
  });

  it('given a handoff accepted an hour later › then it is decided with its time to decision', () => {
    const model = project(handoffsProjection, spaced(history.sal(), start, HOUR));
    expect(entry(model, '3')).toMatchObject({
      decision: 'accepted',
      timeToDecisionMs: HOUR,
      breachedAtClose: false,
    });
    expect(model.zsets['handoffs:decision-ms:bob']).toEqual({ '3': HOUR });
    expect(model.hashes['handoffs:sources']).toEqual({ [JSON.stringify(['webinar', 'accepted'])]: '1' });
    expect(model.zsets['handoffs:by-decision:pending']).toEqual({});
  });

  it('given a handoff rejected two days later › then the SLA was breached when it closed', () => {
    const model = project(handoffsProjection, spaced(history.nurture(), start, 24 * HOUR));
    expect(entry(model, '3')).toMatchObject({
      decision: 'rejected',
      reason: 'bad_timing',
      breachedAtClose: true,
    });
    expect(model.hashes['handoffs:owners'][owner('bob', 'breaches')]).toBe('1');
    expect(model.hashes['handoffs:rejection-reasons']).toEqual({
      [JSON.stringify(['webinar', 'bad_timing'])]: '1',
    });
  });

  it('given a pending handoff reassigned › then it closes as reassigned and the new owner inherits the SLA', () => {
    const model = project(
      handoffsProjection,
      extend(history.mqlPending(), cmd.reassignLead({ toOwner: 'carol' })),
    );
    expect(entry(model, '3')).toMatchObject({ decision: 'reassigned', to: 'bob' });
    expect(entry(model, '4')).toMatchObject({
      kind: 'reassignment',
      from: 'bob',
      to: 'carol',
      slaDueAt,
      decision: 'pending',
    });
    expect(model.hashes['handoffs:owners'][owner('bob', 'reassigned')]).toBe('1');
  });

  it('given a breached handoff reassigned by the SLA policy › then the breach and its reason close the entry, and the new owner runs on a new SLA', () => {
    const newSla = '2025-03-10T09:00:00.000Z';
    const breach = cmd.reassignLead({ toOwner: 'carol', reason: 'sla_breach', slaDueAt: newSla });
    const model = project(handoffsProjection, spaced(extend(history.mqlPending(), breach), start, 24 * HOUR));
    expect(entry(model, '3')).toMatchObject({
      decision: 'reassigned',
      reason: 'sla_breach',
      breachedAtClose: true,
    });
    expect(entry(model, '4')).toMatchObject({
      to: 'carol',
      slaDueAt: newSla,
      decision: 'pending',
      reason: null,
    });
    expect(model.zsets['handoffs:pending-due']).toEqual({ '4': Date.parse(newSla) });
    expect(model.hashes['handoffs:owners'][owner('bob', 'breaches')]).toBe('1');
  });

  it('given an accepted lead reassigned to another owner › then the entry is settled at once, with no SLA', () => {
    const model = project(handoffsProjection, extend(history.sal(), cmd.reassignLead({ toOwner: 'carol' })));
    expect(entry(model, '5')).toMatchObject({
      kind: 'reassignment',
      to: 'carol',
      slaDueAt: null,
      decision: 'reassigned',
    });
  });
});
