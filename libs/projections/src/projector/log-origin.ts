import type { EventStore } from '@leadger/event-store';
import type { ReadStore, StoredCheckpoint } from '@leadger/read-store';

// A checkpoint is a position in one log. Read models resumed on another log (a fresh data dir against the
// same Redis, two deployments sharing a read store, a restored backup) would skip that log's events up to
// the stored position and answer `?after=` at once with another log's figures. So every checkpoint keeps
// the event store's id, and is checked against the log the projector is about to read: the same id, and
// not past the log's end.

/** What to do with read models that do not belong to this log: build them again, or leave them alone. */
export type ReadModelMismatchPolicy = 'rebuild' | 'refuse';

/** Why one read model's checkpoint cannot be trusted on this log. */
export interface Mismatch {
  readonly projection: string;
  /** `another_log`: written from another event store (or from before checkpoints said which one). */
  readonly reason: 'another_log' | 'past_the_end';
  /** The event store the checkpoint was written from; `null` when it does not say. */
  readonly builtFrom: string | null;
  readonly checkpoint: string;
}

/** The log a projector is about to read: its identity and its end, read after the checkpoints. */
export interface LogOrigin {
  readonly storeId: string;
  readonly head: bigint;
}

/** The read models were built elsewhere and the policy says refuse: nothing was changed. */
export class ReadModelMismatchError extends Error {
  readonly code = 'read_model_mismatch';

  constructor(
    readonly mismatches: readonly Mismatch[],
    readonly log: LogOrigin,
  ) {
    super(
      `refusing to resume read models that do not belong to this log (event store ${log.storeId}, ending ` +
        `at ${log.head}): ${mismatches.map(describeMismatch).join('; ')}. Rebuild them from this log ` +
        '(`leadger rebuild`, or LEADGER_READ_MODEL_MISMATCH=rebuild), or point REDIS_URL / ' +
        'LEADGER_REDIS_PREFIX / LEADGER_DATA_DIR at the read store of this log',
    );
    this.name = 'ReadModelMismatchError';
  }
}

/** Reads the checkpoints, then the log's id and end (after, so the end is never older than a checkpoint). */
export async function checkOrigin(
  readStore: ReadStore,
  eventStore: EventStore,
  names: readonly string[],
): Promise<{ stored: Map<string, StoredCheckpoint | null>; log: LogOrigin; mismatches: Mismatch[] }> {
  const stored = await readStore.readCheckpoints(names);
  const log = { storeId: await eventStore.storeId(), head: await eventStore.headPosition() };
  const mismatches: Mismatch[] = [];
  for (const name of names) {
    const checkpoint = stored.get(name);
    if (!checkpoint) continue;
    const mismatch = (reason: Mismatch['reason']) =>
      mismatches.push({
        projection: name,
        reason,
        builtFrom: checkpoint.storeId,
        checkpoint: String(checkpoint.position),
      });
    if (checkpoint.storeId !== log.storeId) mismatch('another_log');
    else if (checkpoint.position > log.head) mismatch('past_the_end');
  }
  return { stored, log, mismatches };
}

/** One line a person can act on. */
export function describeMismatch({ projection, reason, builtFrom, checkpoint }: Mismatch): string {
  if (reason === 'past_the_end') {
    return `read model ${projection}'s checkpoint ${checkpoint} is past the end of the log (restored from an older backup?)`;
  }
  return builtFrom === null
    ? `read model ${projection}'s checkpoint ${checkpoint} does not say which event store it was built from`
    : `read model ${projection} was built from another event store (${builtFrom}, checkpoint ${checkpoint})`;
}

/** The log line for a mismatch: fixed text per reason, the facts go in the fields. */
export function mismatchHeadline({ reason, builtFrom }: Mismatch): string {
  if (reason === 'past_the_end')
    return 'read model checkpoint is past the end of the log (restored from an older backup?)';
  return builtFrom === null
    ? 'read model checkpoint does not say which event store it was built from'
    : 'read model was built from another event store';
}
