import { funnel, pipeline, rebuildProjections, replayAsOf } from '@leadger/projections';
import { SqliteReadStore, type ReadStore } from '@leadger/read-store';
import { tempSqliteStore } from '../support/temp-sqlite-store';
import { generateHistory } from './support/generate-history';
import { allEvents } from './support/read-models';

// "The funnel as of date D": the same definitions replayed over the events that happened before D, into a
// throwaway store, must give what projecting a log that only ever held those events gives.

const events = tempSqliteStore();
const before = tempSqliteStore();
const moment = new Date('2025-02-15T00:00:00Z');
let asOf: ReadStore;
const expected = new SqliteReadStore({ path: ':memory:' });

beforeAll(async () => {
  await generateHistory(events.store, {
    leads: 400,
    seed: 21,
    from: new Date('2025-01-01T00:00:00Z'),
    spanDays: 60,
  });
  for (const event of await allEvents(events.store)) {
    if (Date.parse(String(event.metadata.occurredAt)) >= moment.getTime()) continue;
    const { id, type, data, metadata } = event;
    await before.store.appendToStream(event.streamName, [{ id, type, data, metadata }], 'any');
  }
  asOf = await replayAsOf({ eventStore: events.store, moment });
  await rebuildProjections({ eventStore: before.store, readStore: expected });
}, 30_000);

afterAll(async () => {
  await Promise.all([asOf.close(), expected.close()]);
  await Promise.all([events.dispose(), before.dispose()]);
});

const figures = <T extends { position: string | null }>({ position: _position, ...rest }: T) => rest;

describe('replaying up to a moment', () => {
  it('gives the funnel as of that moment: the funnel of only the events before it', async () => {
    const query = { groupBy: 'cohort', cohort: 'day' } as const;
    const [replayed, direct, now] = await Promise.all([
      funnel(asOf, query),
      funnel(expected, query),
      funnel(asOf),
    ]);
    expect(figures(replayed)).toEqual(figures(direct));
    expect(replayed.total.reached.lead).toBeGreaterThan(100);
    expect(replayed.total.reached.lead).toBeLessThan(400);
    expect(now.total.reached.sql).toBeGreaterThan(0);
  });

  it('gives the pipeline as of that moment too, new business and expansion apart', async () => {
    const replayed = await pipeline(asOf);
    expect(figures(replayed)).toEqual(figures(await pipeline(expected)));
    const { open, closed } = replayed.expansion;
    expect(open.total.count + closed.won.count + closed.lost.count).toBeGreaterThan(0);
  });

  it('says it weighed the whole log: its position is the head, though later events were passed over', async () => {
    const head = String(await events.store.headPosition());
    expect((await funnel(asOf)).position).toBe(head);
    expect((await pipeline(asOf)).position).toBe(head);
  });
});
