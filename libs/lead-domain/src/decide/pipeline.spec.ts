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

const bant = { budget: 60000, authority: 'CFO', need: 'pipeline visibility', timeline: 'Q3' };

describe('QualifyLead', () => {
  describe('when in sal', () => {
    it('qualifies the lead with BANT and the deal amount, for its owner', () => {
      given(...history.sal())
        .when(cmd.qualifyLead())
        .then({
          type: 'LeadQualified',
          data: { leadId, opportunityId, owner: 'bob', ...bant, amount: 50000 },
          metadata,
        });
    });

    it('opens an opportunity in prospecting', () => {
      given(...history.sal())
        .when(cmd.qualifyLead())
        .thenDetails({
          stage: 'sql',
          owner: 'bob',
          opportunity: { opportunityId, kind: 'new_business', stage: 'prospecting', amount: 50000, bant },
        });
    });

    it('refuses a negative amount', () => {
      given(...history.sal())
        .when(cmd.qualifyLead({ amount: -1 }))
        .thenRefused({ code: 'validation', command: 'QualifyLead', field: 'amount' });
    });

    it('refuses QualifyLead without an opportunityId', () => {
      given(...history.sal())
        .when(cmd.qualifyLead({ opportunityId: ' ' }))
        .thenRefused({ code: 'validation', command: 'QualifyLead', field: 'opportunityId' });
    });

    it('refuses a blank authority', () => {
      given(...history.sal())
        .when(cmd.qualifyLead({ authority: '' }))
        .thenRefused({ code: 'validation', field: 'authority' });
    });
  });
});

describe('ChangeOpportunityStage', () => {
  describe('when in sql', () => {
    it('moves the opportunity forward, keeping the amount', () => {
      given(...history.sql())
        .when(cmd.changeOpportunityStage({ stage: 'commitment' }))
        .then({
          type: 'OpportunityStageChanged',
          data: { leadId, from: 'prospecting', to: 'commitment', amount: 50000 },
          metadata,
        });
    });

    it('moves the opportunity back with a new amount', () => {
      given(...extend(history.sql(), cmd.changeOpportunityStage({ stage: 'evaluation' })))
        .when(cmd.changeOpportunityStage({ stage: 'prospecting', amount: 42000 }))
        .thenDetails({ stage: 'sql', opportunity: { stage: 'prospecting', amount: 42000, bant } });
    });

    it('refuses ChangeOpportunityStage to the stage it is already in', () => {
      given(...history.sql())
        .when(cmd.changeOpportunityStage({ stage: 'prospecting' }))
        .thenRefused({ code: 'validation', command: 'ChangeOpportunityStage', field: 'stage' });
    });
  });
});

describe('CloseWon', () => {
  describe('when in sql', () => {
    it('wins the deal at the opportunity amount when none is given', () => {
      given(...history.sql())
        .when(cmd.closeWon())
        .then({
          type: 'DealWon',
          data: {
            leadId,
            opportunityId,
            kind: 'new_business',
            amount: 50000,
            owner: 'bob',
            fromStage: 'prospecting',
          },
          metadata,
        });
    });

    it('wins the deal at the given amount and moves to won', () => {
      given(...history.sql())
        .when(cmd.closeWon({ amount: 55000 }))
        .thenDetails({ stage: 'won', owner: 'bob', amount: 55000, stageEnteredAt: { won: at } });
    });

    it('makes the lead a customer from its first win', () => {
      given(...history.sql())
        .when(cmd.closeWon({ amount: 55000 }))
        .thenDetails({ customerSince: at, lastWin: { at, amount: 55000 }, customerNurture: null });
    });
  });
});

describe('CloseLost', () => {
  describe('when in sql', () => {
    it('loses the deal and recycles the lead to nurture', () => {
      given(...history.sql())
        .when(cmd.closeLost({ reason: 'competitor', competitor: 'Acme' }))
        .then(
          {
            type: 'DealLost',
            data: {
              leadId,
              opportunityId,
              kind: 'new_business',
              reason: 'competitor',
              competitor: 'Acme',
              note: null,
              lostFromStage: 'prospecting',
              amount: 50000,
              owner: 'bob',
            },
            metadata,
          },
          {
            type: 'LeadRecycled',
            data: {
              leadId,
              origin: 'lost',
              originStage: 'prospecting',
              reason: 'competitor',
              note: null,
              revisitAt,
            },
            metadata,
          },
        );
    });

    it('moves to nurture keeping the owner', () => {
      given(...history.sql())
        .when(cmd.closeLost())
        .thenDetails({
          stage: 'nurture',
          owner: 'bob',
          recycle: { origin: 'lost', originStage: 'prospecting', reason: 'pricing', revisitAt },
        });
    });

    it('stays lost, reopenable, when told not to recycle', () => {
      given(...history.sql())
        .when(cmd.closeLost({ recycle: false }))
        .thenState({ stage: 'lost', lostFromStage: 'prospecting', lostReason: 'pricing', amount: 50000 });
    });

    it('refuses CloseLost without a note for reason other', () => {
      given(...history.sql())
        .when(cmd.closeLost({ reason: 'other' }))
        .thenRefused({ code: 'validation', command: 'CloseLost', field: 'note' });
    });
  });
});
