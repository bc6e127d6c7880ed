import { randomUUID } from 'node:crypto';
import type { EventStore } from '@leadger/event-store';
import type { LeaseHolder, ReadStore } from '@leadger/read-store';
import { allProjections } from '../all-projections';
import type { Projection } from '../projection';
import { LeaseKeeper } from '@leadger/subscriptions';
import { ProjectionCursor } from './project-batch';
import { Session } from './session';

/** A live projector holds the lease of a read model the rebuild was asked to drop. */
export class LeaseHeldError extends Error {
  readonly code = 'lease_held';

  constructor(
    readonly projection: string,
    readonly holder: LeaseHolder | null,
  ) {
    super(`read model ${projection} is being written by ${holder?.token ?? 'another instance'}`);
    this.name = 'LeaseHeldError';
  }
}

export interface RebuildOptions {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  /** Default: every projection. */
  readonly projections?: readonly Projection[];
  /** Default 5000. */
  readonly batchSize?: number;
  /** Called after each committed batch with its last position and size: progress for long rebuilds. */
  readonly onCommitted?: (position: bigint, events: number) => void;
}

/**
 * Drops the read models and their checkpoints, then replays the whole log into them and stops once caught
 * up. It writes only to the read store: no policies run, nothing is appended. Refuses with
 * `LeaseHeldError` while a live projector holds a lease; holds the leases itself meanwhile.
 */
export async function rebuildProjections(options: RebuildOptions): Promise<{ position: string | null }> {
  const { readStore } = options;
  const projections = options.projections ?? allProjections;
  const names = projections.map((p) => p.name);
  const leases = new LeaseKeeper(readStore, names, `rebuild:${randomUUID()}`, 30_000);
  if (!(await leases.tryAcquire())) {
    const held = await Promise.all(
      names.map(async (name) => ({ name, holder: await readStore.leaseHolder(name) })),
    );
    const blocking = held.find(({ holder }) => holder !== null) ?? held[0];
    throw new LeaseHeldError(blocking.name, blocking.holder);
  }
  try {
    // Asked before anything is dropped: a store that cannot say who it is fails the rebuild early.
    const storeId = await options.eventStore.storeId();
    for (const name of names) await readStore.drop(name);
    // The namespaces are empty now: where the store can, the rebuild is written aside and moved in at the end.
    const stage = await readStore.stage?.(names);
    const cursors = projections.map((projection) => new ProjectionCursor(projection, null));
    const session = new Session({
      eventStore: options.eventStore,
      readStore,
      cursors,
      storeId,
      leases: () => leases.leases(),
      batchSize: options.batchSize ?? 5000,
      flushDelayMs: 5,
      untilCaughtUp: true,
      storeStartsEmpty: true,
      onCommitted: options.onCommitted,
    });
    leases.keepRenewing((lost) => session.abort(lost));
    try {
      await session.done;
      await stage?.publish(leases.leases());
    } catch (error) {
      await stage?.discard();
      throw error;
    }
    const reached = cursors[0]?.checkpoint ?? null;
    return { position: reached === null ? null : String(reached) };
  } finally {
    await leases.release();
  }
}
