import { SqliteEventStore, type RecordedEvent } from '@leadger/event-store';
import { foldLead, verifyChain } from '@leadger/lead-application';
import { lostReasons } from '@leadger/lead-domain';
import { openedContent } from '../../../test/support/event-content';
import { tempIdentity } from '../../../test/support/temp-identity';
import { SeedConflictError, seedHistory } from './seed-history';

// The synthetic year: legal, chained, deterministic, and shaped like a real funnel.

async function all(store: SqliteEventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after: events.at(-1)?.position, maxCount: 10_000 });
    if (page.length === 0) return events;
    events.push(...page);
  }
}

/** Each stream's events: the leads', or (`prefix` suspect-) the anonymous visitors'. */
const byStream = (events: readonly RecordedEvent[], prefix = 'lead-') => {
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of events)
    if (event.streamName.startsWith(prefix))
      streams.set(event.streamName, [...(streams.get(event.streamName) ?? []), event]);
  return streams;
};

describe('seedHistory', () => {
  const store = new SqliteEventStore({ path: ':memory:' });
  const identity = tempIdentity();
  let events: RecordedEvent[];
  const progress: number[] = [];

  beforeAll(async () => {
    const result = await seedHistory(store, identity, {
      leads: 3000,
      seed: 7,
      batchSize: 700,
      onProgress: (p) => progress.push(p.leads),
    });
    events = await all(store);
    expect(result).toEqual({ leads: 3000, events: events.length, lastPosition: events.at(-1)?.position });
  }, 60_000);

  afterAll(async () => {
    await store.close();
    await identity.dispose();
  });

  it('reports progress after each batch', () => {
    expect(progress).toEqual([700, 1400, 2100, 2800, 3000]);
  });

  it('writes one stream per lead, each hash-chained, within the year, in time order per lead', () => {
    const streams = byStream(events);
    expect(streams.size).toBe(3000);
    for (const stream of streams.values()) {
      expect(verifyChain(stream)).toBeUndefined();
      expect(stream[0].type).toBe('LeadCaptured');
      const times = stream.map((e) => Date.parse(String(e.metadata.occurredAt)));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times[0]).toBeGreaterThanOrEqual(Date.parse('2025-01-01T00:00:00Z'));
      expect(times.at(-1)).toBeLessThan(Date.parse('2026-01-01T00:00:00Z'));
    }
  });

  it('looks like a real funnel: most leads never qualify, sales rejects some, about a fifth of closed deals are won', () => {
    const streams = [...byStream(events).values()];
    const reached = (type: string) => streams.filter((s) => s.some((e) => e.type === type)).length;
    const share = (type: string) => reached(type) / streams.length;
    // Marketing qualifies its own leads; those sales found start at sal.
    const marketing = streams.filter((s) => s[0].data.origin === 'marketing');
    const mql = marketing.filter((s) => s.some((e) => e.type === 'LeadMarketingQualified')).length;
    expect(mql / marketing.length).toBeGreaterThan(0.2);
    expect(share('LeadMarketingQualified')).toBeLessThan(0.45);
    expect(share('LeadRejected')).toBeGreaterThan(0.02);
    expect(share('DealWon')).toBeGreaterThan(0.01);
    expect(share('DealWon')).toBeLessThan(0.05);
    const won = events.filter((e) => e.type === 'DealWon').length;
    const lost = events.filter((e) => e.type === 'DealLost').length;
    expect(won / (won + lost)).toBeGreaterThan(0.12);
    expect(won / (won + lost)).toBeLessThan(0.3);
    const reasons = new Set(events.filter((e) => e.type === 'DealLost').map((e) => e.data.reason));
    for (const reason of ['competitor', 'pricing', 'timing', 'no_decision'])
      expect(reasons).toContain(reason);
    for (const reason of reasons) expect(lostReasons).toContain(reason);
    expect(share('LeadRecycled')).toBeGreaterThan(0.03);
    expect(share('LeadReengaged')).toBeGreaterThan(0.005);
    // Every stage the lifecycle has is somewhere in the year's end state.
    const stages = new Set(streams.map((s) => foldLead(s).stage));
    expect([...stages].sort()).toEqual([
      'disqualified',
      'lead',
      'lost',
      'mql',
      'nurture',
      'sal',
      'sql',
      'won',
    ]);
  });

  it('has anonymous visitors, some stitched to the lead they became, and leads sales found at sal', () => {
    const leads = [...byStream(events).values()];
    const suspects = [...byStream(events, 'suspect-').values()];
    const identified = suspects.filter((s) => s.some((e) => e.type === 'SuspectIdentified'));
    const stitched = leads.filter((s) => s.some((e) => e.type === 'SuspectStitched'));
    expect(identified.length).toBeGreaterThan(300);
    expect(stitched.length).toBe(identified.length);
    expect(suspects.length - identified.length).toBeGreaterThan(300);
    for (const suspect of suspects) expect(verifyChain(suspect)).toBeUndefined();
    const sales = leads.filter((s) => s[0].data.origin === 'sales');
    expect(sales.length).toBeGreaterThan(200);
    for (const lead of sales) {
      expect(foldLead(lead.slice(0, 1))).toMatchObject({ stage: 'sal', owner: lead[0].data.owner });
      // No MQL, handoff or acceptance is made up: from sal, sales qualifies (or drops) it.
      expect(['LeadMarketingQualified', 'LeadHandedOff', 'LeadAccepted']).not.toContain(lead[1]?.type);
    }
  });

  it('gives the same events for the same seed, whatever the batch size, under another vault too', async () => {
    const again = new SqliteEventStore({ path: ':memory:' });
    const elsewhere = tempIdentity();
    await seedHistory(again, elsewhere, { leads: 3000, seed: 7, batchSize: 128 });
    expect(await openedContent(await all(again), elsewhere.personalData)).toEqual(
      await openedContent(events, identity.personalData),
    );
    await again.close();
    await elsewhere.dispose();
  });

  it('stores no personal field in clear: each is sealed with its lead’s key, and opens with it', async () => {
    const captured = events.filter((e) => e.type === 'LeadCaptured').slice(0, 50);
    for (const event of captured) {
      expect(event.data).toMatchObject({
        email: null,
        firstName: null,
        personal: expect.stringMatching(/^v1\./),
      });
      expect(JSON.stringify({ data: event.data, metadata: event.metadata })).not.toMatch(/@[a-z-]+\.example/);
    }
    const [opened] = await openedContent(captured, identity.personalData);
    expect(opened.data).toMatchObject({ email: expect.stringMatching(/\+s7-\d+@[a-z-]+\.example$/) });
  });

  it('adds only the new leads when seeded with more, and refuses to mix with other histories', async () => {
    const small = new SqliteEventStore({ path: ':memory:' });
    const vault = tempIdentity();
    const first = await seedHistory(small, vault, { leads: 40, seed: 3 });
    const more = await seedHistory(small, vault, { leads: 60, seed: 3 });
    const stored = byStream(await all(small));
    expect(stored.size).toBe(60);
    expect(first.events).toBeLessThan(more.events);
    await expect(seedHistory(small, vault, { leads: 10, seed: 3, days: 30 })).rejects.toBeInstanceOf(
      SeedConflictError,
    );
    await small.close();
    await vault.dispose();
  });
});
