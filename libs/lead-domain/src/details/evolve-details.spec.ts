import type { LeadEvent } from '../events';
import { foldDetails } from '../testing/given-when-then';
import { at, history, leadId } from '../testing/lead-fixtures';
import { evolveDetails } from './evolve-details';

describe('evolveDetails', () => {
  it('shows the profile the capture recorded, and the score engagements add up to', () => {
    expect(foldDetails(history.lead())).toMatchObject({
      leadId,
      email: 'ann@example.com',
      firstName: 'Ann',
      source: 'webinar',
      score: 0,
      capturedAt: at,
      stageEnteredAt: { lead: at },
    });
  });

  it('shows the facts of the stage: the pending handoff, the open deal and its qualification', () => {
    expect(foldDetails(history.mqlPending())).toMatchObject({
      stage: 'mql',
      pendingHandoff: { toOwner: 'bob', handedOffAt: at },
    });
    expect(foldDetails(history.sql())).toMatchObject({
      stage: 'sql',
      opportunity: { stage: 'prospecting', amount: 50000, bant: { authority: 'CFO' } },
    });
  });

  it('keeps the latest entry time of a stage entered twice', () => {
    const later = '2025-09-01T00:00:00.000Z';
    const back = history.nurture().map((event) => ({ ...event, metadata: { occurredAt: later } }));
    const details = foldDetails([...history.mql(), ...back.slice(history.mql().length)]);
    const reengaged = evolveDetails(details, {
      type: 'LeadReengaged',
      data: { leadId, toStage: 'mql', note: null },
      metadata: { occurredAt: '2025-10-01T00:00:00.000Z' },
    } as LeadEvent);
    expect(reengaged).toMatchObject({
      stage: 'mql',
      stageEnteredAt: { lead: at, mql: '2025-10-01T00:00:00.000Z', nurture: later },
    });
  });
});
