import { cmd, extend, history, leadId } from '@leadger/lead-domain/testing';
import { doc, project } from '../testing/given-events';
import { leadIndexProjection } from './lead-index.projection';
import { itemOf, type LeadIndexMemo } from './lead-index-keys';

const capturedAt = Date.parse('2025-03-03T09:00:00.000Z');
const itemAfter = (events: Parameters<typeof project>[1]) => {
  const memo = doc<LeadIndexMemo>(project(leadIndexProjection, events), 'lead-index:leads', leadId);
  return memo && itemOf(leadId, memo);
};

describe('lead index projection', () => {
  it('given a captured lead › then it is indexed by capture time, stage and source, with no owner', () => {
    const model = project(leadIndexProjection, history.lead());
    expect(model.zsets).toEqual({
      'lead-index:captured': { [leadId]: capturedAt },
      'lead-index:stage:lead': { [leadId]: capturedAt },
      'lead-index:source:webinar': { [leadId]: capturedAt },
    });
    expect(itemAfter(history.lead())).toEqual({
      leadId,
      stage: 'lead',
      opportunityStage: null,
      owner: null,
      source: 'webinar',
      campaign: null,
      capturedAt: '2025-03-03T09:00:00.000Z',
      lastEventAt: '2025-03-03T09:00:00.000Z',
      score: 0,
      erased: false,
      revision: '0',
    });
  });

  it('given a pending handoff › then the lead is the new owner’s, still in mql', () => {
    const model = project(leadIndexProjection, history.mqlPending());
    expect(model.zsets['lead-index:owner:bob']).toEqual({ [leadId]: capturedAt });
    expect(model.zsets['lead-index:stage:mql']).toEqual({ [leadId]: capturedAt });
    expect(model.zsets['lead-index:stage:lead']).toEqual({});
    expect(itemAfter(history.mqlPending())).toMatchObject({ owner: 'bob', stage: 'mql', revision: '2' });
  });

  it('given a reassigned sql lead › then it moves to the new owner’s set, with its opportunity stage', () => {
    const events = extend(history.sql(), cmd.reassignLead(), cmd.changeOpportunityStage());
    const model = project(leadIndexProjection, events);
    expect(model.zsets['lead-index:owner:bob']).toEqual({});
    expect(model.zsets['lead-index:owner:carol']).toEqual({ [leadId]: capturedAt });
    expect(itemAfter(events)).toMatchObject({ owner: 'carol', stage: 'sql', opportunityStage: 'evaluation' });
  });

  it('given engagements before and after the MQL decision › then the score is the decision’s plus the later ones', () => {
    const events = extend(
      history.lead(),
      cmd.recordEngagement({ scoreDelta: 5 }),
      cmd.markMarketingQualified({ score: 72 }),
      cmd.recordEngagement({ scoreDelta: 3 }),
    );
    expect(itemAfter(events)).toMatchObject({ score: 75, revision: '3' });
  });

  it('given an erased lead › then it stays indexed, flagged erased, and its memo holds nothing personal', () => {
    const events = history.erased();
    const model = project(leadIndexProjection, events);
    expect(model.zsets['lead-index:captured']).toEqual({ [leadId]: capturedAt });
    expect(itemAfter(events)).toMatchObject({ stage: 'sql', erased: true });
    expect(JSON.stringify(model)).not.toMatch(/ann|Ann|CFO|pipeline visibility/);
  });

  it('given events of a lead never captured › then nothing is indexed', () => {
    const events = history.mql().slice(1);
    expect(project(leadIndexProjection, events)).toEqual({ hashes: {}, zsets: {} });
  });
});
