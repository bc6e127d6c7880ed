import type Database from 'better-sqlite3';
import type {
  AppendResult,
  EventData,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  ReadStreamResult,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors';
import { serializeBatch } from '../serialize-batch';
import { appendEvents } from './append';
import { BackgroundCheckpoints } from './background-checkpoints';
import { SqliteGroupCommit } from './group-commit';
import { fillOccurredMs, openDatabase } from './schema';
import { OccurredBound } from './occurred-bound';
import { NO_LIMIT, Statements, toRecordedEvent } from './statements';
import { PollingSubscription } from '../polling-subscription';

export interface SqliteEventStoreOptions {
  /** The database file, created if missing; `:memory:` for a store that lives only in this process. */
  readonly path: string;
  /** Default `normal`: with WAL, survives the process being killed; `full` also survives power loss. */
  readonly synchronous?: 'normal' | 'full';
  /** Default 200: how often live subscriptions look for events appended by other processes, in ms. */
  readonly pollIntervalMs?: number;
  /**
   * Default false: SQLite checkpoints the WAL itself, inside the commit that fills it. True (the programs,
   * through `createEventStore`): a worker thread does it, off the command path (`BackgroundCheckpoints`).
   */
  readonly backgroundCheckpoints?: boolean;
}

const DEFAULT_READ_ALL_COUNT = 1000;
/** SQLite's largest integer: "from the last event" for backwards reads, "to the end" for `$all`. */
const MAX_INT64 = 2n ** 63n - 1n;

/**
 * The embedded event store: one SQLite file, no server. better-sqlite3 is synchronous, so each call runs
 * to completion before another caller in this process can start; BEGIN IMMEDIATE and the busy timeout
 * keep appends from several processes on one file serialized too.
 *
 * Appends made in the same turn of the event loop share one transaction (group commit): each runs in its
 * own savepoint, so a conflict refuses only its own append, and none is answered before the commit. Under
 * concurrent load this spends one commit on many appends instead of one each.
 */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly statements: Statements;
  private readonly occurredBound: OccurredBound;
  private readonly pollIntervalMs: number;
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly writes: SqliteGroupCommit;
  private readonly checkpoints?: BackgroundCheckpoints;

  constructor(options: SqliteEventStoreOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.db = guard(`cannot open ${options.path}`, () =>
      openDatabase(options.path, options.synchronous ?? 'normal'),
    );
    this.statements = new Statements(this.db);
    this.occurredBound = new OccurredBound(this.db);
    if (options.backgroundCheckpoints && options.path !== ':memory:')
      this.checkpoints = new BackgroundCheckpoints(this.db, options.path);
    this.writes = new SqliteGroupCommit(this.db, {
      // A conflict refuses its own append only.
      isRefusal: (error) => error instanceof WrongExpectedRevisionError,
      failure: (error, writes) => unavailable(`append of ${writes} batches failed`, error),
      onCommitted: () => {
        for (const subscription of this.subscriptions) subscription.wake();
      },
    });
  }

  async appendToStream(
    stream: string,
    events: readonly EventData[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const batch = serializeBatch(stream, events);
    return this.writes.run(() => appendEvents(this.statements, stream, batch, expected));
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    const limit = maxCount(options.maxCount, NO_LIMIT);
    return guard(`read of ${stream} failed`, () => {
      const from = options.fromRevision ?? 0n;
      if (options.direction !== 'backwards' && from > 0n && limit !== 0) {
        // A reader catching up from a revision (the command path's lead cache) mostly finds nothing new:
        // reading from the event before also proves the stream exists, in one query instead of two.
        const rows = this.statements.forwards.all(stream, from - 1n, limit === NO_LIMIT ? limit : limit + 1);
        if (rows.length > 0) return { found: true, events: rows.slice(1).map(toRecordedEvent) };
        return this.statements.lastOfStream.get(stream) ? { found: true, events: [] } : { found: false };
      }
      const rows =
        options.direction === 'backwards'
          ? this.statements.backwards.all(stream, options.fromRevision ?? MAX_INT64, limit)
          : this.statements.forwards.all(stream, from, limit);
      // No rows can still be an existing stream read past its end (or with maxCount 0).
      if (rows.length === 0 && !this.statements.lastOfStream.get(stream)) return { found: false };
      return { found: true, events: rows.map(toRecordedEvent) };
    });
  }

  async readAll(options: ReadAllOptions = {}): Promise<readonly RecordedEvent[]> {
    const limit = maxCount(options.maxCount, DEFAULT_READ_ALL_COUNT);
    return guard('read of $all failed', () =>
      this.readAllNow(options.after ?? 0n, MAX_INT64, options, limit),
    );
  }

  async headPosition(): Promise<bigint> {
    return guard('read of the $all head failed', () => this.head());
  }

  async storeId(): Promise<string> {
    return guard('read of the store id failed', () => this.statements.storeId.get()!.value);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    const { filter, metadataFields, occurredBefore, types } = options;
    const source = {
      read: (after: bigint, upTo: bigint, limit: number) =>
        guard('subscription read of $all failed', () =>
          this.readAllNow(after, upTo, { filter, metadataFields, occurredBefore, types }, limit),
        ),
      head: () => guard('subscription read of $all failed', () => this.head()),
    };
    const subscription = new PollingSubscription(source, options, {
      pollIntervalMs: this.pollIntervalMs,
      storeName: this.kind,
      onStopped: (stopped) => this.subscriptions.delete(stopped),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async ping(): Promise<void> {
    guard('ping failed', () => this.statements.ping.get());
  }

  async close(): Promise<void> {
    // Appends already handed in are committed (or refused), not dropped with the connection.
    if (this.db.open) this.writes.flush();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.checkpoints?.stop();
    if (this.db.open) this.db.close();
  }

  private readAllNow(after: bigint, upTo: bigint, options: ReadAllOptions, limit: number): RecordedEvent[] {
    const { occurredBefore } = options;
    if (occurredBefore) {
      // Rows an older version appended since this store opened get their business time first. The head is
      // read before: a row appended after the fill lies past it, where the bound looks next time.
      const head = this.head();
      if (this.statements.unfilled.get()) fillOccurredMs(this.db);
      const last = this.occurredBound.lastBefore(occurredBefore, head);
      if (last < upTo) upTo = last;
      if (upTo <= after) return [];
    }
    return this.statements.readAll(after, upTo, options, limit).map(toRecordedEvent);
  }

  private head(): bigint {
    return BigInt(this.statements.head.get()?.head ?? 0n);
  }
}

/** Runs a driver call; anything the driver throws becomes `EventStoreUnavailableError`, keeping the cause. */
function guard<T>(what: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw unavailable(what, error);
  }
}

function unavailable(what: string, error: unknown): unknown {
  if (error instanceof WrongExpectedRevisionError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new EventStoreUnavailableError(`sqlite event store: ${what}: ${reason}`, { cause: error });
}

function maxCount(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`maxCount must be a whole number ≥ 0, not ${value}`);
  return value;
}
