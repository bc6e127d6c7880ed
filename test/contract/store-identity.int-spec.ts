import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';
import {
  readOrCreateStoreId,
  STORE_IDENTITY_STREAM,
} from '../../libs/event-store/src/eventstoredb/store-identity';

// EventStoreDB keeps its store id in a well-known stream (no server here to run that adapter on): the same
// read-or-write is run on another store with the port's semantics, the embedded one, whose own id lives
// elsewhere, so the stream starts empty.

describe('the store id kept in a stream (EventStoreDB)', () => {
  let store: SqliteEventStore;
  beforeEach(() => (store = new SqliteEventStore({ path: ':memory:' })));
  afterEach(() => store.close());

  it('is written once, by whichever of several first callers wins, and read back by all', async () => {
    const ids = await Promise.all([1, 2, 3, 4].map(() => readOrCreateStoreId(store)));
    expect(new Set(ids).size).toBe(1);
    expect(await readOrCreateStoreId(store)).toBe(ids[0]);
    const stream = await store.readStream(STORE_IDENTITY_STREAM);
    expect(stream.found && stream.events.map((e) => [e.type, e.data.storeId])).toEqual([
      ['StoreIdentified', ids[0]],
    ]);
  });

  it('refuses a stream that holds something else rather than inventing a second id', async () => {
    await store.appendToStream(
      STORE_IDENTITY_STREAM,
      [{ id: '6f1c1e52-3a1e-4a59-9d2e-1a1b1c1d1e1f', type: 'Other', data: {}, metadata: {} }],
      'no_stream',
    );
    await expect(readOrCreateStoreId(store)).rejects.toThrow(/holds no store id/);
  });
});
