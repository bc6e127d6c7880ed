import type { EventStore, RecordedEvent } from '@leadger/event-store';
import type { HeldLease, ReadStore } from '@leadger/read-store';
import { asError, SubscriptionSession } from '@leadger/subscriptions';
import { FieldCache } from './field-cache';
import { projectBatch, type ProjectionCursor } from './project-batch';

/**
 * What the projector reads: lead streams, `lead-<leadId>` (the prefix `handleCommand` writes), and anonymous
 * visitors', `suspect-<id>`. Exported for the lag metrics, which count only the events a consumer reads.
 */
export const PROJECTOR_FILTER = { streamNamePrefixes: ['lead-', 'suspect-'] };

export interface SessionOptions {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  readonly cursors: readonly ProjectionCursor[];
  /** The event store's id (`EventStore.storeId`), kept beside every checkpoint committed. */
  readonly storeId: string;
  /** Leases every commit must still hold. */
  readonly leases: () => readonly HeldLease[];
  readonly batchSize: number;
  /** How long a partial batch waits for more live events before it is committed. */
  readonly flushDelayMs: number;
  /** Default false. The read models were just dropped: a field this session never wrote is not read. */
  readonly storeStartsEmpty?: boolean;
  /** Stop once everything stored so far is committed (rebuilds, replays) instead of following live. */
  readonly untilCaughtUp: boolean;
  readonly onCommitted?: (position: bigint, events: number) => void;
  readonly onCaughtUp?: () => void;
}

/**
 * One subscription from the lowest checkpoint, batching events and committing each batch with its
 * checkpoints in one store transaction. Ends when stopped (or caught up, in `untilCaughtUp` mode) and
 * fails on the first error; the projector then starts a new session from the stored checkpoints, so a
 * batch that was never committed is simply read again.
 */
export class Session extends SubscriptionSession {
  private batch: RecordedEvent[] = [];
  /** Commits run one after another; each link waits for the previous one. */
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  /** The commit sent last; the next one waits for it. */
  private inFlight: Promise<void> = Promise.resolve();
  /** Memos this session read or wrote, so later batches need not read them again. */
  private readonly cache: FieldCache;
  /** Set at the first catch-up; until then only full batches and the catch-up itself commit. */
  private caughtUp = false;

  constructor(private readonly options: SessionOptions) {
    super();
    this.cache = new FieldCache(undefined, options.storeStartsEmpty);
    const { cursors } = options;
    const from = cursors.some((c) => c.checkpoint === null)
      ? undefined
      : cursors.reduce((low, c) => (c.checkpoint! < low ? c.checkpoint! : low), cursors[0].checkpoint!);
    this.subscribe(options.eventStore, {
      after: from,
      filter: PROJECTOR_FILTER,
      // All a projection reads of the metadata (see toProjectedEvent); the rest is hashes and ids.
      metadataFields: ['occurredAt', 'recordedAt'],
    });
  }

  protected async onEvent(event: RecordedEvent): Promise<void> {
    if (this.ended) return;
    this.batch.push(event);
    // A full batch is committed before the next event is taken: the subscription waits, memory stays bounded.
    if (this.batch.length >= this.options.batchSize) return this.commit(false);
    // A partial batch waits a moment for more live events. Not before the first catch-up: the subscription
    // yields between pages, so the timer would fire there and cut batches to a page or two (a rebuild of
    // 1M events made ~800 commits instead of ~200); `onCaughtUp` commits the tail instead.
    if (this.caughtUp) this.timer ??= setTimeout(() => this.orAbort(this.flush()), this.options.flushDelayMs);
  }

  protected onCaughtUp(): void {
    this.caughtUp = true;
    this.orAbort(
      this.flush().then(() => {
        if (this.ended) return;
        this.options.onCaughtUp?.();
        if (this.options.untilCaughtUp) void this.stopReading().then(() => this.finish());
      }),
    );
  }

  /** Commits what was read and waits for it to land. */
  protected flush(): Promise<void> {
    return this.commit(true);
  }

  protected clearTimers(): void {
    clearTimeout(this.timer);
  }

  /**
   * Projects the pending batch and sends its commit. With `settle` it also waits for that commit to land;
   * without (a full batch while catching up), the next batch is read and projected while Redis applies
   * this one. At most one commit is in flight; a later batch's commit waits for it, and expects its
   * checkpoint, so a failed commit can never be followed by a successful one.
   */
  private commit(settle: boolean): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const run = this.chain.then(async () => {
      await this.commitBatch();
      if (settle) await this.inFlight;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async commitBatch(): Promise<void> {
    const events = this.batch;
    this.batch = [];
    // After an abort nothing more is committed: the next session re-reads from the stored checkpoints.
    if (events.length === 0 || this.ended) return;
    const { readStore, cursors, storeId } = this.options;
    if (this.cache.full) {
      // Forgetting entries means reading them again: only safe once what this session wrote has landed.
      await this.inFlight;
      this.cache.trim();
    }
    const { changes, moves } = await projectBatch(readStore, cursors, events, storeId, this.cache);
    if (moves.length === 0) return;
    await this.inFlight;
    const last = events[events.length - 1].position;
    const commit = readStore.commit({ changes, checkpoints: moves, leases: this.options.leases() });
    this.cache.absorb(changes);
    for (const move of moves) {
      const cursor = cursors.find((c) => c.projection.name === move.id);
      if (cursor) cursor.checkpoint = move.position;
    }
    this.inFlight = commit.then(() => this.options.onCommitted?.(last, events.length));
    this.inFlight.catch((error) => this.abort(asError(error)));
  }
}
