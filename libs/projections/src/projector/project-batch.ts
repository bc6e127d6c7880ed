import type { RecordedEvent } from '@leadger/event-store';
import type { CheckpointMove, ChangeSet, FieldRef, ReadStore } from '@leadger/read-store';
import type { Projection, ProjectedEvent } from '../projection';
import type { FieldCache } from './field-cache';
import { BatchOverlay } from './overlay';
import { toProjectedEvent } from './projected-event';

/** A projection and where its read model stands: `null` before its first commit. */
export class ProjectionCursor {
  private readonly handles: ReadonlySet<string>;
  private readonly namespace: string;

  constructor(
    readonly projection: Projection,
    public checkpoint: bigint | null,
  ) {
    this.handles = new Set(projection.eventTypes);
    this.namespace = `${projection.name}:`;
  }

  /** Whether this event is one this projection must still apply. */
  wants(event: ProjectedEvent): boolean {
    return (this.checkpoint === null || event.position > this.checkpoint) && this.handles.has(event.type);
  }

  /** Keys outside a projection's namespace would survive its drop and corrupt a rebuild. */
  assertOwns(key: string): void {
    if (!key.startsWith(this.namespace)) {
      throw new Error(`projection ${this.projection.name} wrote ${key}, outside its namespace`);
    }
  }
}

export interface ProjectedBatch {
  readonly changes: ChangeSet;
  readonly moves: CheckpointMove[];
}

/**
 * Applies a batch of events to every projection that has not seen them yet, in memory: one read of every
 * memo the batch needs, then pure handlers against the overlay. Checkpoints move to the batch's last
 * position even for projections that had nothing to do, so a query waiting for that position returns;
 * each keeps `storeId`, the event store the events came from.
 */
export async function projectBatch(
  store: ReadStore,
  cursors: readonly ProjectionCursor[],
  events: readonly RecordedEvent[],
  storeId: string,
  cache?: FieldCache,
): Promise<ProjectedBatch> {
  const overlay = new BatchOverlay(cache);
  if (events.length === 0) return { changes: overlay.changes, moves: [] };
  const projected: ProjectedEvent[] = [];
  for (const event of events) {
    const seen = toProjectedEvent(event);
    if (seen !== null) projected.push(seen);
  }

  const refs: FieldRef[] = [];
  for (const event of projected) {
    for (const cursor of cursors) {
      if (cursor.wants(event)) for (const ref of cursor.projection.reads(event)) refs.push(ref);
    }
  }
  await overlay.load(store, refs);

  for (const event of projected) {
    for (const cursor of cursors) {
      if (!cursor.wants(event)) continue;
      const changes = cursor.projection.apply(overlay, event);
      for (const change of changes) cursor.assertOwns(change.key);
      overlay.add(changes);
    }
  }

  const last = events[events.length - 1].position;
  const moves = cursors
    .filter((cursor) => cursor.checkpoint === null || last > cursor.checkpoint)
    .map((cursor) => ({
      id: cursor.projection.name,
      expected: cursor.checkpoint,
      position: last,
      version: cursor.projection.version,
      storeId,
    }));
  return { changes: overlay.changes, moves };
}
