import { randomUUID } from 'node:crypto';
import { allProjections, rebuildProjections, startProjector, type WorkerLogger } from '@leadger/projections';
import type { EventStore } from '@leadger/event-store';
import {
  ChangeSet,
  createReadStore,
  RedisReadStore,
  SqliteReadStore,
  type ReadStore,
} from '@leadger/read-store';
import { startRedisCluster, type TestRedisCluster } from '../support/redis-cluster';
import { tempSqliteStore } from '../support/temp-sqlite-store';
import { readStoreContract } from './read-store.contract';
import { generateHistory } from './support/generate-history';
import { dumpAll, eventually, headOf } from './support/read-models';

// The Redis read store on a real Redis Cluster of three masters, each with a replica, started on loopback
// ports for this file: the read-store contract, then a projector that keeps committing while the master
// serving its slot is killed, its replica takes over and the killed node comes back as a replica; and one
// whose slot's master is restarted at once, before any failover, and so comes back empty (nothing is kept on
// disk) and empties its replica too.

let cluster: TestRedisCluster | undefined;
beforeAll(async () => {
  cluster = await startRedisCluster({ masters: 3, replicas: 1, nodeTimeoutMs: 1000 });
}, 30_000);
afterAll(() => cluster?.stop());

const clusterStore = (prefix: string) =>
  new RedisReadStore({ clusterNodes: cluster!.nodes, keyPrefix: prefix });

/** A logger that keeps the messages. */
function recordingLogger(): WorkerLogger & { readonly lines: string[] } {
  const lines: string[] = [];
  const keep = (message: string) => void lines.push(message);
  return { lines, debug: keep, info: keep, warn: keep, error: keep };
}

/** Resolves once every read model's checkpoint is at the end of the log. */
async function caughtUpWith(store: ReadStore, events: EventStore): Promise<void> {
  const head = await headOf(events);
  const names = allProjections.map((p) => p.name);
  await eventually(
    `every read model at ${head}`,
    async () => [...(await store.readCheckpoints(names)).values()].every((c) => c?.position === head),
    30_000,
  );
}

/** The store's read models against a rebuild from the same log into a fresh store. */
async function expectEqualToRebuild(store: ReadStore, events: EventStore): Promise<void> {
  const fresh = new SqliteReadStore({ path: ':memory:' });
  try {
    await rebuildProjections({ eventStore: events, readStore: fresh });
    expect(await dumpAll(store)).toEqual(await dumpAll(fresh));
  } finally {
    await fresh.close();
  }
}

// Each test in a prefix, hence a slot, of its own; the cluster and its keys go at the end of the file.
readStoreContract('redis cluster', async () => {
  const store = clusterStore(`test:${randomUUID()}:`);
  return { store, dispose: () => store.close() };
});

describe('createReadStore with REDIS_CLUSTER_NODES', () => {
  it('gives a store on the cluster, its keys in the slot of the prefix', async () => {
    const prefix = `config-test:${randomUUID()}:`;
    const nodes = cluster!.nodes.join(', ');
    const store = createReadStore({ redisClusterNodes: nodes, redisKeyPrefix: prefix, dataDir: 'unused' });
    try {
      expect(store).toBeInstanceOf(RedisReadStore);
      const checkpoint = { id: 'm', expected: null, position: 5n, version: 1, storeId: 'log' };
      const changes = new ChangeSet();
      changes.add({ op: 'hincr', key: 'm:count', field: 'n', by: 3 });
      await store.commit({ changes, checkpoints: [checkpoint], leases: [] });
      expect(await store.hgetall(['m:count'])).toEqual([{ n: '3' }]);

      const key = `${prefix}{${prefix.slice(0, -1)}}:m:count`;
      const owner = (await cluster!.slotOwners(await cluster!.keySlot(key))).master;
      expect(await cluster!.cli(owner, 'hget', key, 'n')).toBe('3');
    } finally {
      await store.close();
    }
  });
});

describe('a projector on the cluster, the master of its slot killed mid-projection', () => {
  const events = tempSqliteStore();
  let readStore: RedisReadStore;
  beforeAll(() => (readStore = clusterStore(`failover-test:${randomUUID()}:`)));
  afterAll(async () => {
    await readStore.close();
    await events.dispose();
  });

  it('follows the failover to the replica and ends with read models equal to a rebuild', async () => {
    const slot = await cluster!.keySlot(readStore.prefix);
    const before = await cluster!.slotOwners(slot);
    expect(before.replicas).toHaveLength(1);

    const from = new Date('2025-01-01T00:00:00Z');
    await generateHistory(events.store, { leads: 250, seed: 11, from, spanDays: 60 });
    const first = await headOf(events.store);
    const projector = startProjector({
      eventStore: events.store,
      readStore,
      batchSize: 50,
      leaseMs: 3000,
      retryInitialMs: 50,
      retryMaxMs: 500,
    });
    let checkpointAtKill: bigint;
    try {
      await projector.caughtUp();
      // More leads arrive while the projector follows live, committing every few milliseconds; the master of
      // its slot dies in the middle of that.
      let appending = true;
      const more = generateHistory(events.store, {
        leads: 250,
        seed: 12,
        from,
        spanDays: 60,
        emailPrefix: 'late',
      }).finally(() => (appending = false));
      await eventually('some live appends', async () => (await headOf(events.store)) > first + 300n);
      checkpointAtKill = BigInt(projector.status().positions.funnel!);
      await cluster!.kill(before.master);
      expect(appending).toBe(true);

      // The replica takes over after the node timeout; the killed node then comes back as its replica.
      await eventually(
        'the replica to take the slot over',
        async () => (await cluster!.slotOwners(slot)).master !== before.master,
      );
      await cluster!.waitUntilOk();
      expect((await cluster!.slotOwners(slot)).master).toBe(before.replicas[0]);
      await cluster!.restart(before.master);
      await eventually('the old master to rejoin as a replica', async () =>
        (await cluster!.slotOwners(slot)).replicas.includes(before.master),
      );

      await more;
      // Whether a commit failed (the projector retries it) or waited in the client for the new master
      // (ioredis follows MOVED / CLUSTERDOWN) depends on timing; either way the read models must end right.
      const head = await headOf(events.store);
      expect(head).toBeGreaterThan(3000n);
      expect(checkpointAtKill).toBeLessThan(head);
      await caughtUpWith(readStore, events.store);
    } finally {
      await projector.stop();
    }
    await expectEqualToRebuild(readStore, events.store);

    // Every key the store wrote is in the one slot of its hash tag.
    const owner = (await cluster!.slotOwners(slot)).master;
    const stored = (await cluster!.cli(owner, '--scan', '--pattern', `${readStore.prefix}*`)).split('\n');
    const inSlot = new Set(
      (await cluster!.cli(owner, 'cluster', 'getkeysinslot', String(slot), '1000000')).split('\n'),
    );
    expect(stored.length).toBeGreaterThan(100);
    expect(stored.filter((key) => !inSlot.has(key))).toEqual([]);
  }, 60_000);
});

describe('a projector on the cluster, the master of its slot restarted empty mid-projection', () => {
  const events = tempSqliteStore();
  let readStore: RedisReadStore;
  beforeAll(() => (readStore = clusterStore(`restart-test:${randomUUID()}:`)));
  afterAll(async () => {
    await readStore.close();
    await events.dispose();
  });

  it('notices the lost checkpoints, rebuilds, and ends with read models equal to a rebuild', async () => {
    const slot = await cluster!.keySlot(readStore.prefix);
    const before = await cluster!.slotOwners(slot);
    const from = new Date('2025-01-01T00:00:00Z');
    await generateHistory(events.store, { leads: 150, seed: 21, from, spanDays: 60 });
    const first = await headOf(events.store);
    const logger = recordingLogger();
    const projector = startProjector({
      eventStore: events.store,
      readStore,
      batchSize: 50,
      leaseMs: 3000,
      retryInitialMs: 50,
      retryMaxMs: 500,
      logger,
    });
    try {
      await projector.caughtUp();
      let appending = true;
      const more = generateHistory(events.store, {
        leads: 150,
        seed: 22,
        from,
        spanDays: 60,
        emailPrefix: 'late',
      }).finally(() => (appending = false));
      await eventually('some live appends', async () => (await headOf(events.store)) > first + 200n);
      // Back well within the node timeout: still the master of its slots, with nothing in them.
      await cluster!.kill(before.master);
      await cluster!.restart(before.master);
      expect(appending).toBe(true);
      await cluster!.waitUntilOk();
      expect((await cluster!.slotOwners(slot)).master).toBe(before.master);
      await more;
      await caughtUpWith(readStore, events.store);
    } finally {
      await projector.stop();
    }
    // Each read model built from nothing twice: at the start, and again after the restart emptied the slot.
    expect(logger.lines.filter((line) => line === 'building read model from the start')).toHaveLength(
      2 * allProjections.length,
    );
    await expectEqualToRebuild(readStore, events.store);
  }, 60_000);
});
