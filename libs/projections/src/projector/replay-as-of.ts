import type { EventStore } from '@leadger/event-store';
import { ChangeSet, MemoryReadStore, type ReadStore } from '@leadger/read-store';
import { allProjections } from '../all-projections';
import { ms } from '../figures';
import type { ProjectedEvent, Projection } from '../projection';
import { ProjectionCursor } from './project-batch';
import { toProjectedEvent } from './projected-event';
import { PROJECTOR_FILTER } from './session';

/** Events read per page: a page is read and projected before the event loop gets a turn. */
const PAGE_SIZE = 5000;

/** Which events a replay applies; the others are passed over. */
export type EventFilter = (event: ProjectedEvent) => boolean;

/** Keeps the events the store took strictly before `moment`. */
export const recordedBefore =
  (moment: Date): EventFilter =>
  (event) =>
    ms(event.recordedAt) < moment.getTime();

export interface ReplayAsOfOptions {
  readonly eventStore: EventStore;
  readonly moment: Date;
  /** Business time (`occurredAt`, default) or the time the store took each event (`recordedAt`). */
  readonly by?: 'occurredAt' | 'recordedAt';
  /** Default: every projection. */
  readonly projections?: readonly Projection[];
  /** Called after each page with its last position and size: progress for long replays. */
  readonly onCommitted?: (position: bigint, events: number) => void;
}

/**
 * The read models as they were at `moment`, projected by the same definitions into a throwaway in-memory
 * store; the caller queries it and closes it. Business time bounds the read itself (the store passes over
 * what happened later, and over the types no projection handles); the time each event was recorded is
 * only known once it is read. Nothing else can see the store, so there are no leases, batches or
 * checkpoints along the way: each event's changes are written as they come, as a projector would have
 * committed them, and the checkpoints are set once, at the head of the log as the replay began (or the
 * last event read, if later): the answer's position says how much of the log was weighed.
 */
export async function replayAsOf(options: ReplayAsOfOptions): Promise<ReadStore> {
  const { eventStore, moment } = options;
  const projections = options.projections ?? allProjections;
  const cursors = projections.map((projection) => new ProjectionCursor(projection, null));
  const include = options.by === 'recordedAt' ? recordedBefore(moment) : () => true;
  const store = new MemoryReadStore();
  try {
    const storeId = await eventStore.storeId();
    // Every event up to here is weighed (kept or passed over) before the loop ends: what the answer reflects.
    const head = await eventStore.headPosition();
    let last: bigint | undefined;
    for (;;) {
      const page = await eventStore.readAll({
        after: last,
        maxCount: PAGE_SIZE,
        filter: PROJECTOR_FILTER,
        // All a projection reads of the metadata (see toProjectedEvent).
        metadataFields: ['occurredAt', 'recordedAt'],
        occurredBefore: options.by === 'recordedAt' ? undefined : moment,
        types: [...new Set(projections.flatMap((projection) => projection.eventTypes))],
      });
      if (page.length === 0) break;
      for (const recorded of page) {
        const event = toProjectedEvent(recorded);
        if (event === null || !include(event)) continue;
        for (const cursor of cursors) {
          if (!cursor.wants(event)) continue;
          const changes = cursor.projection.apply(store, event);
          for (const change of changes) cursor.assertOwns(change.key);
          store.write(changes);
        }
      }
      last = page[page.length - 1].position;
      options.onCommitted?.(last, page.length);
      // The reads are synchronous on the embedded store: let timers and other requests in between pages.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const reached = last === undefined || last < head ? head : last;
    if (reached > 0n) {
      const checkpoints = projections.map(({ name, version }) => ({
        id: name,
        expected: null,
        position: reached,
        version,
        storeId,
      }));
      await store.commit({ changes: new ChangeSet(), checkpoints, leases: [] });
    }
    return store;
  } catch (error) {
    await store.close();
    throw error;
  }
}
