import type { ChangeSet } from './change-set';

// The read-model store port: a few Redis-like primitives (hashes and sorted sets) that the embedded adapter
// emulates, plus what a projector needs around them — checkpoints committed with the changes, leases, drop.
// Keys are plain strings such as `funnel:day:2025-03-03`; the text before the first `:` is the namespace a
// projection owns. Adapters add their own prefix (Redis) or keep keys as they are (SQLite).

/** One member of a sorted set. Scores are numbers exact to 2^53 (we store epoch ms and day numbers). */
export interface ZEntry {
  readonly member: string;
  readonly score: number;
}

export interface ZPageOptions {
  /** Inclusive lower bound. Default -Infinity. */
  readonly min?: number;
  /** Inclusive upper bound. Default +Infinity. */
  readonly max?: number;
  /** Resume after this entry (exclusive), in the order of the page: a cursor. Default: from the start. */
  readonly after?: ZEntry;
  /** Default: no limit. */
  readonly limit?: number;
  /** Default false: ascending by score, then member (bytewise). True: descending by both. */
  readonly reverse?: boolean;
}

/** A projection's checkpoint as stored: the last `$all` position its read model reflects. */
export interface StoredCheckpoint {
  readonly id: string;
  readonly position: bigint;
  /** The projection definition's version that wrote it; another version means rebuild. */
  readonly version: number;
  /**
   * The event store (its `storeId`) whose log the read model reflects: a position means nothing on another
   * log. `null` for a checkpoint written before checkpoints kept it.
   */
  readonly storeId: string | null;
}

/**
 * A checkpoint move inside a commit: refused unless the stored position is still `expected` and, when one
 * is expected, it was written from the same event store.
 */
export interface CheckpointMove {
  readonly id: string;
  /** The position this writer last committed; `null` when it expects no checkpoint at all. */
  readonly expected: bigint | null;
  readonly position: bigint;
  readonly version: number;
  /** The event store the events come from (`EventStore.storeId`). */
  readonly storeId: string;
}

/** A lease the committer must still hold for the commit to go through (fencing). */
export interface HeldLease {
  readonly name: string;
  readonly token: string;
}

export interface Commit {
  readonly changes: ChangeSet;
  readonly checkpoints: readonly CheckpointMove[];
  readonly leases: readonly HeldLease[];
}

export interface LeaseHolder {
  readonly token: string;
  /** Milliseconds until the lease lapses unless renewed. */
  readonly expiresInMs: number;
}

export interface ClaimOptions {
  /** Names the claims; claims live outside any projection's namespace, so a rebuild keeps them. */
  readonly queue: string;
  /** The sorted set of items, scored by the time (epoch ms) each becomes due. */
  readonly dueKey: string;
  readonly consumer: string;
  readonly limit: number;
  readonly leaseMs: number;
  /** Epoch ms: items with a score up to it are due; claims that ended by it are free again. */
  readonly now: number;
}

export interface Claimed {
  readonly member: string;
  /** The item's score: when it became due. */
  readonly score: number;
  /** Epoch ms until which no other consumer is given this item. */
  readonly until: number;
}

/** A namespace's content in a canonical order, for comparing stores and runs. */
export interface ReadModelDump {
  readonly checkpoints: Readonly<Record<string, string>>;
  readonly hashes: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly zsets: Readonly<Record<string, readonly (readonly [string, number])[]>>;
}

/** A rebuild's private stage (see `ReadStore.stage`). */
export interface RebuildStage {
  /**
   * Moves everything staged, with its checkpoints, into the store in one transaction. Throws
   * `CommitRefusedError` unless the leases are still held and the namespaces still have no checkpoint.
   */
  publish(leases: readonly HeldLease[]): Promise<void>;
  /** Forgets what was staged (a failed rebuild). */
  discard(): Promise<void>;
}

export interface ReadStore {
  /** `redis`, `sqlite` or `memory`, for logs and health output. */
  readonly kind: string;

  /** Values of one field per reference, `null` where absent; one round trip for all. */
  hmget(refs: readonly FieldRef[]): Promise<(string | null)[]>;
  /** Every field of each hash (an empty object for a missing one); one round trip for all. */
  hgetall(keys: readonly string[]): Promise<Record<string, string>[]>;
  /** Entries of a sorted set in score order, bounded and paged. */
  zpage(key: string, options?: ZPageOptions): Promise<ZEntry[]>;
  zcard(key: string): Promise<number>;
  /** Entries at ranks `start..stop` (inclusive, ascending, 0-based). */
  zrangeByRank(key: string, start: number, stop: number): Promise<ZEntry[]>;

  /** Stored checkpoints by id; `null` for one never written (or dropped, or lost with a flushed Redis). */
  readCheckpoints(ids: readonly string[]): Promise<Map<string, StoredCheckpoint | null>>;
  /**
   * Applies the changes and moves the checkpoints in one transaction, or nothing at all. Throws
   * `CommitRefusedError` when a lease is not held or a checkpoint is not where the writer expects it.
   */
  commit(commit: Commit): Promise<void>;
  /**
   * Optional (the embedded store has it; Redis does not need it). For a rebuild of namespaces just dropped:
   * until the stage is published or discarded, commits and `hmget`s of them go to a private stage that
   * needs no durability, and queries see them empty. Committing each batch durably into large B-trees is
   * what a rebuild into SQLite spent most of its time on.
   */
  stage?(namespaces: readonly string[]): Promise<RebuildStage>;
  /** Deletes a namespace's checkpoint first, then its keys: a crash in between leaves a rebuild to do. */
  drop(namespace: string): Promise<void>;

  /** Takes the lease when free, expired or already ours (then renews it); `false` when another holds it. */
  acquireLease(name: string, token: string, ttlMs: number): Promise<boolean>;
  /** Extends the lease; `false` when it is no longer ours (expired and taken, or gone with a flush). */
  renewLease(name: string, token: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up if it is ours. */
  releaseLease(name: string, token: string): Promise<void>;
  /** Who holds the lease now, or `null`: lets a rebuild refuse while a live projector runs. */
  leaseHolder(name: string): Promise<LeaseHolder | null>;

  /** Atomically hands out up to `limit` due items no other live claim holds, oldest first. */
  claimDue(options: ClaimOptions): Promise<Claimed[]>;

  /** Everything under a namespace, canonically ordered. */
  dump(namespace: string): Promise<ReadModelDump>;
  close(): Promise<void>;
}

export interface FieldRef {
  readonly key: string;
  readonly field: string;
}
