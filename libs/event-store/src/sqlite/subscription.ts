import type { AllFilter, RecordedEvent, SubscribeToAllOptions, Subscription } from '../event-store';

/** How many events a subscription reads per query while catching up. */
export const SUBSCRIPTION_PAGE_SIZE = 500;

/** What a subscription needs from the store: one bounded, filtered `$all` read and the current head. */
export interface SubscriptionSource {
  /** Events with `after < position <= upTo` that pass the filter, in order, at most `limit`. */
  read(after: bigint, upTo: bigint, filter: AllFilter | undefined, limit: number): readonly RecordedEvent[];
  /** The highest position stored, 0n when the store is empty. */
  head(): bigint;
}

/**
 * A catch-up subscription over one connection: pages through `$all`, then sleeps until this store
 * appends (`wake`) or the poll interval passes — the only way to notice another process's appends.
 */
export class SqliteSubscription implements Subscription {
  private stopped = false;
  /** Set by `wake`; tells the loop an append happened since its last read, so it must not sleep. */
  private dirty = false;
  private sleeping: { timer: NodeJS.Timeout; resolve: () => void } | undefined;
  private readonly done: Promise<void>;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: SubscribeToAllOptions,
    private readonly pollIntervalMs: number,
    private readonly onStopped: (subscription: SqliteSubscription) => void,
  ) {
    this.done = this.run();
  }

  /** Called after every append through the same store. */
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
    const { filter, onEvent, onCaughtUp } = this.options;
    // `scanned`: everything up to here has been looked at; `delivered`: the checkpoint a consumer holds.
    let scanned = this.options.after ?? 0n;
    let delivered = this.options.after;
    let live = false;
    try {
      // Yield once so `subscribeToAll` returns before the first onEvent call.
      await Promise.resolve();
      while (!this.stopped) {
        this.dirty = false;
        const upTo = this.source.head();
        const page = this.source.read(scanned, upTo, filter, SUBSCRIPTION_PAGE_SIZE);
        for (const event of page) {
          if (this.stopped) return;
          await onEvent(event);
          delivered = event.position;
          scanned = event.position;
        }
        if (page.length === SUBSCRIPTION_PAGE_SIZE) {
          live = false;
          // Every read here is synchronous: without a turn of the event loop per page, a long catch-up
          // would starve timers (lease renewals) and, in the API process, every HTTP request.
          await new Promise<void>((resolve) => setImmediate(resolve));
          continue;
        }
        // A short page means nothing else up to `upTo` passes the filter: skip past what was filtered out.
        if (upTo > scanned) scanned = upTo;
        if (!live && !this.stopped) {
          live = true;
          onCaughtUp?.(delivered);
        }
        await this.sleep();
      }
    } catch (error) {
      this.stopped = true;
      this.report(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.onStopped(this);
    }
  }

  private sleep(): Promise<void> {
    if (this.dirty || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.interruptSleep(), this.pollIntervalMs);
      this.sleeping = { timer, resolve };
    });
  }

  private interruptSleep(): void {
    if (!this.sleeping) return;
    clearTimeout(this.sleeping.timer);
    this.sleeping.resolve();
    this.sleeping = undefined;
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
