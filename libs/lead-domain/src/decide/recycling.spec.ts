import { given } from '../testing/given-when-then';
import {
  at,
  cmd,
  extend,
  history,
  leadId,
  metadata,
  opportunityId,
  revisitAt,
} from '../testing/lead-fixtures';

const lostInEvaluation = () =>
  extend(
    history.sql(),
    cmd.changeOpportunityStage({ stage: 'evaluation', amount: 80000 }),
    cmd.closeLost({ reason: 'other', note: 'went dark', recycle: false }),
  );

describe('ReopenDeal', () => {
  describe('when lost and not recycled', () => {
    it('reopens the deal at the stage it was lost from', () => {
      given(...lostInEvaluation())
        .when(cmd.reopenDeal())
        .then({
          type: 'DealReopened',
          data: { leadId, opportunityId, toStage: 'evaluation', amount: 80000, owner: 'bob' },
          metadata,
        });
    });

    it('is back in sql at that stage with the same amount and qualification', () => {
      given(...lostInEvaluation())
        .when(cmd.reopenDeal())
        .thenDetails({
          stage: 'sql',
          owner: 'bob',
          opportunity: { stage: 'evaluation', amount: 80000, bant: { authority: 'CFO' } },
          stageEnteredAt: { sql: at, lost: at },
        });
    });
  });

  describe('when lost and recycled to nurture', () => {
    it('refuses ReopenDeal as an illegal transition', () => {
      given(...history.nurtureFromLost())
        .when(cmd.reopenDeal())
        .thenRefused({ code: 'illegal_transition', stage: 'nurture', command: 'ReopenDeal' });
    });
  });
});

describe('RecycleLead', () => {
  describe('when lost', () => {
    it('recycles with the loss reason when no reason is given, and no note of its own', () => {
      given(...lostInEvaluation())
        .when(cmd.recycleLead())
        .then({
          type: 'LeadRecycled',
          data: {
            leadId,
            origin: 'lost',
            originStage: 'evaluation',
            reason: 'other',
            note: null,
            revisitAt,
          },
          metadata,
        });
    });

    it('recycles with a new reason and moves to nurture', () => {
      given(...lostInEvaluation())
        .when(cmd.recycleLead({ reason: 'timing' }))
        .thenDetails({
          stage: 'nurture',
          recycle: { origin: 'lost', originStage: 'evaluation', reason: 'timing', revisitAt },
        });
    });

    it('refuses RecycleLead without a note for reason other', () => {
      given(...lostInEvaluation())
        .when(cmd.recycleLead({ reason: 'other' }))
        .thenRefused({ code: 'validation', command: 'RecycleLead', field: 'note' });
    });
  });
});

describe('ReengageLead', () => {
  describe('when in nurture', () => {
    it('re-engages the lead into the funnel at lead', () => {
      given(...history.nurture())
        .when(cmd.reengageLead({ note: 'downloaded the new guide' }))
        .then({
          type: 'LeadReengaged',
          data: { leadId, toStage: 'lead', note: 'downloaded the new guide' },
          metadata,
        });
    });

    it('is back in lead, without the recycle facts', () => {
      const state = given(...history.nurture())
        .when(cmd.reengageLead())
        .detailsAfter();
      expect(state).toMatchObject({ stage: 'lead', stageEnteredAt: { lead: at, nurture: at } });
      expect(state).not.toHaveProperty('recycle');
    });

    it('is back in mql when told, keeping its owner but with no pending handoff', () => {
      given(...history.nurtureFromLost())
        .when(cmd.reengageLead({ toStage: 'mql' }))
        .thenState({ stage: 'mql', owner: 'bob', pendingHandoff: null });
    });

    it('refuses a stage other than lead or mql', () => {
      given(...history.nurture())
        .when(cmd.reengageLead({ toStage: 'sql' as never }))
        .thenRefused({ code: 'validation', field: 'toStage' });
    });
  });
});
