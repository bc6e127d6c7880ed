import { defaultFunnelParts } from '@leadger/lead-domain';
import {
  allProjections,
  campaignInfluence,
  funnelParts,
  stageTimes,
  funnel,
  handoffs,
  handoffsSummary,
  leadIndex,
  nurtureList,
  pipeline,
  rebuildProjections,
  startProjector,
} from '@leadger/projections';
import type { ReadStore } from '@leadger/read-store';
import { tempSqliteStore } from '../support/temp-sqlite-store';
import { generateHistory } from './support/generate-history';
import { dumpAll, headOf } from './support/read-models';
import { tempRedisReadStore, tempSqliteReadStore } from './support/temp-read-stores';

// One generated history projected into Redis and into the embedded store, in different batch sizes and
// through both the live projector and a rebuild: every read model and every query answer must be the same.

const events = tempSqliteStore();
const redis = tempRedisReadStore();
const sqlite = tempSqliteReadStore();
const smallBatches = tempSqliteReadStore();
let head: bigint;

beforeAll(async () => {
  await generateHistory(events.store, {
    leads: 400,
    seed: 5,
    from: new Date('2025-01-01T00:00:00Z'),
    spanDays: 120,
  });
  head = await headOf(events.store);
  await rebuildProjections({ eventStore: events.store, readStore: redis.store });
  await rebuildProjections({ eventStore: events.store, readStore: sqlite.store, batchSize: 1000 });
  // The live projector, in batches of 37 events, so every lead's events straddle batch boundaries.
  const projector = startProjector({
    eventStore: events.store,
    readStore: smallBatches.store,
    batchSize: 37,
  });
  await projector.caughtUp();
  await projector.stop();
}, 60_000);

afterAll(async () => {
  await Promise.all([redis.dispose(), sqlite.dispose(), smallBatches.dispose()]);
  await events.dispose();
});

describe('one event sequence, every store', () => {
  it('gives the same read models in Redis and in the embedded store, at the same checkpoint', async () => {
    const [inRedis, inSqlite] = await Promise.all([dumpAll(redis.store), dumpAll(sqlite.store)]);
    expect(Object.values(inRedis).map((dump) => dump.checkpoints)).toEqual(
      allProjections.map(({ name }) => ({ [name]: String(head) })),
    );
    expect(Object.keys(inRedis.handoffs.zsets).length).toBeGreaterThan(5);
    expect(inSqlite).toEqual(inRedis);
  });

  it('gives the same read models whatever the batch size and whether rebuilt or followed live', async () => {
    expect(await dumpAll(smallBatches.store)).toEqual(await dumpAll(sqlite.store));
  });

  it('answers every query alike from both stores', async () => {
    const now = new Date('2025-06-01T00:00:00Z');
    const answers = (store: ReadStore) =>
      Promise.all([
        funnel(store, { groupBy: 'cohort', cohort: 'month' }),
        funnel(store, {
          capturedFrom: '2025-02-01',
          capturedTo: '2025-02-28',
          source: 'ads',
          groupBy: 'campaign',
        }),
        pipeline(store, { closedFrom: '2025-02-01', closedTo: '2025-04-30' }),
        pipeline(store, { owner: 'ava', probabilities: { commitment: 0.9 } }),
        nurtureList(store, { due: true, now: new Date('2025-12-31T00:00:00Z'), limit: 7 }),
        handoffs(store, { breached: true, now, limit: 9 }),
        handoffs(store, { owner: 'ben', decision: 'accepted', now }),
        handoffsSummary(store, { now }),
        leadIndex(store, { stage: 'sql', capturedFrom: '2025-02-01', limit: 9 }),
        leadIndex(store, { owner: 'ben', source: 'ads' }),
        stageTimes(store, { from: '2025-02-01', groupBy: 'owner' }),
        funnelParts(store, defaultFunnelParts, { to: '2025-03-31' }),
        campaignInfluence(store, { from: '2025-03-01' }),
      ]);
    const [fromRedis, fromSqlite] = await Promise.all([answers(redis.store), answers(sqlite.store)]);
    expect(fromSqlite).toEqual(fromRedis);
    expect(fromRedis[0].total.reached.lead).toBe(400);
    expect(fromRedis[4].items).toHaveLength(7);
    expect(fromRedis[8].items).toHaveLength(9);
  });
});
