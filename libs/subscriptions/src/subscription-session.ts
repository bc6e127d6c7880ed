import type { EventStore, RecordedEvent, SubscribeToAllOptions, Subscription } from '@leadger/event-store';

/** Where a session reads from and what of each event it needs; the session handles the callbacks. */
export type SessionSubscription = Omit<SubscribeToAllOptions, 'onEvent' | 'onCaughtUp' | 'onError'>;

/**
 * One subscription of a log consumer (the projector, the policies) from its checkpoint, with the life both
 * share: `done` settles once, when the session is stopped (after what it read is flushed) or on its first
 * error; the consumer then starts a new session from what it committed, so nothing half-done is kept.
 * Subclasses say what an event, the catch-up and a flush do.
 */
export abstract class SubscriptionSession {
  readonly done: Promise<void>;
  /** Set once the session has ended, either way: nothing more may be committed or sent. */
  protected ended = false;
  /** Set once `stop` was called: an event read meanwhile must not wait for anything a stop has cancelled. */
  protected stopping = false;
  private subscription: Subscription | undefined;
  private resolve!: () => void;
  private reject!: (error: Error) => void;

  constructor() {
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  /** Stops reading, flushes what was read, and ends the session. */
  async stop(): Promise<void> {
    if (this.ended) return this.done.catch(() => undefined);
    this.stopping = true;
    this.clearTimers();
    await this.subscription?.stop();
    try {
      await this.flush();
      this.finish();
    } catch (error) {
      this.abort(asError(error));
    }
    return this.done.catch(() => undefined);
  }

  /** Ends the session with an error (a lost lease, a failed commit, a failed subscription). */
  abort(error: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.clearTimers();
    void this.subscription?.stop();
    this.reject(error);
  }

  /** Starts reading; call once, at the end of the subclass's constructor. */
  protected subscribe(eventStore: EventStore, from: SessionSubscription): void {
    this.subscription = eventStore.subscribeToAll({
      ...from,
      onEvent: (event) => this.onEvent(event),
      onCaughtUp: () => this.onCaughtUp(),
      onError: (error) => this.abort(error),
    });
  }

  /** Stops reading without ending the session: what was read is still flushed (a rebuild that caught up). */
  protected stopReading(): Promise<void> {
    return this.subscription?.stop() ?? Promise.resolve();
  }

  protected finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.clearTimers();
    this.resolve();
  }

  /** Runs `work` in the background; its failure ends the session. */
  protected orAbort(work: Promise<unknown>): void {
    work.catch((error) => this.abort(asError(error)));
  }

  protected abstract onEvent(event: RecordedEvent): Promise<void> | void;
  protected abstract onCaughtUp(): void;
  /** Hands on everything read so far; resolves once it has landed. */
  protected abstract flush(): Promise<void>;
  protected abstract clearTimers(): void;
}

export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
