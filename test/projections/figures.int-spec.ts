import {
  customerNurtureList,
  defaultProbabilities,
  funnel,
  handoffsSummary,
  nurtureList,
  pipeline,
  rebuildProjections,
  type CustomerNurtureItem,
  type FunnelFigures,
  type NurtureItem,
} from '@leadger/projections';
import type { ReadStore } from '@leadger/read-store';
import { tempSqliteStore } from '../support/temp-sqlite-store';
import { generateHistory, owners } from './support/generate-history';
import { allEvents } from './support/read-models';
import {
  deals,
  expectedFunnel,
  expectedSuspects,
  leadFacts,
  mean,
  median,
  suspectFacts,
  sum,
  type LeadFacts,
  type SuspectFacts,
} from './support/recompute';
import { tempRedisReadStore, tempSqliteReadStore } from './support/temp-read-stores';

// Thousands of leads walk random legal paths through the lifecycle (through handleCommand, captures spread
// over half a year); every funnel and pipeline figure is then checked against a plain recomputation from
// the raw events, in both stores.

const LEADS = 2000;
const events = tempSqliteStore();
const stores = { redis: tempRedisReadStore(), sqlite: tempSqliteReadStore() };
let leads: LeadFacts[];
let suspects: SuspectFacts[];

beforeAll(async () => {
  await generateHistory(events.store, {
    leads: LEADS,
    seed: 42,
    from: new Date('2025-01-01T00:00:00Z'),
    spanDays: 180,
  });
  const all = await allEvents(events.store);
  leads = [...leadFacts(all).values()];
  suspects = suspectFacts(all);
  for (const { store } of Object.values(stores))
    await rebuildProjections({ eventStore: events.store, readStore: store });
}, 60_000);

afterAll(async () => {
  await Promise.all(Object.values(stores).map((store) => store.dispose()));
  await events.dispose();
});

function expectSuspects(actual: FunnelFigures['suspects'], subset: readonly SuspectFacts[]): void {
  const expected = expectedSuspects(subset);
  expect({ visitors: actual.visitors, becameLeads: actual.becameLeads }).toEqual({
    visitors: expected.visitors,
    becameLeads: expected.becameLeads,
  });
  expect(actual.firstTouchToLead.count).toBe(expected.firstTouchToLead.length);
  expect(actual.firstTouchToLead.medianMs).toBe(median(expected.firstTouchToLead));
}

function expectFunnel(
  actual: FunnelFigures,
  subset: readonly LeadFacts[],
  suspectSubset: readonly SuspectFacts[] = [],
): void {
  expectSuspects(actual.suspects, suspectSubset);
  const expected = expectedFunnel(subset);
  expect(actual.reached).toEqual(expected.reached);
  expect(actual.outcomes).toEqual(expected.outcomes);
  for (const [interval, values] of Object.entries(expected.times)) {
    const spread = actual.times[interval as keyof FunnelFigures['times']];
    expect({ interval, count: spread.count, median: spread.medianMs }).toEqual({
      interval,
      count: values.length,
      median: median(values),
    });
    if (values.length > 0) expect(spread.meanMs).toBeCloseTo(mean(values)!, 6);
  }
  const { lead, mql, sal, sql, won } = expected.reached;
  const ratio = (actualRate: number | null, part: number, whole: number) =>
    whole === 0 ? expect(actualRate).toBeNull() : expect(actualRate).toBeCloseTo(part / whole, 12);
  ratio(actual.conversion.leadToMql, mql, lead);
  ratio(actual.conversion.mqlToSal, sal, mql);
  ratio(actual.conversion.salToSql, sql, sal);
  ratio(actual.conversion.sqlToWon, won, sql);
  ratio(actual.conversion.leadToWon, won, lead);
}

describe.each(Object.keys(stores) as (keyof typeof stores)[])(
  'figures in %s match the raw events',
  (name) => {
    let store: ReadStore;
    beforeAll(() => (store = stores[name].store));

    it('funnel: totals, then by source, by monthly and daily cohort, and filtered', async () => {
      const total = await funnel(store);
      expect(total.total.reached.lead).toBe(LEADS);
      expectFunnel(total.total, leads, suspects);
      expect(total.total.suspects.becameLeads).toBeGreaterThan(100);
      expect(total.total.suspects.visitors).toBeGreaterThan(total.total.suspects.becameLeads);

      const bySource = await funnel(store, { groupBy: 'source' });
      for (const group of bySource.groups!)
        expectFunnel(
          group.figures,
          leads.filter((l) => l.source === group.key),
          suspects.filter((s) => s.source === group.key),
        );

      // Suspects go by their first touch, which may come before the first capture.
      const byMonth = await funnel(store, { groupBy: 'cohort', cohort: 'month' });
      expect(byMonth.groups!.map((g) => g.key)).toEqual(
        [...new Set([...leads, ...suspects].map((l) => l.day.slice(0, 7)))].sort(),
      );
      for (const group of byMonth.groups!)
        expectFunnel(
          group.figures,
          leads.filter((l) => l.day.startsWith(group.key!)),
          suspects.filter((s) => s.day.startsWith(group.key!)),
        );

      const filters = {
        capturedFrom: '2025-02-10',
        capturedTo: '2025-04-20',
        source: 'ads',
        campaign: 'spring',
      };
      const filtered = await funnel(store, { ...filters, groupBy: 'cohort', cohort: 'day' });
      const inRange = leads.filter(
        (l) =>
          l.day >= filters.capturedFrom &&
          l.day <= filters.capturedTo &&
          l.source === 'ads' &&
          l.campaign === 'spring',
      );
      const suspectsInRange = suspects.filter(
        (s) =>
          s.day >= filters.capturedFrom &&
          s.day <= filters.capturedTo &&
          s.source === 'ads' &&
          s.campaign === 'spring',
      );
      expectFunnel(filtered.total, inRange, suspectsInRange);
      for (const group of filtered.groups!)
        expectFunnel(
          group.figures,
          inRange.filter((l) => l.day === group.key),
          suspectsInRange.filter((s) => s.day === group.key),
        );
    });

    it('funnel by origin: sales-sourced leads reach lead and sal, never mql; marketing is credited with its own', async () => {
      const byOrigin = await funnel(store, { groupBy: 'origin' });
      expect(byOrigin.groups!.map((g) => g.key)).toEqual(['marketing', 'sales']);
      const [marketing, sales] = byOrigin.groups!;
      expectFunnel(
        marketing.figures,
        leads.filter((l) => l.origin === 'marketing'),
        suspects,
      );
      expectFunnel(
        sales.figures,
        leads.filter((l) => l.origin === 'sales'),
      );
      expect(sales.figures.reached.lead).toBeGreaterThan(100);
      // Only a sales lead lost, recycled and re-engaged as an mql ever reaches mql: no MQL is invented.
      expect(sales.figures.reached.mql).toBeLessThanOrEqual(sales.figures.outcomes.reengaged);
      expect(sales.figures.reached.sal).toBe(sales.figures.reached.lead);
      const onlySales = await funnel(store, { origin: 'sales', groupBy: 'source' });
      expectFunnel(
        onlySales.total,
        leads.filter((l) => l.origin === 'sales'),
      );
      for (const group of onlySales.groups!)
        expectFunnel(
          group.figures,
          leads.filter((l) => l.origin === 'sales' && l.source === group.key),
        );
    });

    it('pipeline: open deals by stage and owner, with weighted amounts', async () => {
      const open = leads.flatMap((l) => (l.state.stage === 'sql' ? [l.state] : []));
      const answer = await pipeline(store);
      expect(answer.open.total.count).toBe(open.length);
      expect(answer.open.total.amount).toBeCloseTo(sum(open.map((s) => s.opportunity.amount)), 2);
      const weighted = (list: typeof open) =>
        sum(list.map((s) => s.opportunity.amount * defaultProbabilities[s.opportunity.stage]));
      expect(answer.open.total.weightedAmount).toBeCloseTo(weighted(open), 1);
      for (const row of answer.open.byStage) {
        const here = open.filter((s) => s.opportunity.stage === row.stage);
        expect([row.stage, row.count]).toEqual([row.stage, here.length]);
        expect(row.amount).toBeCloseTo(sum(here.map((s) => s.opportunity.amount)), 2);
      }
      expect(answer.open.byOwner.map((o) => o.owner)).toEqual([...new Set(open.map((s) => s.owner))].sort());
      for (const row of answer.open.byOwner) {
        const theirs = open.filter((s) => s.owner === row.owner);
        expect([row.owner, row.count]).toEqual([row.owner, theirs.length]);
        expect(row.weightedAmount).toBeCloseTo(weighted(theirs), 1);
      }
    });

    it.each([
      [{}, () => true],
      [
        { closedFrom: '2025-03-01', closedTo: '2025-05-31' },
        (day: string) => day >= '2025-03-01' && day <= '2025-05-31',
      ],
      [{ owner: owners[1], closedFrom: '2025-04-01' }, (day: string) => day >= '2025-04-01'],
    ])(
      'pipeline: won, lost, win rate, loss reasons and stages, sales cycle for %j',
      async (query, inRange) => {
        const wanted = (c: { day: string; owner: string }) =>
          inRange(c.day) && (!('owner' in query) || c.owner === query.owner);
        const { closes, reopens } = deals(leads);
        const all = closes.filter(wanted);
        const reopened = reopens.filter(wanted);
        const { closed } = await pipeline(store, query);
        const won = all.filter((c) => c.outcome === 'won');
        const lost = all.filter((c) => c.outcome === 'lost');
        expect([closed.won.count, closed.lost.count]).toEqual([won.length, lost.length]);
        expect(won.length + lost.length).toBeGreaterThan(20);
        expect(closed.won.amount).toBeCloseTo(sum(won.map((c) => c.amount)), 2);
        expect(closed.lost.amount).toBeCloseTo(sum(lost.map((c) => c.amount)), 2);
        expect(closed.reopened.count).toBe(reopened.length);
        expect(reopened.length).toBeGreaterThan(0);
        expect(closed.reopened.amount).toBeCloseTo(sum(reopened.map((c) => c.amount)), 2);
        expect(closed.winRate).toBeCloseTo(won.length / all.length, 12);
        for (const row of closed.lostByReason) {
          expect([row.reason, row.count]).toEqual([
            row.reason,
            lost.filter((c) => c.reason === row.reason).length,
          ]);
        }
        expect(sum(closed.lostByReason.map((r) => r.count))).toBe(lost.length);
        for (const row of closed.lostByStage) {
          const here = lost.filter((c) => c.stage === row.stage);
          expect([row.stage, row.count]).toEqual([row.stage, here.length]);
          expect(row.amount).toBeCloseTo(sum(here.map((c) => c.amount)), 2);
        }
        const cycles = all.map((c) => c.cycleMs);
        expect(closed.salesCycle.count).toBe(cycles.length);
        expect(closed.salesCycle.medianMs).toBe(median(cycles));
        expect(closed.salesCycle.meanMs).toBeCloseTo(mean(cycles)!, 6);
      },
    );

    it.each([
      ['newBusiness', (kind: string) => kind === 'new_business'],
      ['expansion', (kind: string) => kind !== 'new_business'],
    ] as const)('pipeline: %s apart, open and closed, adding up to the totals', async (segment, ofKind) => {
      const answer = await pipeline(store);
      const part = answer[segment];
      const open = leads.flatMap((l) =>
        l.state.stage === 'sql' && ofKind(l.state.opportunity.kind) ? [l.state] : [],
      );
      expect(part.open.total.count).toBe(open.length);
      expect(part.open.total.amount).toBeCloseTo(sum(open.map((s) => s.opportunity.amount)), 2);
      for (const row of part.open.byStage)
        expect([row.stage, row.count]).toEqual([
          row.stage,
          open.filter((s) => s.opportunity.stage === row.stage).length,
        ]);
      const { closes, reopens } = deals(leads);
      const mine = closes.filter((c) => ofKind(c.kind));
      const won = mine.filter((c) => c.outcome === 'won');
      const lost = mine.filter((c) => c.outcome === 'lost');
      expect([part.closed.won.count, part.closed.lost.count]).toEqual([won.length, lost.length]);
      expect(won.length).toBeGreaterThan(5);
      expect(lost.length).toBeGreaterThan(5);
      expect(part.closed.won.amount).toBeCloseTo(sum(won.map((c) => c.amount)), 2);
      expect(part.closed.lost.amount).toBeCloseTo(sum(lost.map((c) => c.amount)), 2);
      expect(part.closed.reopened.count).toBe(reopens.filter((r) => ofKind(r.kind)).length);
      expect(part.closed.salesCycle.medianMs).toBe(median(mine.map((c) => c.cycleMs)));
      const other = answer[segment === 'newBusiness' ? 'expansion' : 'newBusiness'];
      expect(part.open.total.count + other.open.total.count).toBe(answer.open.total.count);
      expect(part.closed.won.count + other.closed.won.count).toBe(answer.closed.won.count);
    });

    it.each(['marketing', 'sales'] as const)(
      'pipeline: only the deals of leads %s found, open and closed',
      async (origin) => {
        const answer = await pipeline(store, { origin });
        const theirs = leads.filter((l) => l.state.stage !== 'none' && l.state.origin === origin);
        const open = theirs.flatMap((l) => (l.state.stage === 'sql' ? [l.state] : []));
        expect(answer.open.total.count).toBe(open.length);
        expect(answer.open.total.amount).toBeCloseTo(sum(open.map((s) => s.opportunity.amount)), 2);
        const { closes, reopens } = deals(theirs);
        const won = closes.filter((c) => c.outcome === 'won');
        expect([answer.closed.won.count, answer.closed.lost.count]).toEqual([
          won.length,
          closes.length - won.length,
        ]);
        expect(answer.closed.reopened.count).toBe(reopens.length);
        expect(won.length).toBeGreaterThan(0);
        const both = await pipeline(store);
        const other = await pipeline(store, { origin: origin === 'sales' ? 'marketing' : 'sales' });
        expect(answer.open.total.count + other.open.total.count).toBe(both.open.total.count);
        expect(answer.expansion.open.total.count + other.expansion.open.total.count).toBe(
          both.expansion.open.total.count,
        );
      },
    );

    it('customer nurture: every customer in a program once, in revisit order; due ones as of a date', async () => {
      // In the queue: scheduled, and no opportunity opened since the latest schedule.
      const queued = leads.filter((l) => {
        const types = l.events.map((e) => e.type);
        const scheduled = types.lastIndexOf('CustomerNurtureScheduled');
        return scheduled >= 0 && types.lastIndexOf('OpportunityOpened') < scheduled;
      });
      expect(queued.length).toBeGreaterThan(10);
      const pages: CustomerNurtureItem[] = [];
      for (let cursor: string | undefined; ;) {
        const page = await customerNurtureList(store, { limit: 29, cursor });
        pages.push(...page.items);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(pages.map((i) => i.leadId).sort()).toEqual(queued.map((l) => l.leadId).sort());
      const revisits = pages.map((i) => i.revisitAt);
      expect(revisits).toEqual([...revisits].sort());
      const now = new Date('2025-06-01T00:00:00Z');
      const revisitOf = (l: LeadFacts) =>
        String(l.events.filter((e) => e.type === 'CustomerNurtureScheduled').at(-1)!.data.revisitAt);
      const due = await customerNurtureList(store, { due: true, now, limit: 500 });
      expect(due.items.length).toBe(queued.filter((l) => Date.parse(revisitOf(l)) <= now.getTime()).length);
    });

    it('nurture: every lead in nurture once, in revisit order, page by page; due ones as of a date', async () => {
      const inNurture = leads.flatMap((l) => (l.state.stage === 'nurture' ? [l.state] : []));
      const pages: NurtureItem[] = [];
      for (let cursor: string | undefined; ;) {
        const page = await nurtureList(store, { limit: 37, cursor });
        pages.push(...page.items);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(pages.map((i) => i.leadId).sort()).toEqual(inNurture.map((s) => s.leadId).sort());
      const revisits = pages.map((i) => i.revisitAt);
      expect(revisits).toEqual([...revisits].sort());
      const now = new Date('2025-07-01T00:00:00Z');
      const due = await nurtureList(store, { due: true, now, limit: 500 });
      expect(due.items.length).toBe(
        inNurture.filter((s) => Date.parse(s.recycle.revisitAt) <= now.getTime()).length,
      );
    });

    it('handoffs: pending per owner, rejection rate and reasons per source', async () => {
      const { owners: byOwner, sources } = await handoffsSummary(store);
      for (const row of byOwner) {
        const pending = leads.filter(
          (l) => l.state.stage === 'mql' && l.state.pendingHandoff?.toOwner === row.owner,
        );
        expect([row.owner, row.pending]).toEqual([row.owner, pending.length]);
      }
      for (const row of sources) {
        const decided = leads
          .filter((l) => l.source === row.source)
          .flatMap((l) => l.events.filter((e) => e.type === 'LeadAccepted' || e.type === 'LeadRejected'));
        const rejected = decided.filter((e) => e.type === 'LeadRejected').length;
        expect([row.source, row.rejected, row.accepted]).toEqual([
          row.source,
          rejected,
          decided.length - rejected,
        ]);
        const reasons = new Map<string, number>();
        for (const e of decided)
          if (e.type === 'LeadRejected')
            reasons.set(String(e.data.reason), (reasons.get(String(e.data.reason)) ?? 0) + 1);
        expect([row.source, new Map(row.rejectionReasons.map((r) => [r.reason, r.count]))]).toEqual([
          row.source,
          reasons,
        ]);
        expect(row.rejectionReasons.map((r) => r.count)).toEqual(
          [...row.rejectionReasons.map((r) => r.count)].sort((a, b) => b - a),
        );
      }
    });
  },
);
