import { leadIndex, rebuildProjections, type LeadIndexItem, type LeadIndexQuery } from '@leadger/projections';
import type { ReadStore } from '@leadger/read-store';
import { tempSqliteStore } from '../support/temp-sqlite-store';
import { generateHistory, owners, sources } from './support/generate-history';
import { allEvents } from './support/read-models';
import { leadFacts, type LeadFacts } from './support/recompute';
import { tempRedisReadStore, tempSqliteReadStore } from './support/temp-read-stores';

// Thousands of generated leads; every page of the lead index, filtered every way, is checked against the
// leads folded from the raw events (`LeadDetails`, apart from the index's own fold), in both stores.

const LEADS = 2000;
const events = tempSqliteStore();
const stores = { redis: tempRedisReadStore(), sqlite: tempSqliteReadStore() };
let expected: LeadIndexItem[];

/** What the index should say of a lead, from its details and its last event. */
function expectedItem(lead: LeadFacts): LeadIndexItem {
  const details = lead.state;
  if (details.stage === 'none') throw new Error(`${lead.leadId} was never captured`);
  return {
    leadId: lead.leadId,
    stage: details.stage,
    opportunityStage: details.stage === 'sql' ? details.opportunity.stage : null,
    owner: details.stage === 'mql' && details.pendingHandoff ? details.pendingHandoff.toOwner : details.owner,
    source: details.source,
    campaign: details.campaign,
    capturedAt: details.capturedAt,
    lastEventAt: details.lastEventAt,
    score: details.score,
    erased: details.erased,
    revision: String(lead.events.at(-1)!.revision),
  };
}

/** Newest capture first, then lead id descending: the index's documented order. */
const newestFirst = (a: LeadIndexItem, b: LeadIndexItem) =>
  Date.parse(b.capturedAt) - Date.parse(a.capturedAt) ||
  (a.leadId < b.leadId ? 1 : a.leadId > b.leadId ? -1 : 0);

async function everyPage(store: ReadStore, query: LeadIndexQuery): Promise<LeadIndexItem[]> {
  const items: LeadIndexItem[] = [];
  for (let cursor: string | undefined; ;) {
    const page = await leadIndex(store, { ...query, cursor });
    expect(page.items.length).toBeLessThanOrEqual(query.limit ?? 50);
    items.push(...page.items);
    if (!page.nextCursor) return items;
    cursor = page.nextCursor;
  }
}

beforeAll(async () => {
  await generateHistory(events.store, {
    leads: LEADS,
    seed: 14,
    from: new Date('2025-01-01T00:00:00Z'),
    spanDays: 180,
  });
  expected = [...leadFacts(await allEvents(events.store)).values()].map(expectedItem).sort(newestFirst);
  for (const { store } of Object.values(stores))
    await rebuildProjections({ eventStore: events.store, readStore: store });
}, 90_000);

afterAll(async () => {
  await Promise.all(Object.values(stores).map((store) => store.dispose()));
  await events.dispose();
});

const day = (item: LeadIndexItem) => new Date(item.capturedAt).toISOString().slice(0, 10);

const queries: readonly [LeadIndexQuery, (item: LeadIndexItem) => boolean][] = [
  [{ limit: 500 }, () => true],
  [{ owner: owners[0], limit: 37 }, (i) => i.owner === owners[0]],
  [{ stage: 'sql', limit: 41 }, (i) => i.stage === 'sql'],
  [{ stage: 'mql', owner: owners[2] }, (i) => i.stage === 'mql' && i.owner === owners[2]],
  [{ source: sources[1], limit: 100 }, (i) => i.source === sources[1]],
  [
    { capturedFrom: '2025-02-10', capturedTo: '2025-04-20', limit: 64 },
    (i) => day(i) >= '2025-02-10' && day(i) <= '2025-04-20',
  ],
  [
    { owner: owners[1], stage: 'won', source: sources[0], capturedFrom: '2025-03-01', limit: 3 },
    (i) => i.owner === owners[1] && i.stage === 'won' && i.source === sources[0] && day(i) >= '2025-03-01',
  ],
  [
    { stage: 'disqualified', capturedTo: '2025-01-31', limit: 1 },
    (i) => i.stage === 'disqualified' && day(i) <= '2025-01-31',
  ],
];

describe.each(Object.keys(stores) as (keyof typeof stores)[])(
  'lead index in %s matches the raw events',
  (name) => {
    let store: ReadStore;
    beforeAll(() => (store = stores[name].store));

    it.each(queries)('every page of %j, newest capture first', async (query, wanted) => {
      const want = expected.filter(wanted);
      expect(want.length).toBeGreaterThan(0);
      expect(await everyPage(store, query)).toEqual(want);
    });

    it('one lead by id, with the other filters applied to it', async () => {
      const lead = expected[123];
      expect((await leadIndex(store, { leadId: lead.leadId })).items).toEqual([lead]);
      const other = lead.stage === 'lead' ? 'mql' : 'lead';
      expect((await leadIndex(store, { leadId: lead.leadId, stage: other })).items).toEqual([]);
      expect((await leadIndex(store, { leadId: 'no-such-lead' })).items).toEqual([]);
    });

    it.each([
      [{ stage: 'won-ish' }, 'stage'],
      [{ capturedFrom: '2025-13-01' }, 'capturedFrom'],
      [{ capturedFrom: '2025-03-02', capturedTo: '2025-03-01' }, 'capturedTo'],
      [{ cursor: 'not-ours' }, 'cursor'],
      [{ limit: 0 }, 'limit'],
      [{ limit: 501 }, 'limit'],
    ])('refuses %j, naming %s', async (query, field) => {
      await expect(leadIndex(store, query)).rejects.toMatchObject({ code: 'invalid_input', field });
    });
  },
);
