import { given } from '../testing/given-when-then';
import { at, cmd, extend, history, leadId, metadata } from '../testing/lead-fixtures';

describe('RequalifyLead', () => {
  describe('when disqualified', () => {
    it('requalifies the lead with the note and the reason it was disqualified for', () => {
      given(...history.disqualified())
        .when(cmd.requalifyLead({ note: '  a real buyer, marked spam by mistake ' }))
        .then({
          type: 'LeadRequalified',
          data: { leadId, note: 'a real buyer, marked spam by mistake', fromReason: 'spam' },
          metadata,
        });
    });

    it('is a lead again, with its profile and score kept', () => {
      const scored = extend(history.lead(), cmd.recordEngagement({ scoreDelta: 30 }), cmd.disqualifyLead());
      given(...scored)
        .when(cmd.requalifyLead())
        .thenDetails({
          stage: 'lead',
          score: 30,
          firstName: 'Ann',
          stageEnteredAt: { lead: at, disqualified: at },
        });
    });

    it('refuses a blank note', () => {
      given(...history.disqualified())
        .when(cmd.requalifyLead({ note: '   ' }))
        .thenRefused({ code: 'validation', field: 'note', message: 'RequalifyLead: note is required' });
    });
  });

  describe('when not disqualified', () => {
    it('refuses RequalifyLead as an illegal transition', () => {
      given(...history.nurture())
        .when(cmd.requalifyLead())
        .thenRefused({ code: 'illegal_transition', stage: 'nurture', command: 'RequalifyLead' });
    });
  });
});
