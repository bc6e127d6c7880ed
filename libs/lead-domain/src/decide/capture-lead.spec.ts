import { eventsOf, given } from '../testing/given-when-then';
import { at, cmd, email, history, leadId, metadata } from '../testing/lead-fixtures';

describe('CaptureLead', () => {
  describe('when no lead has that email', () => {
    it('captures the lead with its email normalized and absent fields as null', () => {
      given()
        .when(cmd.captureLead({ email: '  Ann@Example.COM ', lastName: ' ', utm: { source: 'google' } }))
        .then({
          type: 'LeadCaptured',
          data: {
            leadId,
            email,
            firstName: 'Ann',
            lastName: null,
            company: null,
            title: null,
            phone: null,
            source: 'webinar',
            campaign: null,
            utm: { source: 'google', medium: null, campaign: null, term: null, content: null },
            anonymousId: null,
            via: 'form_submission',
            origin: 'marketing',
            owner: null,
          },
          metadata,
        });
    });

    it('puts the lead in stage lead with score 0, no owner and its entry time', () => {
      given()
        .when(cmd.captureLead())
        .thenDetails({ stage: 'lead', score: 0, owner: null, capturedAt: at, stageEnteredAt: { lead: at } });
    });

    it('refuses a blank email', () => {
      given()
        .when(cmd.captureLead({ email: '  ' }))
        .thenRefused({ code: 'validation', field: 'email' });
    });
  });

  describe('when the lead exists', () => {
    it('records a recapture engagement via the given channel and leaves the stage unchanged', () => {
      given(...history.sql())
        .when(cmd.captureLead({ source: 'trade show', campaign: 'expo-25', via: 'event_attended' }))
        .then({
          type: 'EngagementRecorded',
          data: {
            leadId,
            kind: 'event_attended',
            scoreDelta: 0,
            note: null,
            source: 'trade show',
            campaign: 'expo-25',
            recapture: true,
          },
          metadata,
        });
    });

    it('records the recapture as a form submission when no channel is given', () => {
      const { decision } = given(...history.nurture()).when(cmd.captureLead());
      expect(eventsOf(decision)).toMatchObject([
        { type: 'EngagementRecorded', data: { kind: 'form_submission' } },
      ]);
      given(...history.nurture())
        .when(cmd.captureLead())
        .thenState({ stage: 'nurture' });
    });
  });

  describe('when disqualified', () => {
    it('accepts the capture but records nothing, so a form can resubmit the address safely', () => {
      given(...history.disqualified())
        .when(cmd.captureLead({ source: 'trade show' }))
        .then();
    });

    it('stays disqualified', () => {
      given(...history.disqualified())
        .when(cmd.captureLead())
        .thenState({ stage: 'disqualified', reason: 'spam' });
    });

    it('still refuses a blank email', () => {
      given(...history.disqualified())
        .when(cmd.captureLead({ email: ' ' }))
        .thenRefused({ code: 'validation', field: 'email' });
    });
  });
});
