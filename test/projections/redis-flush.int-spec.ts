import Redis from 'ioredis';
import { allProjections, rebuildProjections, startProjector, type WorkerLogger } from '@leadger/projections';
import { RedisReadStore, SqliteReadStore } from '@leadger/read-store';
import { tempSqliteStore } from '../support/temp-sqlite-store';
import { generateHistory } from './support/generate-history';
import { dumpAll, eventually, headOf } from './support/read-models';
import { REDIS_URL } from './support/temp-read-stores';

// Redis keeps nothing on disk here: a restart comes back empty. FLUSHDB while the projector runs stands in
// for that. This test owns DB index 13 of the shared Redis (no other test uses it), so flushing it cannot
// touch anyone else's keys.
const DB = 13;
const url = `${REDIS_URL.replace(/\/\d+$/, '')}/${DB}`;

describe('Redis flushed while the projector runs', () => {
  const events = tempSqliteStore();
  const readStore = new RedisReadStore({ url, keyPrefix: 'flush-test:' });
  const admin = new Redis(url);
  const lines: string[] = [];
  const logger: WorkerLogger = {
    debug: (message) => lines.push(message),
    info: (message) => lines.push(message),
    warn: (message) => lines.push(message),
    error: (message) => lines.push(message),
  };

  beforeAll(() => admin.flushdb());
  afterAll(async () => {
    await admin.flushdb();
    admin.disconnect();
    await readStore.close();
    await events.dispose();
  });

  it('notices the missing checkpoint, rebuilds, and ends equal to a fresh rebuild', async () => {
    const from = new Date('2025-01-01T00:00:00Z');
    await generateHistory(events.store, { leads: 200, seed: 1, from, spanDays: 60 });
    const before = await headOf(events.store);
    const projector = startProjector({
      eventStore: events.store,
      readStore,
      batchSize: 25,
      leaseMs: 900,
      retryInitialMs: 20,
      logger,
    });
    try {
      await projector.caughtUp();
      // More leads arrive while the projector follows live; Redis is flushed in the middle of it.
      const more = generateHistory(events.store, {
        leads: 200,
        seed: 2,
        from,
        spanDays: 60,
        emailPrefix: 'late',
      });
      await eventually('some live appends', async () => (await headOf(events.store)) > before + 300n);
      await admin.flushdb();
      await more;
      const head = await headOf(events.store);
      await eventually('the projector to rebuild and catch up', async () =>
        [
          ...(await readStore.readCheckpoints(allProjections.map((projection) => projection.name))).values(),
        ].every((checkpoint) => checkpoint?.position === head),
      );
    } finally {
      await projector.stop();
    }
    // Built from nothing once at the start and once more after the flush, each of the four read models.
    expect(
      lines.filter((line) => line === 'building read model from the start').length,
    ).toBeGreaterThanOrEqual(8);

    const fresh = new SqliteReadStore({ path: ':memory:' });
    try {
      await rebuildProjections({ eventStore: events.store, readStore: fresh });
      expect(await dumpAll(readStore)).toEqual(await dumpAll(fresh));
    } finally {
      await fresh.close();
    }
  }, 40_000);
});
