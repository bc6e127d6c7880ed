import { given } from '../testing/given-when-then';
import { at, cmd, expansionId, extend, history, leadId, metadata, revisitAt } from '../testing/lead-fixtures';

const later = '2025-04-01T09:00:00.000Z';
const atLater = { occurredAt: later };
const lostExpansion = () =>
  extend(history.expansion(), cmd.closeLost({ reason: 'pricing', recycle: true, revisitAt }));

describe('OpenOpportunity', () => {
  describe('when won (a customer)', () => {
    it('opens the expansion with its own id, kind and amount, for the customer owner', () => {
      given(...history.won())
        .when(cmd.openOpportunity())
        .then({
          type: 'OpportunityOpened',
          data: { leadId, opportunityId: expansionId, kind: 'upsell', amount: 20000, owner: 'bob' },
          metadata,
        });
    });

    it('is back in sql at prospecting, still a customer', () => {
      given(...history.won())
        .when(cmd.openOpportunity({ kind: 'renewal', owner: 'carol' }))
        .thenDetails({
          stage: 'sql',
          owner: 'carol',
          customerSince: at,
          opportunity: {
            opportunityId: expansionId,
            kind: 'renewal',
            stage: 'prospecting',
            amount: 20000,
            bant: null,
          },
        });
    });

    it('refuses the kind new_business, which only QualifyLead opens', () => {
      given(...history.won())
        .when(cmd.openOpportunity({ kind: 'new_business' as 'upsell' }))
        .thenRefused({ code: 'validation', command: 'OpenOpportunity', field: 'kind' });
    });

    it('refuses a negative amount', () => {
      given(...history.won())
        .when(cmd.openOpportunity({ amount: -5 }))
        .thenRefused({ code: 'validation', field: 'amount' });
    });

    it('refuses a blank opportunityId', () => {
      given(...history.won())
        .when(cmd.openOpportunity({ opportunityId: '' }))
        .thenRefused({ code: 'validation', field: 'opportunityId' });
    });

    it('refuses a blank owner', () => {
      given(...history.won())
        .when(cmd.openOpportunity({ owner: ' ' }))
        .thenRefused({ code: 'validation', field: 'owner' });
    });
  });

  describe('when an opportunity is open', () => {
    it('refuses a second one, naming sql and what is allowed', () => {
      given(...history.expansion())
        .when(cmd.openOpportunity({ opportunityId: 'another' }))
        .thenRefused({ code: 'illegal_transition', stage: 'sql', command: 'OpenOpportunity' });
    });
  });

  describe('when lost (a new business deal, never won)', () => {
    it('refuses it: only a customer can be sold more', () => {
      given(...history.lost())
        .when(cmd.openOpportunity())
        .thenRefused({ code: 'illegal_transition', stage: 'lost' });
    });
  });
});

describe('an expansion in the pipeline', () => {
  it('moves through the stages like the first deal', () => {
    given(...history.expansion())
      .when(cmd.changeOpportunityStage({ stage: 'commitment', amount: 25000 }))
      .thenDetails({ stage: 'sql', opportunity: { kind: 'upsell', stage: 'commitment', amount: 25000 } });
  });

  it('is won: DealWon names it, and the customer stays one since the first win', () => {
    const won = given(...history.expansion()).when({ ...cmd.closeWon(), metadata: atLater });
    won.then({
      type: 'DealWon',
      data: {
        leadId,
        opportunityId: expansionId,
        kind: 'upsell',
        amount: 20000,
        owner: 'bob',
        fromStage: 'prospecting',
      },
      metadata: atLater,
    });
    won.thenDetails({ stage: 'won', customerSince: at, lastWin: { at: later, amount: 20000 } });
  });

  it('is lost: DealLost only, recycling ignored, and the lead is won again', () => {
    given(...history.expansion())
      .when(cmd.closeLost({ reason: 'pricing', recycle: true, revisitAt }))
      .then({
        type: 'DealLost',
        data: {
          leadId,
          opportunityId: expansionId,
          kind: 'upsell',
          reason: 'pricing',
          competitor: null,
          note: null,
          lostFromStage: 'prospecting',
          amount: 20000,
          owner: 'bob',
        },
        metadata,
      });
  });

  it('once lost, leaves a customer with the latest win as it was', () => {
    given(...history.expansion())
      .when(cmd.closeLost({ recycle: false }))
      .thenDetails({ stage: 'won', amount: 50000, customerSince: at, lastWin: { at, amount: 50000 } });
  });

  it('still refuses CloseLost without a reason in force', () => {
    given(...history.expansion())
      .when(cmd.closeLost({ reason: 'bogus' }))
      .thenRefused({ code: 'validation', command: 'CloseLost', field: 'reason' });
  });

  it('once lost, cannot be reopened', () => {
    given(...lostExpansion())
      .when(cmd.reopenDeal())
      .thenRefused({ code: 'illegal_transition', command: 'ReopenDeal', stage: 'won' });
  });

  it('once lost, cannot be recycled', () => {
    given(...lostExpansion())
      .when(cmd.recycleLead())
      .thenRefused({ code: 'illegal_transition', command: 'RecycleLead', stage: 'won' });
  });

  it('once lost, another expansion can be opened', () => {
    given(...lostExpansion())
      .when(cmd.openOpportunity({ opportunityId: 'opp-renewal', kind: 'renewal' }))
      .thenState({ stage: 'sql', opportunity: { opportunityId: 'opp-renewal', kind: 'renewal' } });
  });
});

describe('ScheduleCustomerNurture', () => {
  describe('when won', () => {
    it('puts the customer in the program until the revisit date', () => {
      given(...history.won())
        .when(cmd.scheduleCustomerNurture({ program: 'referral' }))
        .then({
          type: 'CustomerNurtureScheduled',
          data: { leadId, program: 'referral', revisitAt },
          metadata,
        });
    });

    it('shows the schedule on the customer', () => {
      given(...history.won())
        .when(cmd.scheduleCustomerNurture())
        .thenDetails({
          stage: 'won',
          customerNurture: { program: 'onboarding', revisitAt, scheduledAt: at },
        });
    });

    it('replaces an earlier schedule', () => {
      given(...extend(history.won(), cmd.scheduleCustomerNurture()))
        .when(cmd.scheduleCustomerNurture({ program: 'renewal' }))
        .thenDetails({ customerNurture: { program: 'renewal', revisitAt, scheduledAt: at } });
    });

    it('refuses a revisit date not after the command', () => {
      given(...history.won())
        .when(cmd.scheduleCustomerNurture({ revisitAt: at }))
        .thenRefused({ code: 'validation', command: 'ScheduleCustomerNurture', field: 'revisitAt' });
    });

    it('refuses an unknown program', () => {
      given(...history.won())
        .when(cmd.scheduleCustomerNurture({ program: 'cross_sell' as 'upsell' }))
        .thenRefused({ code: 'validation', field: 'program' });
    });
  });

  describe('when an expansion is open', () => {
    it('refuses it, naming sql', () => {
      given(...history.expansion())
        .when(cmd.scheduleCustomerNurture())
        .thenRefused({ code: 'illegal_transition', command: 'ScheduleCustomerNurture', stage: 'sql' });
    });
  });
});
