import { given } from '../testing/given-when-then';
import { at, cmd, extend, history, leadId, metadata, revisitAt, slaDueAt } from '../testing/lead-fixtures';

describe('HandOffLead', () => {
  describe('when in mql with no pending handoff', () => {
    it('hands the lead off with its SLA due time, from no owner', () => {
      given(...history.mql())
        .when(cmd.handOffLead())
        .then({
          type: 'LeadHandedOff',
          data: { leadId, fromOwner: null, toOwner: 'bob', slaDueAt },
          metadata,
        });
    });

    it('stays in mql with the handoff pending', () => {
      given(...history.mql())
        .when(cmd.handOffLead())
        .thenDetails({
          stage: 'mql',
          owner: null,
          pendingHandoff: { toOwner: 'bob', handedOffAt: at, slaDueAt },
        });
    });

    it('refuses a blank owner', () => {
      given(...history.mql())
        .when(cmd.handOffLead({ toOwner: ' ' }))
        .thenRefused({ code: 'validation', field: 'toOwner' });
    });
  });

  describe('when in mql again after nurture', () => {
    it('names the owner the lead kept as the one handing off', () => {
      const past = extend(history.nurtureFromLost(), cmd.reengageLead({ toStage: 'mql' }));
      given(...past)
        .when(cmd.handOffLead({ toOwner: 'dave' }))
        .then({
          type: 'LeadHandedOff',
          data: { leadId, fromOwner: 'bob', toOwner: 'dave', slaDueAt },
          metadata,
        });
    });
  });

  describe('when in mql with a pending handoff', () => {
    it('refuses a second handoff, pointing at accept, reject and reassign', () => {
      given(...history.mqlPending())
        .when(cmd.handOffLead())
        .thenRefused({
          code: 'illegal_transition',
          stage: 'mql',
          allowed: ['RecordEngagement', 'AcceptLead', 'RejectLead', 'ReassignLead', 'DisqualifyLead'],
        });
    });
  });
});

describe('AcceptLead', () => {
  describe('when in mql with a pending handoff', () => {
    it('accepts the lead for the owner it was handed to', () => {
      given(...history.mqlPending())
        .when(cmd.acceptLead())
        .then({ type: 'LeadAccepted', data: { leadId, owner: 'bob' }, metadata });
    });

    it('moves to sal owned by that owner', () => {
      given(...history.mqlPending())
        .when(cmd.acceptLead())
        .thenDetails({ stage: 'sal', owner: 'bob', stageEnteredAt: { sal: at } });
    });
  });

  describe('when in mql with no pending handoff', () => {
    it('refuses AcceptLead as an illegal transition', () => {
      given(...history.mql())
        .when(cmd.acceptLead())
        .thenRefused({ code: 'illegal_transition', command: 'AcceptLead', stage: 'mql' });
    });
  });
});

describe('RejectLead', () => {
  describe('when in mql with a pending handoff', () => {
    it('rejects the lead and recycles it to nurture with the reason and revisit date', () => {
      given(...history.mqlPending())
        .when(cmd.rejectLead({ reason: 'no_budget', note: 'frozen until Q4' }))
        .then(
          {
            type: 'LeadRejected',
            data: { leadId, owner: 'bob', reason: 'no_budget', note: 'frozen until Q4' },
            metadata,
          },
          {
            type: 'LeadRecycled',
            data: {
              leadId,
              origin: 'rejected',
              originStage: 'mql',
              reason: 'no_budget',
              note: 'frozen until Q4',
              revisitAt,
            },
            metadata,
          },
        );
    });

    it('moves to nurture with the recycle facts and no owner taken on', () => {
      given(...history.mqlPending())
        .when(cmd.rejectLead())
        .thenDetails({
          stage: 'nurture',
          owner: null,
          recycle: { origin: 'rejected', originStage: 'mql', reason: 'bad_timing', revisitAt },
        });
    });

    it('refuses RejectLead without a note for reason other', () => {
      given(...history.mqlPending())
        .when(cmd.rejectLead({ reason: 'other' }))
        .thenRefused({ code: 'validation', command: 'RejectLead', field: 'note' });
    });

    it('refuses a reason outside the closed set', () => {
      given(...history.mqlPending())
        .when(cmd.rejectLead({ reason: 'meh' }))
        .thenRefused({ code: 'validation', field: 'reason' });
    });
  });
});

describe('ReassignLead', () => {
  describe('when in mql with a pending handoff', () => {
    it('moves the pending handoff to the new owner', () => {
      given(...history.mqlPending())
        .when(cmd.reassignLead())
        .then({
          type: 'LeadReassigned',
          data: {
            leadId,
            fromOwner: 'bob',
            toOwner: 'carol',
            pendingHandoff: true,
            reason: null,
            slaDueAt: null,
          },
          metadata,
        });
    });

    it('keeps the SLA and waits for the new owner to accept', () => {
      given(...history.mqlPending())
        .when(cmd.reassignLead())
        .thenDetails({ stage: 'mql', owner: null, pendingHandoff: { toOwner: 'carol', slaDueAt } });
    });

    it('gives the new owner a new SLA and keeps the reason, when the SLA policy moves it', () => {
      const later = '2025-03-05T09:00:00.000Z';
      const breach = cmd.reassignLead({ reason: 'sla_breach', slaDueAt: later });
      given(...history.mqlPending())
        .when(breach)
        .then({
          type: 'LeadReassigned',
          data: {
            leadId,
            fromOwner: 'bob',
            toOwner: 'carol',
            pendingHandoff: true,
            reason: 'sla_breach',
            slaDueAt: later,
          },
          metadata,
        });
      given(...history.mqlPending())
        .when(breach)
        .thenDetails({ stage: 'mql', owner: null, pendingHandoff: { toOwner: 'carol', slaDueAt: later } });
    });

    it('refuses a new SLA that is not after the reassignment', () => {
      given(...history.mqlPending())
        .when(cmd.reassignLead({ slaDueAt: at }))
        .thenRefused({ code: 'validation', field: 'slaDueAt' });
    });

    it('refuses to reassign to the owner it is already handed to', () => {
      given(...history.mqlPending())
        .when(cmd.reassignLead({ toOwner: 'bob' }))
        .thenRefused({ code: 'validation', command: 'ReassignLead', field: 'toOwner' });
    });
  });

  describe.each([
    ['sal', history.sal],
    ['sql', history.sql],
  ] as const)('when in %s', (stage, past) => {
    it('hands the lead to the new owner', () => {
      given(...past())
        .when(cmd.reassignLead())
        .then({
          type: 'LeadReassigned',
          data: {
            leadId,
            fromOwner: 'bob',
            toOwner: 'carol',
            pendingHandoff: false,
            reason: null,
            slaDueAt: null,
          },
          metadata,
        });
      given(...past())
        .when(cmd.reassignLead())
        .thenState({ stage, owner: 'carol' });
    });

    it('refuses a new SLA, which only a pending handoff has', () => {
      given(...past())
        .when(cmd.reassignLead({ slaDueAt: '2025-03-05T09:00:00.000Z' }))
        .thenRefused({ code: 'validation', field: 'slaDueAt' });
    });

    it('refuses to reassign to the current owner', () => {
      given(...past())
        .when(cmd.reassignLead({ toOwner: ' bob ' }))
        .thenRefused({ code: 'validation', field: 'toOwner' });
    });
  });

  describe('when in mql with no pending handoff', () => {
    it('refuses ReassignLead as an illegal transition', () => {
      given(...history.mql())
        .when(cmd.reassignLead())
        .thenRefused({
          code: 'illegal_transition',
          message:
            'ReassignLead is not allowed when the lead is in stage "mql"; allowed: RecordEngagement, HandOffLead, DisqualifyLead',
        });
    });
  });
});
