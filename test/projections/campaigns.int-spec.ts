import type { RecordedEvent } from '@leadger/event-store';
import { campaignInfluence, rebuildProjections, type Attribution } from '@leadger/projections';
import { tempSqliteStore } from '../support/temp-sqlite-store';
import { generateHistory } from './support/generate-history';
import { allEvents } from './support/read-models';
import { leadFacts } from './support/recompute';
import { tempRedisReadStore, tempSqliteReadStore } from './support/temp-read-stores';

// Campaign influence against a plain recomputation: won deals from the DealWon events, open deals from each
// lead's folded state, touches from the captures naming a campaign.

const events = tempSqliteStore();
const stores = { redis: tempRedisReadStore(), sqlite: tempSqliteReadStore() };
type Expected = Map<
  string,
  { open: Record<keyof Attribution, number>; won: Record<keyof Attribution, number> }
>;
let expected: Expected;

beforeAll(async () => {
  await generateHistory(events.store, { leads: 1500, seed: 23, from: new Date('2025-01-01'), spanDays: 150 });
  expected = recompute(await allEvents(events.store));
  for (const { store } of Object.values(stores))
    await rebuildProjections({ eventStore: events.store, readStore: store });
}, 60_000);

afterAll(async () => {
  await Promise.all(Object.values(stores).map((store) => store.dispose()));
  await events.dispose();
});

const at = (event: RecordedEvent) => Date.parse(String(event.metadata.occurredAt));

function recompute(all: readonly RecordedEvent[]): Expected {
  const result: Expected = new Map();
  const add = (campaign: string, outcome: 'open' | 'won', model: keyof Attribution, amount: number) => {
    const zero = () => ({ firstTouch: 0, lastTouch: 0, anyTouch: 0 });
    const row = result.get(campaign) ?? { open: zero(), won: zero() };
    row[outcome][model] += Math.round(amount * 100);
    result.set(campaign, row);
  };
  for (const lead of leadFacts(all).values()) {
    const touches = lead.events
      .filter((e) => (e.type === 'LeadCaptured' || e.type === 'EngagementRecorded') && e.data.campaign)
      .map((e) => ({ campaign: String(e.data.campaign), at: at(e) }));
    const credit = (outcome: 'open' | 'won', amount: number, before: number) => {
      const mine = touches.filter((t) => t.at <= before);
      if (mine.length === 0) return;
      add(mine[0].campaign, outcome, 'firstTouch', amount);
      add(mine[mine.length - 1].campaign, outcome, 'lastTouch', amount);
      for (const campaign of new Set(mine.map((t) => t.campaign))) add(campaign, outcome, 'anyTouch', amount);
    };
    for (const won of lead.events.filter((e) => e.type === 'DealWon'))
      credit('won', Number(won.data.amount), at(won));
    if (lead.state.stage === 'sql') credit('open', lead.state.opportunity.amount, Infinity);
  }
  return result;
}

describe.each(Object.keys(stores) as (keyof typeof stores)[])('campaign influence (%s)', (kind) => {
  it('credits each campaign with the open and won amounts of the deals its leads touched it before', async () => {
    const answer = await campaignInfluence(stores[kind].store);
    const cents = (amount: number) => Math.round(amount * 100);
    const actual = new Map(
      answer.campaigns.map((c) => [
        c.campaign,
        {
          open: {
            firstTouch: cents(c.open.firstTouch.amount),
            lastTouch: cents(c.open.lastTouch.amount),
            anyTouch: cents(c.open.anyTouch.amount),
          },
          won: {
            firstTouch: cents(c.won.firstTouch.amount),
            lastTouch: cents(c.won.lastTouch.amount),
            anyTouch: cents(c.won.anyTouch.amount),
          },
        },
      ]),
    );
    for (const [campaign, row] of expected) expect([campaign, actual.get(campaign)]).toEqual([campaign, row]);
    expect([...expected.values()].some((row) => row.won.anyTouch > 0)).toBe(true);
  });

  it('counts won deals only in the period asked', async () => {
    const all = await campaignInfluence(stores[kind].store);
    const spring = await campaignInfluence(stores[kind].store, { from: '2025-03-01', to: '2025-03-31' });
    const total = (answer: typeof all) => answer.campaigns.reduce((sum, c) => sum + c.won.anyTouch.deals, 0);
    expect(total(spring)).toBeLessThan(total(all));
    expect(spring.campaigns.map((c) => c.open)).toEqual(all.campaigns.map((c) => c.open));
  });
});
