/** JSON value as stored in event data and metadata. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
export type JsonObject = { readonly [key: string]: Json };

/**
 * What an append expects of the stream, as in EventStoreDB: `any` skips the check, `no_stream` demands the
 * stream not exist, `stream_exists` demands it exist, a bigint demands that revision be the stream's last.
 *
 * It also decides how long a retried append is recognised (see `EventData`): with `no_stream` or a bigint,
 * for good; with `any` or `stream_exists`, on EventStoreDB only for a while.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/**
 * An event to append. `id` is a UUID. Appending the same ids again to the same stream returns the first
 * result and writes nothing, with a window that depends on `expected`:
 * - `no_stream` or a bigint: always. The store compares the ids with the events stored where this append
 *   would have put them (EventStoreDB reads its index there), however long ago they were written.
 * - `any` or `stream_exists`: on EventStoreDB, only while the ids are in the server's bounded cache of
 *   recently committed events, which a restart empties; a later retry appends the events a second time.
 *   The SQLite adapter recognises them for good.
 * Commands therefore append at an exact revision (`no_stream` at capture, the revision they read
 * otherwise), never `any`: their retries are recognised for good on both adapters.
 */
export interface EventData {
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

/** An event as stored: the first event of a stream is revision 0n; positions order all events in `$all`. */
export interface RecordedEvent {
  readonly id: string;
  readonly streamName: string;
  readonly type: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  /** When the store took the event. */
  readonly created: Date;
}

export interface AppendResult {
  /** Revision of the last event now in the stream; pass it as `expected` for the next append. */
  readonly nextExpectedRevision: bigint;
  /** `$all` position of the last event appended (or already present, for an idempotent retry). */
  readonly position: bigint;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** Default `forwards`. */
  readonly direction?: Direction;
  /** Inclusive start revision. Default: the first event forwards, the last event backwards. */
  readonly fromRevision?: bigint;
  /** Default: no limit. */
  readonly maxCount?: number;
}

/** A missing stream is a value, not an error: reading it is an ordinary question with a "no" answer. */
export type ReadStreamResult =
  { readonly found: false } | { readonly found: true; readonly events: readonly RecordedEvent[] };

/** Keeps events whose stream name starts with one of the prefixes, or whose type is one of the types. */
export type AllFilter =
  { readonly streamNamePrefixes: readonly string[] } | { readonly eventTypes: readonly string[] };

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position (a checkpoint). Default: from the start. */
  readonly after?: bigint;
  /** Default: no filter. */
  readonly filter?: AllFilter;
  /** Default: 1000. */
  readonly maxCount?: number; /**
   * Only these top-level metadata fields are needed: an adapter may return just them (a field the event
   * lacks then comes as null), sparing the decoding of the rest. Default: all of the metadata.
   */
  readonly metadataFields?: readonly string[];
  /** Only events that happened strictly before this moment (see `occurredBefore`). Default: no bound. */
  readonly occurredBefore?: Date;
  /** Only events of these types, on top of `filter`. Default: every type. */
  readonly types?: readonly string[];
}

export interface SubscribeToAllOptions {
  /** Exclusive checkpoint: deliver events strictly after it. Default: from the start. */
  readonly after?: bigint;
  /** Default: no filter. */
  readonly filter?: AllFilter;
  /**
   * Only these top-level metadata fields are needed: an adapter may return just them (a field the event
   * lacks then comes as null), sparing the decoding of the rest. Default: all of the metadata.
   */
  readonly metadataFields?: readonly string[];
  /**
   * Only events that happened strictly before this moment (see `occurredBefore`), also among those
   * appended later: a replay "as of" a past moment. Default: no bound.
   */
  readonly occurredBefore?: Date;
  /** Only events of these types, on top of `filter`. Default: every type. */
  readonly types?: readonly string[];
  /** Called once per event, in `$all` order; the next event waits for the returned promise. */
  readonly onEvent: (event: RecordedEvent) => Promise<void> | void;
  /** Called each time the subscription has delivered everything stored so far and goes live. */
  readonly onCaughtUp?: (position: bigint | undefined) => void;
  /**
   * Called when the subscription stops for good because of an error: one from `onEvent`, one the store
   * cannot recover from, or failures an adapter stopped retrying (EventStoreDB: a bounded run of attempts
   * without progress). No event is delivered after it; subscribe again from your checkpoint to go on.
   */
  readonly onError?: (error: Error) => void;
}

export interface Subscription {
  /** Stops delivery; resolves once no `onEvent` call is running. */
  stop(): Promise<void>;
}

/** The event store port: EventStoreDB's semantics, in our own words. */
export interface EventStore {
  /** Short name of the adapter, for health output: `sqlite`, `postgres` or `eventstoredb`. */
  readonly kind: string;
  /**
   * Appends atomically: all events or none. A retry with the same event ids is recognised as `EventData` says
   * (for good only at `no_stream` or an exact revision). Throws `WrongExpectedRevisionError` when `expected`
   * does not hold; `AppendTooLargeError`, `StreamDeletedError` or `EventStoreAccessDeniedError` when no retry
   * can succeed; `EventStoreUnavailableError` when the store could not be reached (the append may or may not
   * have landed: retry it at the same `expected`).
   */
  appendToStream(
    stream: string,
    events: readonly EventData[],
    expected: ExpectedRevision,
  ): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<ReadStreamResult>;
  /** Reads `$all` forwards. */
  readAll(options?: ReadAllOptions): Promise<readonly RecordedEvent[]>;
  /** `$all` position of the last event stored, 0n when there is none: how far a full read will go. */
  headPosition(): Promise<bigint>;
  /**
   * This log's identity: a random id made once, when the store is first used, and the same from then on,
   * also in a backup of it. Read models keep it beside their checkpoints, so they are never trusted on a
   * different log (another data dir, another deployment sharing the read store).
   */
  storeId(): Promise<string>;
  /** A catch-up subscription: replays from the checkpoint, reports catching up, then continues live. */
  subscribeToAll(options: SubscribeToAllOptions): Subscription;
  /** Resolves when the store can serve requests; rejects with the reason otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
