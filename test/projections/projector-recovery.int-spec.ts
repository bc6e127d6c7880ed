import { randomUUID } from 'node:crypto';
import { handleCommand } from '@leadger/lead-application';
import {
  allProjections,
  funnel,
  LeaseHeldError,
  rebuildProjections,
  startProjector,
  waitForPosition,
  type ProjectorHandle,
} from '@leadger/projections';
import { RedisReadStore, SqliteReadStore, type ReadStore } from '@leadger/read-store';
import { cmd } from '@leadger/lead-domain/testing';
import { tempSqliteStore } from '../support/temp-sqlite-store';
import { flaky } from './support/flaky-event-store';
import { generateHistory } from './support/generate-history';
import { dumpAll, eventually, headOf } from './support/read-models';
import { tempIdentity } from '../support/temp-identity';
import { TcpProxy } from './support/tcp-proxy';
import { deletePrefix, REDIS_URL, tempSqliteReadStore } from './support/temp-read-stores';

const from = new Date('2025-01-01T00:00:00Z');
const names = allProjections.map((projection) => projection.name);
const fast = { batchSize: 50, leaseMs: 600, retryInitialMs: 20, retryMaxMs: 200 };

async function caughtUpTo(store: ReadStore, head: bigint): Promise<boolean> {
  return [...(await store.readCheckpoints(names)).values()].every(
    (checkpoint) => checkpoint?.position === head,
  );
}

/** The read models equal a rebuild of the same log into a fresh store. */
async function expectEqualToRebuild(
  events: Parameters<typeof rebuildProjections>[0]['eventStore'],
  store: ReadStore,
) {
  const fresh = new SqliteReadStore({ path: ':memory:' });
  try {
    await rebuildProjections({ eventStore: events, readStore: fresh });
    expect(await dumpAll(store)).toEqual(await dumpAll(fresh));
  } finally {
    await fresh.close();
  }
}

describe('projector recovery', () => {
  let events: ReturnType<typeof tempSqliteStore>;
  // Generating the history takes a second on a quiet machine, many on a loaded one.
  beforeEach(async () => {
    events = tempSqliteStore();
    await generateHistory(events.store, { leads: 150, seed: 3, from, spanDays: 30 });
  }, 30_000);
  afterEach(() => events.dispose());

  it('rides out Redis going away and coming back, resuming from its checkpoint', async () => {
    const proxy = new TcpProxy('127.0.0.1', Number(new URL(REDIS_URL).port || 6379));
    const port = await proxy.start();
    const prefix = `test:${randomUUID()}:`;
    const readStore = new RedisReadStore({ url: `redis://127.0.0.1:${port}`, keyPrefix: prefix });
    const projector = startProjector({ eventStore: events.store, readStore, ...fast });
    try {
      await projector.caughtUp();
      await proxy.stop();
      await generateHistory(events.store, { leads: 100, seed: 4, from, spanDays: 30, emailPrefix: 'late' });
      await eventually('a failed commit', async () => projector.status().state === 'retrying');
      await proxy.start();
      const head = await headOf(events.store);
      await eventually('catching up after Redis came back', () => caughtUpTo(readStore, head));
    } finally {
      await projector.stop();
      await proxy.stop();
    }
    const direct = new RedisReadStore({ url: REDIS_URL, keyPrefix: prefix });
    try {
      await expectEqualToRebuild(events.store, direct);
    } finally {
      await Promise.all([readStore.close(), direct.close()]);
      await deletePrefix(REDIS_URL, prefix);
    }
  }, 30_000);

  it('rides out the event store going away and coming back', async () => {
    const store = flaky(events.store);
    const read = tempSqliteReadStore();
    const projector = startProjector({ eventStore: store, readStore: read.store, ...fast });
    try {
      await projector.caughtUp();
      store.down = true;
      await generateHistory(events.store, { leads: 100, seed: 4, from, spanDays: 30, emailPrefix: 'late' });
      await eventually('a failed read', async () => projector.status().state === 'retrying');
      store.down = false;
      const head = await headOf(events.store);
      await eventually('catching up after the event store came back', () => caughtUpTo(read.store, head));
      await projector.stop();
      await expectEqualToRebuild(events.store, read.store);
    } finally {
      await projector.stop();
      await read.dispose();
    }
  }, 30_000);

  it('lets one projector write at a time: a second waits, a rebuild refuses, the second takes over', async () => {
    const read = tempSqliteReadStore();
    const first = startProjector({
      eventStore: events.store,
      readStore: read.store,
      ...fast,
      instanceId: 'first',
    });
    let second: ProjectorHandle | undefined;
    try {
      await first.caughtUp();
      second = startProjector({
        eventStore: events.store,
        readStore: read.store,
        ...fast,
        instanceId: 'second',
      });
      await eventually('the second to stand by', async () => second!.status().state === 'standby');
      await expect(
        rebuildProjections({ eventStore: events.store, readStore: read.store }),
      ).rejects.toBeInstanceOf(LeaseHeldError);
      expect((await read.store.leaseHolder('funnel'))?.token).toBe('first');

      await first.stop();
      await generateHistory(events.store, { leads: 50, seed: 4, from, spanDays: 30, emailPrefix: 'late' });
      const head = await headOf(events.store);
      await eventually('the second to take over', () => caughtUpTo(read.store, head));
      expect((await read.store.leaseHolder('funnel'))?.token).toBe('second');
    } finally {
      await first.stop();
      await second?.stop();
      await read.dispose();
    }
  }, 30_000);

  it('takes over a lease left behind by a dead instance once it lapses', async () => {
    const read = tempSqliteReadStore();
    for (const name of names) await read.store.acquireLease(name, 'dead', 400);
    const projector = startProjector({ eventStore: events.store, readStore: read.store, ...fast });
    try {
      expect(projector.status().state).not.toBe('live');
      await projector.caughtUp();
      expect(await caughtUpTo(read.store, await headOf(events.store))).toBe(true);
    } finally {
      await projector.stop();
      await read.dispose();
    }
  }, 30_000);

  it('lets a query wait for the position a command answered with (read your writes)', async () => {
    const read = tempSqliteReadStore();
    const projector = startProjector({ eventStore: events.store, readStore: read.store, flushDelayMs: 1 });
    const identity = tempIdentity();
    try {
      await projector.caughtUp();
      const before = (await funnel(read.store)).total.reached.lead;
      const deps = {
        store: events.store,
        personalData: identity.personalData,
        clock: () => new Date(),
        newId: randomUUID,
      };
      const { position } = await handleCommand(deps, cmd.captureLead(), { actor: 'test' });
      const waited = await waitForPosition(read.store, ['funnel'], position, 5000);
      expect(waited).toEqual({ reached: true, position: String(position) });
      expect((await funnel(read.store)).total.reached.lead).toBe(before + 1);
      expect(await waitForPosition(read.store, ['funnel'], position + 1n, 50)).toEqual({
        reached: false,
        position: String(position),
      });
    } finally {
      await projector.stop();
      await read.dispose();
      await identity.dispose();
    }
  });
});
