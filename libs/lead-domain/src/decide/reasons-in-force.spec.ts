import { given } from '../testing/given-when-then';
import { cmd, extend, history, leadId, metadata, revisitAt } from '../testing/lead-fixtures';
import { disqualifyReasons, lostReasons, rejectReasons } from '../vocabulary';

// The reason sets are configuration (the rules file): the application looks up the set in force and puts
// it on the command (`reasons`); decide checks the reason against it, or against the domain's own sets when
// the command brings none (the CLI's import, the seed, tests).

const reject = ['not_a_fit', 'wrong_region', 'other'];
const lost = ['pricing', 'budget_cut', 'other'];
const disqualify = ['spam', 'bot', 'other'];

describe('RejectLead', () => {
  describe('when in mql with a pending handoff', () => {
    it('takes a reason of the set in force that the domain’s own set lacks', () => {
      given(...history.mqlPending())
        .when(cmd.rejectLead({ reason: 'wrong_region', reasons: reject }))
        .then(
          {
            type: 'LeadRejected',
            data: { leadId, owner: 'bob', reason: 'wrong_region', note: null },
            metadata,
          },
          {
            type: 'LeadRecycled',
            data: {
              leadId,
              origin: 'rejected',
              originStage: 'mql',
              reason: 'wrong_region',
              note: null,
              revisitAt,
            },
            metadata,
          },
        );
    });

    it('refuses a reason of the domain’s set that the set in force leaves out, listing the set in force', () => {
      given(...history.mqlPending())
        .when(cmd.rejectLead({ reason: 'bad_timing', reasons: reject }))
        .thenRefused({
          code: 'validation',
          command: 'RejectLead',
          field: 'reason',
          message: 'RejectLead: reason must be one of not_a_fit, wrong_region, other',
        });
    });

    it('checks the domain’s own set when the command brings none', () => {
      given(...history.mqlPending())
        .when(cmd.rejectLead({ reason: 'sla_breach' }))
        .thenRefused({
          code: 'validation',
          field: 'reason',
          message: `RejectLead: reason must be one of ${rejectReasons.join(', ')}`,
        });
    });
  });
});

describe('CloseLost', () => {
  describe('when in sql', () => {
    it('takes a reason of the set in force, and the lead keeps it as its loss reason', () => {
      given(...history.sql())
        .when(cmd.closeLost({ reason: 'budget_cut', reasons: lost, recycle: false }))
        .thenState({ stage: 'lost', lostReason: 'budget_cut' });
    });

    it('refuses a reason the set in force does not list', () => {
      given(...history.sql())
        .when(cmd.closeLost({ reason: 'competitor', reasons: lost }))
        .thenRefused({
          field: 'reason',
          message: 'CloseLost: reason must be one of pricing, budget_cut, other',
        });
    });

    it('checks the domain’s own set when the command brings none', () => {
      given(...history.sql())
        .when(cmd.closeLost({ reason: 'budget_cut' }))
        .thenRefused({
          field: 'reason',
          message: `CloseLost: reason must be one of ${lostReasons.join(', ')}`,
        });
    });
  });
});

describe('RecycleLead', () => {
  const lostFor = (reason: string) =>
    extend(history.sql(), cmd.closeLost({ reason, reasons: [reason], recycle: false }));

  describe('when lost', () => {
    it('checks a reason given against the set in force', () => {
      given(...lostFor('pricing'))
        .when(cmd.recycleLead({ reason: 'timing', reasons: lost }))
        .thenRefused({
          field: 'reason',
          message: 'RecycleLead: reason must be one of pricing, budget_cut, other',
        });
    });

    it('keeps the loss reason when none is given, though the set in force no longer lists it', () => {
      given(...lostFor('budget_cut'))
        .when(cmd.recycleLead({ reasons: ['pricing'] }))
        .thenDetails({ stage: 'nurture', recycle: { origin: 'lost', reason: 'budget_cut', revisitAt } });
    });
  });
});

describe('DisqualifyLead', () => {
  describe('when in lead', () => {
    it('takes a reason of the set in force', () => {
      given(...history.lead())
        .when(cmd.disqualifyLead({ reason: 'bot', reasons: disqualify }))
        .thenState({ stage: 'disqualified', reason: 'bot' });
    });

    it('refuses a reason the set in force does not list', () => {
      given(...history.lead())
        .when(cmd.disqualifyLead({ reason: 'student', reasons: disqualify }))
        .thenRefused({ field: 'reason', message: 'DisqualifyLead: reason must be one of spam, bot, other' });
    });

    it('checks the domain’s own set when the command brings none', () => {
      given(...history.lead())
        .when(cmd.disqualifyLead({ reason: 'bot' }))
        .thenRefused({
          field: 'reason',
          message: `DisqualifyLead: reason must be one of ${disqualifyReasons.join(', ')}`,
        });
    });
  });
});
