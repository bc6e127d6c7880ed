import { randomUUID } from 'node:crypto';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors';
import type { EventStore } from '../event-store';

// EventStoreDB has no place for a store's own settings, so its identity (see `EventStore.storeId`) is the
// first event of a small well-known stream, written once by whichever process asks first. A user stream,
// not a `$` one: writing those needs admin rights. Log readers pass it over: the projector, export and audit
// verify only read `lead-` streams.

/** The stream holding the identity. */
export const STORE_IDENTITY_STREAM = 'leadger-store';
const STORE_IDENTIFIED = 'StoreIdentified';

/** The store's id: read from the identity stream, or written there first with `no_stream` when absent. */
export async function readOrCreateStoreId(
  store: Pick<EventStore, 'readStream' | 'appendToStream'>,
): Promise<string> {
  // Two rounds at most: when two processes write at once, `no_stream` lets one win and the other reads it.
  for (let round = 0; round < 2; round++) {
    const read = await store.readStream(STORE_IDENTITY_STREAM, { maxCount: 1 });
    if (read.found) {
      const storeId = read.events[0]?.data.storeId;
      if (typeof storeId === 'string' && storeId) return storeId;
      throw new EventStoreUnavailableError(`stream ${STORE_IDENTITY_STREAM} holds no store id`);
    }
    const identified = {
      id: randomUUID(),
      type: STORE_IDENTIFIED,
      data: { storeId: randomUUID() },
      metadata: {},
    };
    try {
      await store.appendToStream(STORE_IDENTITY_STREAM, [identified], 'no_stream');
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }
  throw new EventStoreUnavailableError(`stream ${STORE_IDENTITY_STREAM} could not be read back`);
}
