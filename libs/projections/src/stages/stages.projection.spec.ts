import type { LeadEvent } from '@leadger/lead-domain';
import { cmd, extend, history } from '@leadger/lead-domain/testing';
import { project, spaced } from '../testing/given-events';
import type { StagesMemo } from './stages-keys';
import { stagesProjection } from './stages.projection';

const HOUR = 3_600_000;
const start = '2025-03-03T09:00:00.000Z';
const at = (step: number) => Date.parse(start) + step * HOUR;
const timeline = (events: readonly LeadEvent[]) => {
  const model = project(stagesProjection, spaced(events, start, HOUR));
  return Object.values(model.hashes['stages:leads']).map((value) => JSON.parse(value) as StagesMemo);
};

describe('stages projection', () => {
  it('given a capture › then the lead stays in lead from its capture, with its source', () => {
    const [lead] = timeline(history.lead());
    expect(lead).toEqual({
      source: 'webinar',
      campaign: null,
      origin: 'marketing',
      owner: null,
      pending: null,
      stays: [['lead', at(0), null, null]],
    });
  });

  it('given a handoff then an accept › then mql ends with the owner it was handed to, and sal is theirs', () => {
    const [lead] = timeline(history.sal());
    expect(lead.stays).toEqual([
      ['lead', at(0), at(1), null],
      ['mql', at(1), at(3), 'bob'],
      ['sal', at(3), null, 'bob'],
    ]);
  });

  it('given a pending handoff reassigned › then the mql stay is the new owner’s', () => {
    const [lead] = timeline(extend(history.mqlPending(), cmd.reassignLead()));
    expect(lead.stays.at(-1)).toEqual(['mql', at(1), null, 'carol']);
  });

  it('given a deal moved through the pipeline and won › then each opportunity stage is a stay of its own', () => {
    const [lead] = timeline(extend(history.sql(), cmd.changeOpportunityStage(), cmd.closeWon()));
    expect(lead.stays.slice(3).map(([stage]) => stage)).toEqual(['prospecting', 'evaluation', 'won']);
    expect(lead.stays.at(-2)).toEqual(['evaluation', at(5), at(6), 'bob']);
  });

  it('given a rejection and a re-engagement › then nurture is a stay and the lead starts over', () => {
    const [lead] = timeline(extend(history.nurture(), cmd.reengageLead()));
    expect(lead.stays.map(([stage]) => stage)).toEqual(['lead', 'mql', 'nurture', 'lead']);
    // Rejected, the handoff is no longer bob's: the lead has no owner, as GET /leads/{id} shows it.
    expect(lead.stays[1][3]).toBeNull();
  });

  it('given a deal lost and reopened › then it is back in the stage it was lost from', () => {
    const [lead] = timeline(extend(history.lost(), cmd.reopenDeal()));
    expect(lead.stays.map(([stage]) => stage).slice(-3)).toEqual(['prospecting', 'lost', 'prospecting']);
  });

  it('given an engagement or an erasure › then nothing moves', () => {
    expect(timeline(extend(history.mql(), cmd.recordEngagement(), cmd.eraseLead()))[0].stays).toHaveLength(2);
  });

  it('given a customer’s expansion lost › then the customer is back in won, not lost', () => {
    const [lead] = timeline(extend(history.expansion(), cmd.closeLost()));
    expect(lead.stays.map(([stage]) => stage).slice(-3)).toEqual(['won', 'prospecting', 'won']);
  });

  it('given a lead a rep found › then it starts at sal, theirs, with no time as a lead', () => {
    const [lead] = timeline(extend([], cmd.captureLead({ origin: 'sales', owner: 'dana' })));
    expect(lead.stays).toEqual([['sal', at(0), null, 'dana']]);
  });

  it('given a visitor stitched to the lead › then its time before the capture is a suspect stay', () => {
    const [captured] = history.lead();
    const firstTouchAt = '2025-03-01T09:00:00.000Z';
    const stitch = {
      type: 'SuspectStitched',
      data: {
        leadId: captured.data.leadId,
        anonymousId: 'a',
        engagements: 3,
        score: 9,
        firstTouchAt,
        source: 'ads',
        campaign: null,
      },
      metadata: captured.metadata,
    } as LeadEvent;
    const [lead] = timeline([captured, stitch, stitch]);
    expect(lead.stays).toEqual([
      ['suspect', Date.parse(firstTouchAt), at(0), null],
      ['lead', at(0), null, null],
    ]);
  });
});
