import { Pool, type PoolConfig } from 'pg';
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
import { GroupCommit } from './group-commit';
import { Notifier } from './notifier';
import { headPosition, readAll, readStream, type Limit } from './reads';
import { migrate, tablesOf, type Tables } from './schema';
import { PollingSubscription, type RetryPolicy } from '../polling-subscription';

export interface PostgresEventStoreOptions {
  /** `postgres://user:password@host:5432/database`. */
  readonly connectionString: string;
  /** Default `leadger`: the PostgreSQL schema holding the store's tables, created if missing. */
  readonly schema?: string;
  /** Default 10: connections the store's pool may open (subscriptions' LISTEN takes one more). */
  readonly poolSize?: number;
  /** Default 5000: how long opening a connection may take before the call fails as unavailable, in ms. */
  readonly connectTimeoutMs?: number;
  /** Default 2000: how often live subscriptions read even without a notification, in ms (a safety net). */
  readonly pollIntervalMs?: number;
  /** Default 100 ms, 5000 ms, 10 (about 20 s): how subscriptions retry failed reads before `onError`. */
  readonly subscriptionRetry?: RetryPolicy;
  /** Default `leadger`: how the store's connections are named in `pg_stat_activity`. */
  readonly applicationName?: string;
}

const DEFAULT_READ_ALL_COUNT = 1000;

/**
 * The event store on a PostgreSQL server, for deployments that run several API and worker processes on
 * one database. Positions are gap-free and follow commit order (see append.ts), so catch-up readers can
 * trust a checkpoint; the schema is created and migrated by the store itself on first use (schema.ts).
 */
export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres';
  private readonly pool: Pool;
  private readonly tables: Tables;
  private readonly connection: PoolConfig;
  private readonly pollIntervalMs: number;
  private readonly retry: RetryPolicy;
  private readonly subscriptions = new Set<PollingSubscription>();
  private readonly writes: GroupCommit;
  /** Appends under way, which `close` lets finish. */
  private readonly appending = new Set<Promise<AppendResult>>();
  private notifier: Notifier | undefined;
  private opening: Promise<void> | undefined;
  private id: string | undefined;

  constructor(options: PostgresEventStoreOptions) {
    this.tables = tablesOf(options.schema ?? 'leadger');
    this.pollIntervalMs = options.pollIntervalMs ?? 2000;
    this.retry = options.subscriptionRetry ?? { minMs: 100, maxMs: 5000, maxFailures: 10 };
    this.connection = {
      connectionString: options.connectionString,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      application_name: options.applicationName ?? 'leadger',
    };
    this.pool = new Pool({ ...this.connection, max: options.poolSize ?? 10 });
    // An idle connection that dies (a terminated backend, a restarted server) is dropped from the pool and
    // replaced when next needed; without a listener its 'error' would end the process.
    this.pool.on('error', () => undefined);
    this.writes = new GroupCommit(this.pool, this.tables);
  }

  async appendToStream(
    stream: string,
    events: readonly EventData[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const batch = serializeBatch(stream, events);
    const appending = this.guard(`append to ${stream} failed`, () =>
      appendEvents(this.pool, this.tables, this.writes, stream, batch, expected),
    );
    this.appending.add(appending);
    const result = await appending.finally(() => this.appending.delete(appending));
    // This process's subscriptions read at once, without waiting for the notification's round trip.
    if (batch.length > 0) this.wakeSubscriptions();
    return result;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    const limit = maxCount(options.maxCount, null);
    return this.guard(`read of ${stream} failed`, () =>
      readStream(this.pool, this.tables, stream, options, limit),
    );
  }

  async readAll(options: ReadAllOptions = {}): Promise<readonly RecordedEvent[]> {
    const limit = maxCount(options.maxCount, DEFAULT_READ_ALL_COUNT);
    return this.guard('read of $all failed', () =>
      readAll(this.pool, this.tables, options.after ?? 0n, undefined, options, limit),
    );
  }

  async headPosition(): Promise<bigint> {
    return this.guard('read of the $all head failed', () => headPosition(this.pool, this.tables));
  }

  async storeId(): Promise<string> {
    // Made once with the schema and never changed: read it once.
    this.id ??= await this.guard('read of the store id failed', async () => {
      const { rows } = await this.pool.query<{ value: string }>(
        `SELECT value FROM ${this.tables.store} WHERE key = 'store_id'`,
      );
      return rows[0].value;
    });
    return this.id;
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    const { filter, metadataFields, occurredBefore, types } = options;
    this.notifier ??= new Notifier(this.connection, this.tables.channel, () => this.wakeSubscriptions());
    const source = {
      head: () => this.guard('subscription read of $all failed', () => headPosition(this.pool, this.tables)),
      read: (after: bigint, upTo: bigint, limit: number) =>
        this.guard('subscription read of $all failed', () =>
          readAll(
            this.pool,
            this.tables,
            after,
            upTo,
            { filter, metadataFields, occurredBefore, types },
            limit,
          ),
        ),
    };
    const subscription = new PollingSubscription(source, options, {
      pollIntervalMs: this.pollIntervalMs,
      retry: this.retry,
      storeName: this.kind,
      onStopped: (stopped) => this.subscriptions.delete(stopped),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async ping(): Promise<void> {
    await this.guard('ping failed', () => this.pool.query('SELECT 1'));
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.notifier?.close();
    // Appends already handed in are committed (or refused), not dropped with the pool.
    await Promise.allSettled(this.appending);
    // Other calls still running finish first; `end` waits for their connections to come back.
    if (!this.pool.ended) await this.pool.end();
  }

  private wakeSubscriptions(): void {
    for (const subscription of this.subscriptions) subscription.wake();
  }

  /**
   * Runs a call once the schema is ready (created or migrated on first use, tried again on the next call
   * if that failed); anything the driver throws becomes `EventStoreUnavailableError`, keeping the cause.
   */
  private async guard<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      this.opening ??= migrate(this.pool, this.tables).catch((error: unknown) => {
        this.opening = undefined;
        throw error;
      });
      await this.opening;
      return await call();
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError || error instanceof EventStoreUnavailableError)
        throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new EventStoreUnavailableError(`postgres event store: ${what}: ${reason}`, { cause: error });
    }
  }
}

function maxCount(value: number | undefined, fallback: Limit): Limit {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`maxCount must be a whole number ≥ 0, not ${value}`);
  return value;
}
