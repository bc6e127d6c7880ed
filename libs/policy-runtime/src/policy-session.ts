import type { EventStore, RecordedEvent, Subscription } from '@leadger/event-store';
import { LEAD_STREAM_PREFIX, OWNER_STREAM_PREFIX } from '@leadger/lead-application';
import type { PolicyWorker } from './policy-worker';

export interface PolicySessionOptions {
  readonly eventStore: EventStore;
  readonly worker: PolicyWorker;
  readonly batchSize: number;
  readonly tickMs: number;
  readonly onCaughtUp: () => void;
}

/**
 * One subscription from the policies' checkpoint: events are queued and handed to the worker in batches,
 * due timers looked at every tick once caught up, one step at a time. Ends when stopped, or on the first
 * error; the runner then starts a new session from what was committed.
 */
export class PolicySession {
  readonly done: Promise<void>;
  private queue: RecordedEvent[] = [];
  /** Steps run one after another; each link waits for the previous one. */
  private chain: Promise<void> = Promise.resolve();
  private drainScheduled = false;
  private ticker: NodeJS.Timeout | undefined;
  private caughtUp = false;
  private ended = false;
  private readonly subscription: Subscription;
  private resolve!: () => void;
  private reject!: (error: Error) => void;

  constructor(private readonly options: PolicySessionOptions) {
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.subscription = options.eventStore.subscribeToAll({
      after: options.worker.checkpoint ?? undefined,
      filter: { streamNamePrefixes: [LEAD_STREAM_PREFIX, OWNER_STREAM_PREFIX] },
      onEvent: (event) => this.onEvent(event),
      onCaughtUp: () => this.onCaughtUp(),
      onError: (error) => this.abort(error),
    });
  }

  /** Looks at the due timers after the steps already queued. */
  tick(): Promise<void> {
    return this.step(async () => {
      while ((await this.options.worker.onTimers()) >= this.options.batchSize && !this.ended);
    });
  }

  /** Stops reading, finishes the steps under way and what was queued, and ends the session. */
  async stop(): Promise<void> {
    if (this.ended) return this.done.catch(() => undefined);
    clearInterval(this.ticker);
    await this.subscription.stop();
    try {
      await this.drain();
      this.finish();
    } catch (error) {
      this.abort(asError(error));
    }
    return this.done.catch(() => undefined);
  }

  abort(error: Error): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.ticker);
    void this.subscription.stop();
    this.reject(error);
  }

  private onEvent(event: RecordedEvent): Promise<void> | void {
    if (this.ended) return;
    this.queue.push(event);
    // A full batch is decided before the next event is taken: the subscription waits, memory stays bounded.
    if (this.queue.length >= this.options.batchSize) return this.drain();
    // Live, the events of one turn of the event loop go together, and at once: policy lag is the point.
    if (this.caughtUp && !this.drainScheduled) {
      this.drainScheduled = true;
      setImmediate(() => {
        this.drainScheduled = false;
        this.drain().catch((error) => this.abort(asError(error)));
      });
    }
  }

  private onCaughtUp(): void {
    this.drain()
      .then(() => {
        if (this.ended) return;
        if (!this.caughtUp) {
          this.caughtUp = true;
          this.ticker = setInterval(
            () => this.tick().catch((error) => this.abort(asError(error))),
            this.options.tickMs,
          );
          this.ticker.unref();
        }
        this.options.onCaughtUp();
      })
      .catch((error) => this.abort(asError(error)));
  }

  private drain(): Promise<void> {
    return this.step(async () => {
      while (this.queue.length > 0 && !this.ended) {
        const batch = this.queue.splice(0, this.options.batchSize);
        await this.options.worker.onEvents(batch);
      }
    });
  }

  /** Runs `work` after every step before it; a failed step fails the session. */
  private step(work: () => Promise<void>): Promise<void> {
    const run = this.chain.then(() => (this.ended ? undefined : work()));
    this.chain = run.catch((error) => this.abort(asError(error)));
    return run;
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.resolve();
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
