import type { LeadCommand } from '../commands';
import { given } from '../testing/given-when-then';
import { at, cmd, extend, history } from '../testing/lead-fixtures';

// Events are facts in business order: a command may not be dated before the lead's latest event, and the
// dates it sets (SLA due, revisit) must come after it.

const dated = <C extends LeadCommand>(command: C, occurredAt: string): C => ({
  ...command,
  metadata: { occurredAt },
});
const earlier = '2020-01-01T00:00:00.000Z';

describe('business time', () => {
  describe('when a command is dated before the lead’s latest event', () => {
    it('refuses it naming both times', () => {
      given(...history.lead())
        .when(dated(cmd.markMarketingQualified(), earlier))
        .thenRefused({
          code: 'validation',
          command: 'MarkMarketingQualified',
          field: 'occurredAt',
          occurredAt: earlier,
          notBefore: at,
          message: `MarkMarketingQualified: occurredAt ${earlier} is before the lead's latest event, at ${at}`,
        });
    });

    it('refuses a recapture too, which would otherwise record an engagement in the past', () => {
      given(...history.sql())
        .when(dated(cmd.captureLead(), earlier))
        .thenRefused({ code: 'validation', field: 'occurredAt', notBefore: at });
    });

    it('names the latest event of any kind, not only the latest stage change', () => {
      const engaged = '2025-05-01T00:00:00.000Z';
      given(...extend(history.lead(), dated(cmd.recordEngagement(), engaged)))
        .when(dated(cmd.markMarketingQualified(), '2025-04-01T00:00:00.000Z'))
        .thenRefused({ field: 'occurredAt', notBefore: engaged });
    });
  });

  describe('when a command is dated at the same moment as the latest event', () => {
    it('accepts it: an import may write several steps at one time', () => {
      given(...history.lead())
        .when(cmd.markMarketingQualified())
        .thenState({ stage: 'mql', lastEventAt: at });
    });
  });

  describe('when a command would be refused anyway', () => {
    it('answers the illegal transition, not the time', () => {
      given(...history.lead())
        .when(dated(cmd.acceptLead(), earlier))
        .thenRefused({ code: 'illegal_transition', stage: 'lead' });
    });
  });

  describe('due dates', () => {
    it('refuses an SLA due before the handoff', () => {
      given(...history.mql())
        .when(cmd.handOffLead({ slaDueAt: '2025-03-02T09:00:00.000Z' }))
        .thenRefused({
          code: 'validation',
          field: 'slaDueAt',
          message: `HandOffLead: slaDueAt must be after the command's time, ${at}`,
        });
    });

    it('refuses an SLA due at the very moment of the handoff', () => {
      given(...history.mql())
        .when(cmd.handOffLead({ slaDueAt: at }))
        .thenRefused({ code: 'validation', field: 'slaDueAt' });
    });

    it.each([
      ['RejectLead', () => history.mqlPending(), cmd.rejectLead({ revisitAt: earlier })],
      ['CloseLost', () => history.sql(), cmd.closeLost({ revisitAt: earlier })],
      ['RecycleLead', () => history.lost(), cmd.recycleLead({ revisitAt: earlier })],
    ] as const)('refuses a revisit date before %s itself', (_name, past, command) => {
      given(...past())
        .when(command)
        .thenRefused({ code: 'validation', field: 'revisitAt' });
    });

    it('does not look at the revisit date of a loss that is not recycled', () => {
      given(...history.sql())
        .when(cmd.closeLost({ recycle: false, revisitAt: earlier }))
        .thenState({ stage: 'lost' });
    });
  });
});
