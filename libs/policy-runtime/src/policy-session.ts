import type { EventStore, RecordedEvent } from '@leadger/event-store';
import { LEAD_STREAM_PREFIX, OWNER_STREAM_PREFIX, SUSPECT_STREAM_PREFIX } from '@leadger/lead-application';
import { asError, SubscriptionSession } from '@leadger/subscriptions';
import type { PolicyWorker } from './policy-worker';

/** What the policies read: leads, owners (the roster) and anonymous visitors. Exported for the lag metrics. */
export const POLICIES_FILTER = {
  streamNamePrefixes: [LEAD_STREAM_PREFIX, OWNER_STREAM_PREFIX, SUSPECT_STREAM_PREFIX],
};

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
export class PolicySession extends SubscriptionSession {
  private queue: RecordedEvent[] = [];
  /** Steps run one after another; each link waits for the previous one. */
  private chain: Promise<void> = Promise.resolve();
  private drainScheduled = false;
  private ticker: NodeJS.Timeout | undefined;
  private caughtUp = false;

  constructor(private readonly options: PolicySessionOptions) {
    super();
    this.subscribe(options.eventStore, {
      after: options.worker.checkpoint ?? undefined,
      filter: POLICIES_FILTER,
    });
  }

  /** Looks at the due timers after the steps already queued. */
  tick(): Promise<void> {
    return this.step(async () => {
      while ((await this.options.worker.onTimers()) >= this.options.batchSize && !this.ended);
    });
  }

  protected onEvent(event: RecordedEvent): Promise<void> | void {
    if (this.ended) return;
    this.queue.push(event);
    // A full batch is decided before the next event is taken: the subscription waits, memory stays bounded.
    if (this.queue.length >= this.options.batchSize) return this.flush();
    // Live, the events of one turn of the event loop go together, and at once: policy lag is the point.
    if (this.caughtUp && !this.drainScheduled) {
      this.drainScheduled = true;
      setImmediate(() => {
        this.drainScheduled = false;
        this.orAbort(this.flush());
      });
    }
  }

  protected onCaughtUp(): void {
    this.orAbort(
      this.flush().then(() => {
        if (this.ended) return;
        if (!this.caughtUp) {
          this.caughtUp = true;
          this.ticker = setInterval(() => this.orAbort(this.tick()), this.options.tickMs);
          this.ticker.unref();
        }
        this.options.onCaughtUp();
      }),
    );
  }

  protected flush(): Promise<void> {
    return this.step(async () => {
      while (this.queue.length > 0 && !this.ended) {
        const batch = this.queue.splice(0, this.options.batchSize);
        await this.options.worker.onEvents(batch);
      }
    });
  }

  protected clearTimers(): void {
    clearInterval(this.ticker);
  }

  /** Runs `work` after every step before it; a failed step fails the session. */
  private step(work: () => Promise<void>): Promise<void> {
    const run = this.chain.then(() => (this.ended ? undefined : work()));
    this.chain = run.catch((error) => this.abort(asError(error)));
    return run;
  }
}
