import { cmd, extend, history, historyOf, leadId } from '@leadger/lead-domain/testing';
import { dayNumber } from '../figures';
import { project, spaced } from '../testing/given-events';
import { funnelProjection } from './funnel.projection';

const HOUR = 3_600_000;
const start = '2025-03-03T09:00:00.000Z';
const counts = 'funnel:counts:2025-03-03';
const times = 'funnel:times:2025-03-03';
const count = (what: string, origin = 'marketing') => JSON.stringify(['webinar', null, what, origin]);
const time = (interval: string, origin = 'marketing') =>
  JSON.stringify(['webinar', null, interval, leadId, origin]);

describe('funnel projection', () => {
  it('given a captured lead › then it counts as a lead of its capture cohort, source and campaign', () => {
    const model = project(funnelProjection, spaced(history.lead(), start, HOUR));
    expect(model.hashes[counts]).toEqual({ [count('lead')]: '1' });
    expect(model.zsets['funnel:days']).toEqual({ '2025-03-03': dayNumber('2025-03-03') });
  });

  it('given a lead taken to won, an hour a step › then it reached every stage once and each interval is timed', () => {
    const model = project(funnelProjection, spaced(history.won(), start, HOUR));
    expect(model.hashes[counts]).toEqual(
      Object.fromEntries(['lead', 'mql', 'sal', 'sql', 'won'].map((stage) => [count(stage), '1'])),
    );
    expect(model.hashes[times]).toEqual({
      [time('leadToMql')]: String(HOUR),
      [time('handoffToDecision')]: String(HOUR),
      [time('salToSql')]: String(HOUR),
      [time('sqlToWon')]: String(HOUR),
    });
  });

  it('given a rejected lead re-engaged and accepted on a second handoff › then each is counted once, timed from the first', () => {
    const events = extend(
      history.nurture(),
      cmd.reengageLead({ toStage: 'mql' }),
      cmd.handOffLead(),
      cmd.acceptLead(),
    );
    // captured, mql, handed off, rejected, recycled, re-engaged, handed off, accepted: an hour apart.
    const model = project(funnelProjection, spaced(events, start, HOUR));
    expect(model.hashes[counts]).toEqual({
      [count('lead')]: '1',
      [count('mql')]: '1',
      [count('rejected')]: '1',
      [count('recycled')]: '1',
      [count('reengaged')]: '1',
      [count('sal')]: '1',
    });
    expect(model.hashes[times]).toEqual({
      [time('leadToMql')]: String(HOUR),
      [time('handoffToDecision')]: String(HOUR),
    });
  });

  it('given a lost deal and a disqualified lead › then lost and disqualified are counted', () => {
    const lost = project(funnelProjection, history.lost());
    expect(lost.hashes[counts][count('lost')]).toBe('1');
    expect(lost.hashes[counts][count('recycled')]).toBeUndefined();
    const disqualified = project(funnelProjection, history.disqualified());
    expect(disqualified.hashes[counts][count('disqualified')]).toBe('1');
  });

  it('given a sales-sourced lead qualified an hour later › then it reached lead and sal, never mql, as sales', () => {
    const events = historyOf(cmd.captureLead({ origin: 'sales', owner: 'bob' }), cmd.qualifyLead());
    const model = project(funnelProjection, spaced(events, start, HOUR));
    expect(model.hashes[counts]).toEqual({
      [count('lead', 'sales')]: '1',
      [count('sal', 'sales')]: '1',
      [count('sql', 'sales')]: '1',
    });
    expect(model.hashes[times]).toEqual({ [time('salToSql', 'sales')]: String(HOUR) });
  });

  it('given an anonymous visitor engaging twice, then identified a day after its first touch › then one visitor became a lead', () => {
    const utm = { source: 'google', medium: null, campaign: 'q3', term: null, content: null };
    const engaged = (at: string) => ({
      type: 'AnonymousEngagementRecorded' as const,
      data: { kind: 'web_visit' as const, scoreDelta: 5, source: 'google', utm },
      metadata: { occurredAt: at },
    });
    const identified = {
      type: 'SuspectIdentified' as const,
      data: {
        leadId,
        engagements: 2,
        score: 10,
        firstTouchAt: start,
        source: 'google',
        campaign: 'q3',
      },
      metadata: { occurredAt: '2025-03-04T09:00:00.000Z' },
    };
    const model = project(funnelProjection, [
      engaged(start),
      engaged('2025-03-03T10:00:00.000Z'),
      identified,
    ]);
    expect(model.hashes['funnel:suspects:2025-03-03']).toEqual({
      [JSON.stringify(['google', 'q3', 'visitors'])]: '1',
      [JSON.stringify(['google', 'q3', 'becameLeads'])]: '1',
    });
    expect(Object.values(model.hashes['funnel:suspect-times:2025-03-03'])).toEqual([String(24 * HOUR)]);
  });

  it('given events of a lead whose capture is missing › then nothing is counted', () => {
    expect(project(funnelProjection, history.won().slice(1))).toEqual({ hashes: {}, zsets: {} });
  });
});
