import { AsyncLocalStorage } from 'node:async_hooks';
import {
  START,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
  type Position,
} from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../errors';
import type { AllFilter, SubscribeToAllOptions, Subscription } from '../event-store';
import { occurredBefore } from '../occurred-at';
import {
  clientPositionOf,
  fromClientError,
  fromClientEvent,
  isPermanentError,
  isSystemEvent,
  matchesFilter,
  requirePosition,
  toClientFilter,
  toClientPosition,
} from './mapping';

export interface ResubscribePolicy {
  /** First wait after a drop; doubles per failed attempt. */
  readonly minMs: number;
  /** Cap of that wait. */
  readonly maxMs: number;
  /** Server subscriptions in a row that may end without progress before this one gives up (`onError`). */
  readonly maxAttemptsWithoutProgress: number;
}

/** Which subscription's `onEvent` is running in the current async context (to spot `stop()` from inside it). */
const insideOnEvent = new AsyncLocalStorage<CatchUpSubscription>();

/** Why one server subscription ended without an error of ours; `failure` is the client's error, if any. */
type AttemptEnd =
  | { readonly stopped: true }
  | { readonly stopped: false; readonly progressed: boolean; readonly failure?: unknown };

/**
 * A catch-up subscription to `$all` that survives dropped connections: each server subscription starts
 * after the last event this one has seen, so a resubscription neither redelivers nor skips. Events are
 * read one at a time from the client's stream (paused mode), so `onEvent` calls never overlap.
 */
export class CatchUpSubscription implements Subscription {
  private stopped = false;
  /** The server subscription being read, to cancel it on `stop()`. */
  private current: AllStreamSubscription | undefined;
  /** Wakes the loop from a wait (for data, or between attempts). */
  private wake: (() => void) | undefined;
  /** `$all` position of the last event seen (delivered or skipped): where a resubscription starts. */
  private resumeFrom: Position | undefined;
  /** Same, as our position: no event at or before it is ever handled again. */
  private lastSeen: bigint | undefined;
  /** `$all` position of the last event delivered, or the checkpoint we started after. */
  private lastDelivered: bigint | undefined;
  private readonly done: Promise<void>;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: SubscribeToAllOptions,
    private readonly policy: ResubscribePolicy,
    onFinished: (subscription: CatchUpSubscription) => void,
  ) {
    this.resumeFrom = options.after === undefined ? undefined : toClientPosition(options.after);
    this.lastSeen = options.after;
    this.lastDelivered = options.after;
    // Run outside any caller's `onEvent` context, so `stop()` tells our own handler apart from others.
    this.done = insideOnEvent.exit(() => this.run()).finally(() => onFinished(this));
  }

  /** Resolves once no `onEvent` call is running; from inside our own `onEvent` it cannot wait for itself. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    if (this.current) cancel(this.current);
    if (insideOnEvent.getStore() === this) return;
    await this.done;
  }

  private async run(): Promise<void> {
    const { minMs, maxMs, maxAttemptsWithoutProgress } = this.policy;
    let delay = minMs;
    let fruitless = 0; // server subscriptions in a row that ended without progress
    while (!this.stopped) {
      let end: AttemptEnd;
      try {
        end = await this.attempt();
      } catch (error) {
        // onEvent or onCaughtUp threw, an event could not be read, or the server refuses this subscription.
        this.stopped = true;
        this.report(error);
        return;
      }
      if (end.stopped || this.stopped) return;
      if (end.progressed) delay = minMs;
      fruitless = end.progressed ? 0 : fruitless + 1;
      // An error the server keeps answering but we cannot classify (it may never heal), or a long outage:
      // either way the caller hears of it instead of a subscription that silently retries forever.
      if (fruitless >= maxAttemptsWithoutProgress) {
        this.stopped = true;
        this.report(gaveUp(fruitless, end.failure));
        return;
      }
      await this.sleep(delay);
      delay = Math.min(delay * 2, maxMs);
    }
  }

  /** One server subscription: returns when it drops or we stop; throws when we must stop for good. */
  private async attempt(): Promise<AttemptEnd> {
    const filter = this.options.filter;
    const subscription = this.client.subscribeToAll({
      fromPosition: this.resumeFrom ?? START,
      filter: toClientFilter(filter),
      resolveLinkTos: false,
    });
    this.current = subscription;

    let failure: unknown;
    let ended = false;
    let signalled = false;
    // Set once we let go of this server subscription: the 'close' its destruction emits on the next tick
    // (or a late 'error') must not reach `this.wake`, which by then belongs to the backoff sleep.
    let released = false;
    let pulled = 0; // events read from the client's buffer
    let handled = 0; // of those, events delivered or skipped
    let progressed = false;
    // The server's "caught up" arrives behind the events that precede it, which may still sit in the
    // client's buffer: report it once every event read before it, and every event buffered then, is handled.
    const caughtUpAfter: number[] = [];
    const signal = () => {
      if (released) return;
      signalled = true;
      const wake = this.wake;
      this.wake = undefined;
      wake?.();
    };
    subscription.on('readable', signal);
    // Never removed: an error emitted after we let go of this subscription must not crash the process.
    subscription.on('error', (error) => {
      failure ??= error;
      signal();
    });
    subscription.on('end', () => {
      ended = true;
      signal();
    });
    subscription.on('close', () => {
      ended = true;
      signal();
    });
    subscription.on('caughtUp', () => {
      caughtUpAfter.push(pulled + subscription.readableLength);
      signal();
    });

    try {
      for (;;) {
        while (!this.stopped && caughtUpAfter.length > 0 && handled >= caughtUpAfter[0]!) {
          caughtUpAfter.shift();
          progressed = true;
          this.options.onCaughtUp?.(this.lastDelivered);
        }
        if (this.stopped) return { stopped: true };

        const resolved = subscription.read() as AllStreamResolvedEvent | null;
        if (resolved !== null) {
          pulled += 1;
          await this.handle(resolved, filter);
          handled += 1;
          progressed = true;
          continue;
        }
        if (failure !== undefined) {
          if (isPermanentError(failure))
            throw fromClientError(failure, { operation: 'subscription to $all' });
          return { stopped: false, progressed, failure };
        }
        if (ended) return { stopped: false, progressed };

        if (!signalled) await new Promise<void>((resolve) => (this.wake = resolve));
        signalled = false;
      }
    } finally {
      released = true;
      this.current = undefined;
      cancel(subscription);
    }
  }

  private async handle(resolved: AllStreamResolvedEvent, filter: AllFilter | undefined): Promise<void> {
    const position = requirePosition(resolved);
    // The server starts after `resumeFrom`; this guard makes "never redeliver" independent of that.
    if (this.lastSeen !== undefined && position <= this.lastSeen) return;
    if (!isSystemEvent(resolved) && matchesFilter(resolved, filter)) {
      const event = fromClientEvent(resolved);
      // The server filters by stream prefix or type, not both, nor by business time: these apply here.
      const { occurredBefore: bound, types } = this.options;
      if ((!bound || occurredBefore(event.metadata, bound)) && (!types || types.includes(event.type))) {
        await insideOnEvent.run(this, () => this.options.onEvent(event));
        this.lastDelivered = position;
      }
    }
    this.lastSeen = position;
    this.resumeFrom = clientPositionOf(resolved) ?? toClientPosition(position);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private report(error: unknown): void {
    const reason = error instanceof Error ? error : new Error(String(error));
    const { onError } = this.options;
    if (onError) {
      try {
        onError(reason);
      } catch (thrown) {
        void Promise.reject(thrown);
      }
      return;
    }
    // Nobody listens: fail loudly, as the SQLite adapter does, not silently.
    void Promise.reject(reason);
  }
}

/** The error a subscription reports when it stops retrying; the client's last error is its `cause`. */
function gaveUp(attempts: number, failure: unknown): EventStoreUnavailableError {
  const reason =
    failure === undefined
      ? 'the server ended it'
      : failure instanceof Error
        ? failure.message
        : String(failure);
  return new EventStoreUnavailableError(
    `EventStoreDB subscription to $all gave up after ${attempts} attempts in a row without progress ` +
      `(last: ${reason})`,
    { cause: failure },
  );
}

/** Cancels the server call without waiting: the client resolves it only once its gRPC stream exists. */
function cancel(subscription: AllStreamSubscription): void {
  subscription.unsubscribe().catch(() => undefined);
  subscription.destroy();
}
