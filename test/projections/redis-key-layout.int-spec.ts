import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { allProjections, rebuildProjections, startProjector, type WorkerLogger } from '@leadger/projections';
import { RedisReadStore, SqliteReadStore } from '@leadger/read-store';
import { tempSqliteStore } from '../support/temp-sqlite-store';
import { generateHistory } from './support/generate-history';
import { dumpAll, headOf } from './support/read-models';
import { deletePrefix, REDIS_URL } from './support/temp-read-stores';

// Read models written before keys carried a hash tag (`<prefix>funnel:…`, `<prefix>checkpoint:funnel`) are
// not the store's any more: it looks under `<prefix>{<prefix>}:`, finds no checkpoint, and rebuilds, never
// reading a stale figure from the old keys, even a checkpoint at the head of the same log.

describe('read models in the key layout before hash tags', () => {
  const events = tempSqliteStore();
  const prefix = `layout-test:${randomUUID()}:`;
  const readStore = new RedisReadStore({ url: REDIS_URL, keyPrefix: prefix });
  const raw = new Redis(REDIS_URL);
  const lines: string[] = [];
  const logger: WorkerLogger = {
    debug: (message) => lines.push(message),
    info: (message) => lines.push(message),
    warn: (message) => lines.push(message),
    error: (message) => lines.push(message),
  };

  afterAll(async () => {
    await readStore.close();
    raw.disconnect();
    await deletePrefix(REDIS_URL, prefix);
    await events.dispose();
  });

  it('are not read: the projector finds no checkpoint and builds every read model from the start', async () => {
    await generateHistory(events.store, {
      leads: 60,
      seed: 7,
      from: new Date('2025-01-01T00:00:00Z'),
      spanDays: 30,
    });
    const head = await headOf(events.store);
    const storeId = await events.store.storeId();
    // The old layout, as the store wrote it: up to date with this very log, but with made-up figures.
    for (const { name, version } of allProjections) {
      await raw.hset(`${prefix}checkpoint:${name}`, { position: String(head), version, store: storeId });
      await raw.hset(`${prefix}${name}:stale`, { n: '999' });
    }

    const projector = startProjector({ eventStore: events.store, readStore, logger });
    try {
      await projector.caughtUp();
    } finally {
      await projector.stop();
    }
    expect(lines.filter((line) => line === 'building read model from the start')).toHaveLength(
      allProjections.length,
    );

    const fresh = new SqliteReadStore({ path: ':memory:' });
    try {
      await rebuildProjections({ eventStore: events.store, readStore: fresh });
      const dumps = await dumpAll(readStore);
      expect(dumps).toEqual(await dumpAll(fresh));
      expect(dumps.funnel.checkpoints).toEqual({ funnel: String(head) });
    } finally {
      await fresh.close();
    }
  }, 30_000);
});
