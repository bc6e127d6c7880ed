import { EventStoreUnavailableError } from './errors';
import type { RecordedEvent, SubscribeToAllOptions, Subscription } from './event-store';

/** How many events a subscription reads per query while catching up. */
const SUBSCRIPTION_PAGE_SIZE = 500;

/** What a polling subscription needs from its store: the head, and one bounded read of `$all`. */
export interface SubscriptionSource {
  /** The last position whose events (and every one before) can be read; 0n for an empty store. */
  head(): Promise<bigint> | bigint;
  /** Events with `after < position <= upTo` that pass the subscription's filters, in order, at most `limit`. */
  read(
    after: bigint,
    upTo: bigint,
    limit: number,
  ): Promise<readonly RecordedEvent[]> | readonly RecordedEvent[];
}

export interface RetryPolicy {
  /** First wait after a failed read; doubles per failure. */
  readonly minMs: number;
  /** Cap of that wait. */
  readonly maxMs: number;
  /** Failed reads in a row after which the subscription gives up and reports through `onError`. */
  readonly maxFailures: number;
}

export interface PollingOptions {
  /** How long a caught-up subscription sleeps before looking again, unless an append wakes it. */
  readonly pollIntervalMs: number;
  /** Failed reads retried with backoff (a server out of reach); without a policy the first one ends it. */
  readonly retry?: RetryPolicy;
  /** Names the store in the error of a subscription that gave up. */
  readonly storeName: string;
  readonly onStopped: (subscription: PollingSubscription) => void;
}

/**
 * The catch-up subscription of the SQL stores: pages through `$all` from its checkpoint up to the head,
 * reports catching up, then sleeps until an append is announced (`wake`) or the poll interval passes — the
 * safety net that also notices appends nobody announced (another process's, a notification lost with a
 * dropped connection). A failed read is retried from the last event delivered, so nothing is redelivered
 * or skipped.
 */
export class PollingSubscription implements Subscription {
  private stopped = false;
  /** Set by `wake`; tells the loop an append happened since its last read, so it must not sleep. */
  private dirty = false;
  private sleeping: { timer: NodeJS.Timeout; resolve: () => void } | undefined;
  private readonly done: Promise<void>;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: SubscribeToAllOptions,
    private readonly polling: PollingOptions,
  ) {
    this.done = this.run();
  }

  /** Called when an append may have been committed since the last read. */
  wake(): void {
    this.dirty = true;
    this.interruptSleep();
  }

  stop(): Promise<void> {
    this.stopped = true;
    this.interruptSleep();
    return this.done;
  }

  private async run(): Promise<void> {
    const { onEvent, onCaughtUp } = this.options;
    const { retry } = this.polling;
    // `scanned`: everything up to here has been looked at; `delivered`: the checkpoint a consumer holds.
    let scanned = this.options.after ?? 0n;
    let delivered = this.options.after;
    let live = false;
    let failures = 0;
    try {
      // Yield once so `subscribeToAll` returns before the first onEvent call.
      await Promise.resolve();
      while (!this.stopped) {
        this.dirty = false;
        let upTo: bigint;
        let page: readonly RecordedEvent[];
        try {
          upTo = await this.source.head();
          page = await this.source.read(scanned, upTo, SUBSCRIPTION_PAGE_SIZE);
        } catch (error) {
          failures += 1;
          if (!retry) throw error;
          if (failures >= retry.maxFailures) throw this.gaveUp(failures, error);
          await this.sleep(Math.min(retry.minMs * 2 ** (failures - 1), retry.maxMs), true);
          continue;
        }
        failures = 0;
        for (const event of page) {
          if (this.stopped) return;
          await onEvent(event);
          delivered = event.position;
          scanned = event.position;
        }
        if (page.length === SUBSCRIPTION_PAGE_SIZE) {
          live = false;
          // A synchronous store's reads never yield: without a turn of the event loop per page, a long
          // catch-up would starve timers (lease renewals) and, in the API process, every HTTP request.
          await new Promise<void>((resolve) => setImmediate(resolve));
          continue;
        }
        // A short page means nothing else up to `upTo` passes the filters: skip past what was left out.
        if (upTo > scanned) scanned = upTo;
        if (!live && !this.stopped) {
          live = true;
          onCaughtUp?.(delivered);
        }
        await this.sleep(this.polling.pollIntervalMs, false);
      }
    } catch (error) {
      this.stopped = true;
      this.report(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.polling.onStopped(this);
    }
  }

  /** Waits `ms`, or less when woken; a backoff (`always`) waits even if an append was announced. */
  private sleep(ms: number, always: boolean): Promise<void> {
    if (this.stopped || (this.dirty && !always)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.interruptSleep(), ms);
      this.sleeping = { timer, resolve };
    });
  }

  private interruptSleep(): void {
    if (!this.sleeping) return;
    clearTimeout(this.sleeping.timer);
    this.sleeping.resolve();
    this.sleeping = undefined;
  }

  private gaveUp(failures: number, error: unknown): EventStoreUnavailableError {
    const reason = error instanceof Error ? error.message : String(error);
    return new EventStoreUnavailableError(
      `${this.polling.storeName} event store: subscription to $all gave up after ${failures} failed reads in a row: ${reason}`,
      { cause: error },
    );
  }

  private report(error: Error): void {
    const { onError } = this.options;
    if (onError) {
      onError(error);
      return;
    }
    // Nobody listens: fail loudly, like an EventEmitter 'error' without a listener, not silently.
    void Promise.reject(error);
  }
}
