import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore } from '../../event-store/src/sqlite/sqlite-event-store';
import type { RecordedEvent } from '@leadger/event-store';
import type { OwnerCommand, OwnerProfile } from '@leadger/lead-domain';
import { tempSqliteStore } from '../../../test/support/temp-sqlite-store';
import { IdempotencyKeyReusedError, OwnerInputError, StaleRevisionError } from './errors';
import { verifyChain } from './hash-chain';
import { ownerStream } from './owner-stream';
import { setOwner, type OwnerCommandContext, type OwnerCommandDeps } from './set-owner';

const now = new Date('2026-11-23T10:00:00.000Z');
const actor = 'admin-ana';
const bob: OwnerProfile = { name: 'Bob Lee', teams: ['sdr'], active: true, capacity: 20 };

let temp: ReturnType<typeof tempSqliteStore>;
let deps: OwnerCommandDeps;

beforeEach(() => {
  temp = tempSqliteStore();
  deps = { store: temp.store, clock: () => now, newId: randomUUID };
});
afterEach(() => temp.dispose());

const command = (profile: Partial<OwnerProfile> = {}, ownerId = 'bob'): OwnerCommand => ({
  type: 'SetOwner',
  data: { ownerId, ...bob, ...profile },
  metadata: { occurredAt: now.toISOString() },
});

const run = (profile: Partial<OwnerProfile> = {}, context: Partial<OwnerCommandContext> = {}) =>
  setOwner(deps, command(profile), { actor, ...context });

async function streamOf(ownerId = 'bob'): Promise<readonly RecordedEvent[]> {
  const read = await temp.store.readStream(ownerStream(ownerId));
  return read.found ? read.events : [];
}

describe('setOwner on the SQLite store', () => {
  it('adds an owner at revision 0 of owner-<id>, with the metadata and hash chain of a lead event', async () => {
    const outcome = await run({}, { commandId: 'key-1', correlationId: 'flow-9' });
    expect(outcome).toEqual({
      ownerId: 'bob',
      owner: bob,
      revision: 0n,
      position: expect.any(BigInt),
      events: [
        { type: 'OwnerSet', data: { ownerId: 'bob', ...bob }, metadata: { occurredAt: now.toISOString() } },
      ],
      created: true,
      replayed: false,
    });
    const [stored] = await streamOf();
    expect(stored).toMatchObject({
      type: 'OwnerSet',
      position: outcome.position,
      data: { ownerId: 'bob', ...bob },
    });
    expect(stored.metadata).toEqual({
      actor,
      onBehalfOf: null,
      commandId: 'key-1',
      command: 'SetOwner',
      correlationId: 'flow-9',
      causationId: 'key-1',
      occurredAt: now.toISOString(),
      recordedAt: now.toISOString(),
      schemaVersion: 1,
      prevHash: null,
      requestHash: null,
      policy: null,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('records nothing when the same profile is set again, and answers the owner as they are', async () => {
    const first = await run();
    const again = await run({ teams: ['sdr', ' sdr '] });
    expect(again).toEqual({ ...first, events: [], created: false });
    expect(await streamOf()).toHaveLength(1);
  });

  it('records a change at the next revision, chained to the one before', async () => {
    await run();
    const changed = await run({ active: false, capacity: null });
    expect(changed).toMatchObject({
      owner: { ...bob, active: false, capacity: null },
      revision: 1n,
      created: false,
      events: [{ type: 'OwnerSet' }],
    });
    const events = await streamOf();
    expect(events.map((event) => event.revision)).toEqual([0n, 1n]);
    expect(verifyChain(events)).toBeUndefined();
  });

  it('refuses a bad field by name and appends nothing', async () => {
    const refused = run({ capacity: -1 });
    await expect(refused).rejects.toBeInstanceOf(OwnerInputError);
    await expect(refused).rejects.toMatchObject({ field: 'capacity' });
    await expect(setOwner(deps, command({}, 'Bob Lee'), { actor })).rejects.toMatchObject({
      field: 'ownerId',
    });
    expect(await streamOf()).toHaveLength(0);
  });

  describe('idempotency key', () => {
    it('answers a retry with the first answer, even after the owner changed since, and appends nothing', async () => {
      const first = await run({}, { commandId: 'put-1', requestHash: 'h' });
      await run({ active: false });
      const retry = await run({}, { commandId: 'put-1', requestHash: 'h' });
      expect(retry).toEqual({ ...first, replayed: true });
      expect(await streamOf()).toHaveLength(2);
    });

    it('refuses the same key with another request', async () => {
      await run({}, { commandId: 'put-1', requestHash: 'h' });
      const reused = run({ name: 'Robert Lee' }, { commandId: 'put-1', requestHash: 'other' });
      await expect(reused).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
      await expect(reused).rejects.toMatchObject({ firstCommand: 'SetOwner' });
      expect(await streamOf()).toHaveLength(1);
    });
  });

  describe('expected revision (If-Match)', () => {
    it('applies the change when the revision is current', async () => {
      await run();
      await expect(run({ capacity: 5 }, { expectedRevision: 0n })).resolves.toMatchObject({ revision: 1n });
    });

    it('refuses a stale revision, naming the owner, and appends nothing', async () => {
      await run();
      await run({ capacity: 5 });
      const stale = run({ capacity: 6 }, { expectedRevision: 0n });
      await expect(stale).rejects.toBeInstanceOf(StaleRevisionError);
      await expect(stale).rejects.toMatchObject({ subject: { ownerId: 'bob' }, expected: 0n, actual: 1n });
      expect(await streamOf()).toHaveLength(2);
    });
  });

  it('decides again when another process changed the owner meanwhile: every change lands, chained', async () => {
    const other = new SqliteEventStore({ path: join(temp.dir, 'events.sqlite'), pollIntervalMs: 20 });
    try {
      const sides = [temp.store, other].map((store) => ({ ...deps, store }));
      await setOwner(sides[0], command(), { actor });
      const capacities = Array.from({ length: 10 }, (_, i) => i);
      await Promise.all(
        capacities.map((capacity) => setOwner(sides[capacity % 2], command({ capacity }), { actor })),
      );
      const events = await streamOf();
      expect(events).toHaveLength(11);
      expect(verifyChain(events)).toBeUndefined();
      expect(events.slice(1).map((event) => event.data.capacity)).toEqual(expect.arrayContaining(capacities));
    } finally {
      await other.close();
    }
  });
});
