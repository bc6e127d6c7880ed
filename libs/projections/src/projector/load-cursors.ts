import type { EventStore } from '@leadger/event-store';
import type { ReadStore } from '@leadger/read-store';
import type { Projection } from '../projection';
import {
  checkOrigin,
  mismatchHeadline,
  ReadModelMismatchError,
  type Mismatch,
  type ReadModelMismatchPolicy,
} from './log-origin';
import type { WorkerLogger } from '@leadger/subscriptions';
import { ProjectionCursor } from './project-batch';

export interface LoadedCursors {
  readonly cursors: ProjectionCursor[];
  /** The event store's id, for every checkpoint the session writes. */
  readonly storeId: string;
  /** Read models found built from another log (or past its end) and dropped to be rebuilt. */
  readonly rebuilt: readonly Mismatch[];
}

/**
 * Where each projection resumes. A projection without a checkpoint — never built, dropped, or lost with a
 * flushed Redis — or with one written by another version has its namespace dropped and is built from the
 * start; anything left under it would otherwise be counted twice. So is one whose checkpoint belongs to
 * another log or lies past this log's end, loudly, unless the policy is `refuse`: then nothing is touched
 * and `ReadModelMismatchError` says why.
 */
export async function loadCursors(
  readStore: ReadStore,
  eventStore: EventStore,
  projections: readonly Projection[],
  logger: WorkerLogger,
  policy: ReadModelMismatchPolicy,
): Promise<LoadedCursors> {
  const { stored, log, mismatches } = await checkOrigin(
    readStore,
    eventStore,
    projections.map((p) => p.name),
  );
  if (mismatches.length > 0 && policy === 'refuse') throw new ReadModelMismatchError(mismatches, log);
  const cursors: ProjectionCursor[] = [];
  for (const projection of projections) {
    const checkpoint = stored.get(projection.name) ?? null;
    const mismatch = mismatches.find((m) => m.projection === projection.name);
    if (checkpoint && !mismatch && checkpoint.version === projection.version) {
      cursors.push(new ProjectionCursor(projection, checkpoint.position));
      continue;
    }
    if (mismatch) {
      logger.error(`${mismatchHeadline(mismatch)}; rebuilding it from this log`, {
        ...mismatch,
        storeId: log.storeId,
        head: String(log.head),
      });
    }
    const why = mismatch
      ? mismatch.reason
      : checkpoint
        ? `version ${checkpoint.version} → ${projection.version}`
        : 'no checkpoint';
    logger.info('building read model from the start', { projection: projection.name, why });
    await readStore.drop(projection.name);
    cursors.push(new ProjectionCursor(projection, null));
  }
  return { cursors, storeId: log.storeId, rebuilt: mismatches };
}
