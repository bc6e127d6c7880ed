import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore } from '../../event-store/src/sqlite/sqlite-event-store';
import type { OwnerProfile } from '@leadger/lead-domain';
import { tempSqliteStore } from '../../../test/support/temp-sqlite-store';
import { OwnerRoster } from './owner-roster';
import { setOwner, type OwnerCommandDeps } from './set-owner';

let temp: ReturnType<typeof tempSqliteStore>;
let deps: OwnerCommandDeps;

beforeEach(() => {
  temp = tempSqliteStore();
  deps = { store: temp.store, clock: () => new Date(), newId: randomUUID };
});
afterEach(() => temp.dispose());

const put = (ownerId: string, profile: Partial<OwnerProfile> = {}) =>
  setOwner(
    deps,
    {
      type: 'SetOwner',
      data: { ownerId, name: ownerId, teams: ['sdr'], active: true, capacity: null, ...profile },
      metadata: { occurredAt: new Date().toISOString() },
    },
    { actor: 'admin' },
  );

describe('OwnerRoster', () => {
  it('lists every owner by id, as their last OwnerSet has them, with its revision', async () => {
    await put('cy');
    await put('ana', { teams: ['ae'] });
    await put('ana', { teams: ['ae'], active: false });
    await temp.store.appendToStream(
      'lead-00000000-0000-4000-8000-000000000000',
      [{ id: randomUUID(), type: 'LeadErased', data: {}, metadata: {} }],
      'no_stream',
    );
    expect(await new OwnerRoster(temp.store).list()).toEqual([
      { ownerId: 'ana', name: 'ana', teams: ['ae'], active: false, capacity: null, revision: 1n },
      { ownerId: 'cy', name: 'cy', teams: ['sdr'], active: true, capacity: null, revision: 0n },
    ]);
  });

  it('holds every change answered before it asks, also those another process made', async () => {
    const other = new SqliteEventStore({ path: join(temp.dir, 'events.sqlite'), pollIntervalMs: 20 });
    try {
      const roster = new OwnerRoster(other);
      expect(await roster.list()).toEqual([]);
      await put('bob');
      expect((await roster.list()).map((o) => o.ownerId)).toEqual(['bob']);
      await put('bob', { capacity: 3 });
      await put('al');
      const [page, more] = await Promise.all([roster.page(undefined, 1), roster.page('al', 1)]);
      expect(page).toEqual({ owners: [expect.objectContaining({ ownerId: 'al' })], nextCursor: 'al' });
      expect(more).toEqual({
        owners: [expect.objectContaining({ ownerId: 'bob', capacity: 3, revision: 1n })],
        nextCursor: null,
      });
    } finally {
      await other.close();
    }
  });
});
