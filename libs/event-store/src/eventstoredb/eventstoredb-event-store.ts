import {
  BACKWARDS,
  END,
  START,
  EventStoreDBClient,
  type AllStreamResolvedEvent,
  type ReadPosition,
} from '@eventstore/db-client';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors';
import { occurredBefore } from '../occurred-at';
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
import { CatchUpSubscription, type ResubscribePolicy } from './catch-up-subscription';
import {
  clientPositionOf,
  fromClientError,
  fromClientEvent,
  isStreamNotFound,
  isSystemEvent,
  matchesFilter,
  positionOf,
  requirePosition,
  toClientDirection,
  toClientEvent,
  toClientExpectedRevision,
  toClientPosition,
} from './mapping';
import { readOrCreateStoreId } from './store-identity';

export interface EventStoreDbEventStoreOptions {
  /** First wait before resubscribing after a subscription dropped; doubles per failed attempt. Default 100 ms. */
  readonly resubscribeMinDelayMs?: number;
  /** Cap of the wait between resubscription attempts. Default 5000 ms. */
  readonly resubscribeMaxDelayMs?: number;
  /**
   * Server subscriptions in a row that may end without delivering an event or catching up before a
   * subscription gives up and reports through `onError` (a projector then starts over from its checkpoint).
   * Default 10: about 20 s of failures with the default delays.
   */
  readonly maxAttemptsWithoutProgress?: number;
  /** How long `ping()` waits for the server before rejecting. Default 5000 ms. */
  readonly pingTimeoutMs?: number;
}

/** `readAll` reads `$all` in pages of this many events (between these bounds, near `maxCount`). */
const MIN_PAGE = 100;
const MAX_PAGE = 1000;

/**
 * The event store port on EventStoreDB (server 23.10 or later: catch-up subscriptions report catching up
 * from then on). Positions are `$all` commit positions; every append goes through gRPC, so each event has
 * its own commit position. A re-append of the same event ids is recognised for good at `no_stream` or an
 * exact revision (the server reads its index where they would go), but at `any` or `stream_exists` only
 * while they sit in the server's bounded cache of committed event ids (IndexWriter.CheckCommit), which a
 * restart empties.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb';
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly resubscribePolicy: ResubscribePolicy;
  private readonly pingTimeoutMs: number;
  private closed = false;

  /** A store on the server(s) of an `esdb://…` or `esdb+discover://…` connection string. */
  static fromConnectionString(url: string, options?: EventStoreDbEventStoreOptions): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(url), options);
  }

  /** Takes ownership of the client: `close()` disposes it. It must throw on append failures (the default). */
  constructor(
    private readonly client: EventStoreDBClient,
    options: EventStoreDbEventStoreOptions = {},
  ) {
    const minMs = options.resubscribeMinDelayMs ?? 100;
    this.resubscribePolicy = {
      minMs,
      maxMs: Math.max(minMs, options.resubscribeMaxDelayMs ?? 5000),
      maxAttemptsWithoutProgress: Math.max(1, options.maxAttemptsWithoutProgress ?? 10),
    };
    this.pingTimeoutMs = options.pingTimeoutMs ?? 5000;
  }

  async appendToStream(
    stream: string,
    events: readonly EventData[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    this.assertOpen();
    if (new Set(events.map((event) => event.id)).size !== events.length) {
      throw new RangeError(`stream ${stream}: an append carries the same event id twice`);
    }
    const expectedRevision = toClientExpectedRevision(expected);
    let result;
    try {
      result = await this.client.appendToStream(stream, events.map(toClientEvent), { expectedRevision });
    } catch (error) {
      throw fromClientError(error, { operation: 'append', stream, expected });
    }
    if (!result.success) {
      // Only with a client built with throwOnAppendFailure: false, whose reported revision is unreliable.
      throw new WrongExpectedRevisionError(
        stream,
        expected,
        (await this.lastEvent(stream))?.revision ?? 'no_stream',
      );
    }
    if (events.length === 0) return this.unchanged(stream, expected);
    // The append's commit position is that of its last event. An idempotent retry may get no position back:
    // the events were already there, so ask the stream where the last of them is.
    const commit = result.position?.commit;
    const position =
      commit !== undefined && commit >= 0n
        ? commit
        : await this.positionOfRevision(stream, result.nextExpectedRevision);
    return { nextExpectedRevision: result.nextExpectedRevision, position };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    this.assertOpen();
    const direction = options.direction ?? 'forwards';
    const fromRevision = options.fromRevision ?? (direction === 'forwards' ? START : END);
    if (typeof fromRevision === 'bigint' && fromRevision < 0n) {
      throw new RangeError(`readStream(${stream}): fromRevision must be >= 0n, got ${fromRevision}`);
    }
    // A zero count still has to answer whether the stream exists.
    const wanted = options.maxCount;
    const maxCount = wanted === undefined ? undefined : Math.max(1, wanted);
    let resolved;
    try {
      resolved = await collect(
        this.client.readStream(stream, {
          direction: toClientDirection(direction),
          fromRevision,
          ...(maxCount === undefined ? {} : { maxCount }),
        }),
      );
    } catch (error) {
      if (isStreamNotFound(error)) return { found: false };
      throw fromClientError(error, { operation: 'read', stream });
    }
    const events = resolved.map(fromClientEvent);
    return { found: true, events: wanted !== undefined && wanted <= 0 ? [] : events };
  }

  async readAll(options: ReadAllOptions = {}): Promise<readonly RecordedEvent[]> {
    this.assertOpen();
    const maxCount = options.maxCount ?? 1000;
    const found: RecordedEvent[] = [];
    if (maxCount <= 0) return found;
    const pageSize = Math.min(MAX_PAGE, Math.max(MIN_PAGE, maxCount));
    // Reading $all from a position includes the event there: skip everything at or before `after`.
    let after = options.after;
    let from: ReadPosition = after === undefined ? START : toClientPosition(after);
    for (;;) {
      let page: AllStreamResolvedEvent[];
      try {
        page = await collect(this.client.readAll({ fromPosition: from, maxCount: pageSize }));
      } catch (error) {
        throw fromClientError(error, { operation: 'read of $all' });
      }
      for (const resolved of page) {
        const position = requirePosition(resolved);
        if (after !== undefined && position <= after) continue;
        if (isSystemEvent(resolved) || !matchesFilter(resolved, options.filter)) continue;
        const event = fromClientEvent(resolved);
        // The server filters by stream prefix or type, not both, nor by business time: these apply here.
        if (options.occurredBefore && !occurredBefore(event.metadata, options.occurredBefore)) continue;
        if (options.types && !options.types.includes(event.type)) continue;
        found.push(event);
        if (found.length === maxCount) return found;
      }
      const last = page[page.length - 1];
      if (page.length < pageSize || last === undefined) return found;
      after = requirePosition(last);
      from = clientPositionOf(last) ?? toClientPosition(after);
    }
  }

  /** The commit position of the last event of `$all`, system events included. */
  async headPosition(): Promise<bigint> {
    this.assertOpen();
    try {
      const [last] = await collect(
        this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }),
      );
      return last === undefined ? 0n : requirePosition(last);
    } catch (error) {
      throw fromClientError(error, { operation: 'read of $all' });
    }
  }

  /** Asked of the server once per instance (see store-identity.ts); a failed attempt is not kept. */
  private storeIdOnce: Promise<string> | undefined;

  async storeId(): Promise<string> {
    this.assertOpen();
    this.storeIdOnce ??= readOrCreateStoreId(this).catch((error: unknown) => {
      this.storeIdOnce = undefined;
      throw error;
    });
    return this.storeIdOnce;
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    this.assertOpen();
    const subscription = new CatchUpSubscription(this.client, options, this.resubscribePolicy, (finished) =>
      this.subscriptions.delete(finished),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Reads the last event of `$all`: cheap, and it fails when the server cannot serve reads. */
  async ping(): Promise<void> {
    this.assertOpen();
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new EventStoreUnavailableError(`EventStoreDB did not answer within ${this.pingTimeoutMs} ms`),
          ),
        this.pingTimeoutMs,
      );
    });
    try {
      await Promise.race([collect(read), timeout]);
    } catch (error) {
      read.cancel().catch(() => undefined);
      throw fromClientError(error, { operation: 'ping' });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops every subscription (waiting for running `onEvent` calls), then disposes the client. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const subscriptions = [...this.subscriptions];
    this.subscriptions.clear();
    await Promise.all(subscriptions.map((s) => s.stop()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('the EventStoreDB store is closed');
  }

  /**
   * The result of an empty append that passed its check: the stream as it is, -1n and 0n when it does not
   * exist (the client reads the server's "no stream" answer as revision 0n).
   */
  private async unchanged(stream: string, expected: ExpectedRevision): Promise<AppendResult> {
    if (expected === 'no_stream') return { nextExpectedRevision: -1n, position: 0n };
    if (typeof expected === 'bigint') {
      return { nextExpectedRevision: expected, position: await this.positionOfRevision(stream, expected) };
    }
    const last = await this.lastEvent(stream);
    return last
      ? { nextExpectedRevision: last.revision, position: last.position }
      : { nextExpectedRevision: -1n, position: 0n };
  }

  /** The stream's last event, or `undefined` when the stream does not exist. */
  private async lastEvent(stream: string): Promise<RecordedEvent | undefined> {
    const result = await this.readStream(stream, { direction: 'backwards', maxCount: 1 });
    return result.found ? result.events[0] : undefined;
  }

  /** `$all` position of the event at `revision` of `stream`. */
  private async positionOfRevision(stream: string, revision: bigint): Promise<bigint> {
    let events;
    try {
      events = await collect(this.client.readStream(stream, { fromRevision: revision, maxCount: 1 }));
    } catch (error) {
      throw fromClientError(error, { operation: 'read', stream });
    }
    const [event] = events;
    const position = event === undefined ? undefined : positionOf(event);
    if (position === undefined) {
      throw new EventStoreUnavailableError(
        `EventStoreDB gave no $all position for revision ${revision} of ${stream}`,
      );
    }
    return position;
  }
}

/** Drains a finite read; the client reports errors (a missing stream included) by rejecting here. */
async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}
