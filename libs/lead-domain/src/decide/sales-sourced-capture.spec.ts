import { given } from '../testing/given-when-then';
import { at, cmd, history, historyOf, metadata } from '../testing/lead-fixtures';

const bySales = { origin: 'sales', owner: 'bob' } as const;

describe('CaptureLead by sales', () => {
  describe('when no lead has that email', () => {
    it('captures the lead as sales-sourced, owned by the rep who found it', () => {
      given()
        .when(cmd.captureLead(bySales))
        .then({
          type: 'LeadCaptured',
          data: expect.objectContaining({ origin: 'sales', owner: 'bob', source: 'webinar' }) as never,
          metadata,
        });
    });

    it('starts the lead at sal, where sales qualifies it, with no MQL or handoff invented', () => {
      const when = given().when(cmd.captureLead(bySales));
      when.thenState({ stage: 'sal', owner: 'bob' });
      when.thenDetails({
        stage: 'sal',
        origin: 'sales',
        owner: 'bob',
        stageEnteredAt: { lead: at, sal: at },
      });
      expect(when.detailsAfter()).not.toHaveProperty('stageEnteredAt.mql');
    });

    it('can be qualified by its rep straight away', () => {
      given(...historyOf(cmd.captureLead(bySales)))
        .when(cmd.qualifyLead())
        .thenState({ stage: 'sql', owner: 'bob' });
    });

    it('refuses a sales-sourced capture without an owner', () => {
      given()
        .when(cmd.captureLead({ origin: 'sales' }))
        .thenRefused({ code: 'validation', field: 'owner' });
    });

    it('refuses an owner on a marketing capture', () => {
      given()
        .when(cmd.captureLead({ owner: 'bob' }))
        .thenRefused({ code: 'validation', field: 'owner' });
    });

    it('refuses an unknown origin', () => {
      given()
        .when(cmd.captureLead({ origin: 'partner' as never }))
        .thenRefused({ code: 'validation', field: 'origin' });
    });
  });

  describe('when the lead exists', () => {
    it('records a recapture engagement and leaves the stage and owner as they are', () => {
      const when = given(...history.mql()).when(cmd.captureLead(bySales));
      when.thenState({ stage: 'mql' });
      expect(when.decision).toMatchObject({ ok: true, events: [{ type: 'EngagementRecorded' }] });
    });
  });
});
