import { given } from '../testing/given-when-then';
import { at, cmd, history, leadId, metadata } from '../testing/lead-fixtures';

describe('RecordEngagement', () => {
  describe('when in lead', () => {
    it('records the engagement with its score delta', () => {
      given(...history.lead())
        .when(cmd.recordEngagement({ kind: 'content_download', scoreDelta: -3, note: 'pricing sheet' }))
        .then({
          type: 'EngagementRecorded',
          data: {
            leadId,
            kind: 'content_download',
            scoreDelta: -3,
            note: 'pricing sheet',
            source: null,
            campaign: null,
            recapture: false,
          },
          metadata,
        });
    });

    it('adds the delta to the score', () => {
      given(...history.lead())
        .when(cmd.recordEngagement({ scoreDelta: 7 }))
        .thenDetails({ stage: 'lead', score: 7 });
    });

    it('refuses a score delta that is not an integer', () => {
      given(...history.lead())
        .when(cmd.recordEngagement({ scoreDelta: 1.5 }))
        .thenRefused({ code: 'validation', field: 'scoreDelta' });
    });
  });

  describe('when won', () => {
    it('still records the engagement and stays won', () => {
      given(...history.won())
        .when(cmd.recordEngagement())
        .thenDetails({ stage: 'won', amount: 50000 });
    });
  });
});

describe('MarkMarketingQualified', () => {
  describe('when in lead', () => {
    it('qualifies the lead with its score and reason', () => {
      given(...history.lead())
        .when(cmd.markMarketingQualified())
        .then({
          type: 'LeadMarketingQualified',
          data: { leadId, score: 72, reason: 'score over 70' },
          metadata,
        });
    });

    it('moves to mql with the given score and no pending handoff', () => {
      given(...history.lead())
        .when(cmd.markMarketingQualified())
        .thenDetails({
          stage: 'mql',
          score: 72,
          pendingHandoff: null,
          stageEnteredAt: { lead: at, mql: at },
        });
    });

    it('refuses a score that is not a finite number', () => {
      given(...history.lead())
        .when(cmd.markMarketingQualified({ score: Number.NaN }))
        .thenRefused({ code: 'validation', field: 'score' });
    });
  });
});

describe('DisqualifyLead', () => {
  describe.each([
    ['lead', history.lead],
    ['mql', history.mql],
    ['sal', history.sal],
    ['nurture', history.nurture],
  ] as const)('when in %s', (stage, past) => {
    it('disqualifies the lead, naming the stage it left', () => {
      given(...past())
        .when(cmd.disqualifyLead({ reason: 'competitor' }))
        .then({
          type: 'LeadDisqualified',
          data: { leadId, reason: 'competitor', note: null, fromStage: stage },
          metadata,
        });
    });
  });

  describe('when in mql with a pending handoff', () => {
    it('moves to disqualified, dropping the pending handoff', () => {
      const state = given(...history.mqlPending())
        .when(cmd.disqualifyLead())
        .detailsAfter();
      expect(state).toMatchObject({
        stage: 'disqualified',
        reason: 'spam',
        stageEnteredAt: { disqualified: at },
      });
      expect(state).not.toHaveProperty('pendingHandoff');
    });
  });

  describe('when in lead', () => {
    it('refuses DisqualifyLead without a note for reason other', () => {
      given(...history.lead())
        .when(cmd.disqualifyLead({ reason: 'other', note: '  ' }))
        .thenRefused({ code: 'validation', command: 'DisqualifyLead', field: 'note' });
    });

    it('accepts reason other with a note', () => {
      given(...history.lead())
        .when(cmd.disqualifyLead({ reason: 'other', note: 'test record' }))
        .thenState({ stage: 'disqualified', reason: 'other' });
    });
  });
});
