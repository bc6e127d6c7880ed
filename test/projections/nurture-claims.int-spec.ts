import { claimNurture, nurtureList, rebuildProjections } from '@leadger/projections';
import { RedisReadStore, SqliteReadStore, type ReadStore } from '@leadger/read-store';
import { tempSqliteStore } from '../support/temp-sqlite-store';
import { generateHistory } from './support/generate-history';
import { REDIS_URL, tempRedisReadStore, tempSqliteReadStore } from './support/temp-read-stores';

// Two consumers, each on its own connection, claim due nurture items as fast as they can at the same time:
// no item may be handed to both while its claim lasts, and every due item goes to someone.

const events = tempSqliteStore();
beforeAll(
  () =>
    generateHistory(events.store, {
      leads: 600,
      seed: 8,
      from: new Date('2025-01-01T00:00:00Z'),
      spanDays: 60,
    }),
  30_000,
);
afterAll(() => events.dispose());

/** A projected store and a second connection to the same read models. */
async function twoConnections(kind: 'redis' | 'sqlite') {
  if (kind === 'redis') {
    const temp = tempRedisReadStore();
    const other = new RedisReadStore({ url: REDIS_URL, keyPrefix: temp.prefix });
    return {
      a: temp.store as ReadStore,
      b: other as ReadStore,
      dispose: () => other.close().then(temp.dispose),
    };
  }
  const temp = tempSqliteReadStore();
  const other = new SqliteReadStore({ path: temp.path });
  return {
    a: temp.store as ReadStore,
    b: other as ReadStore,
    dispose: () => other.close().then(temp.dispose),
  };
}

describe.each(['redis', 'sqlite'] as const)('claiming nurture items in %s', (kind) => {
  it('never hands one item to two consumers within a lease, and hands it on once the lease ends', async () => {
    const { a, b, dispose } = await twoConnections(kind);
    try {
      await rebuildProjections({ eventStore: events.store, readStore: a });
      const now = new Date('2026-01-01T00:00:00Z');
      const due = (await nurtureList(a, { due: true, now, limit: 500 })).items.map((item) => item.leadId);
      expect(due.length).toBeGreaterThan(15);

      const drain = async (store: ReadStore, consumer: string) => {
        const got: string[] = [];
        for (;;) {
          const { items } = await claimNurture(store, { consumer, limit: 3, leaseMs: 60_000, now });
          if (items.length === 0) return got;
          expect(items.every((item) => item.claimedBy === consumer)).toBe(true);
          got.push(...items.map((item) => item.leadId));
        }
      };
      const [byA, byB] = await Promise.all([drain(a, 'consumer-a'), drain(b, 'consumer-b')]);
      expect(byA.filter((leadId) => byB.includes(leadId))).toEqual([]);
      expect([...byA, ...byB].sort()).toEqual([...due].sort());
      expect(Math.min(byA.length, byB.length)).toBeGreaterThan(0);

      // Within the lease nothing is left; a minute later every item can be claimed again.
      expect(
        (await claimNurture(b, { consumer: 'consumer-b', now: new Date(now.getTime() + 59_999) })).items,
      ).toEqual([]);
      const later = await claimNurture(b, {
        consumer: 'consumer-b',
        limit: 500,
        now: new Date(now.getTime() + 60_000),
      });
      expect(later.items.map((item) => item.leadId).sort()).toEqual([...due].sort());
    } finally {
      await dispose();
    }
  }, 30_000);
});
