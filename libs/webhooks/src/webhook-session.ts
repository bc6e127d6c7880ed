import type { EventStore, RecordedEvent } from '@leadger/event-store';
import { LEAD_STREAM_PREFIX } from '@leadger/lead-application';
import { ChangeSet, type HeldLease, type ReadStore } from '@leadger/read-store';
import { backoffMs, SubscriptionSession } from '@leadger/subscriptions';
import {
  checkpointId,
  recordChanges,
  recordedUpToChange,
  withAttempt,
  type DeliveryLog,
  type DeliveryRecord,
  type DeliveryState,
} from './delivery-log';
import { LeadStages } from './lead-stages';
import { selects, type StageChange } from './selectors';
import { delivered, type Attempt, type Outgoing } from './send-message';
import { messageId, personalPart, webhookMessage } from './webhook-message';
import type { Webhook } from './webhooks';

export const WEBHOOKS_CHECKPOINT_VERSION = 1;

/** How deliveries are paced; every field has the default the runner gives it. */
export interface DeliveryPolicy {
  /** How long a failing delivery is retried, from its first attempt, before it is a dead letter. */
  readonly retryForMs: number;
  /** The first retry's wait, doubling per attempt (full jitter) up to `retryMaxMs`. */
  readonly retryInitialMs: number;
  readonly retryMaxMs: number;
  /** Deliveries in flight at once per subscription (each lead's still one at a time). */
  readonly concurrency: number;
  /** Events read ahead of the checkpoint at most; a subscription whose oldest delivery keeps failing waits there. */
  readonly window: number;
  /** How often what was delivered is committed with the checkpoint. */
  readonly flushMs: number;
}

export interface WebhookSessionOptions {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  readonly log: DeliveryLog;
  readonly webhook: Webhook;
  readonly storeId: string;
  /** The stored checkpoint, or null when none was written yet (deliveries start at `webhook.fromPosition`). */
  readonly checkpoint: bigint | null;
  /** Past this position no delivery was ever recorded: later events need no look at the log. */
  readonly recordedUpTo: bigint | null;
  readonly policy: DeliveryPolicy;
  /** The lead's key to open its personal fields, null once erased. */
  readonly openingKey: (leadId: string) => Promise<Buffer | null>;
  readonly send: (message: Outgoing) => Promise<Attempt>;
  readonly clock: () => Date;
  readonly leases: () => HeldLease[];
  readonly onAttempt?: (webhookId: string, attempt: Attempt, state: DeliveryState) => void;
}

/** One event to deliver, waiting behind its lead's earlier ones, in flight, or waiting for its retry. */
interface Delivery {
  readonly event: RecordedEvent;
  readonly leadId: string;
  readonly change: StageChange;
  readonly slot: Slot;
  record: DeliveryRecord;
}

/** An event read, in log order; done once delivered, dead, or not one the subscription asked for. */
interface Slot {
  readonly position: bigint;
  done: boolean;
}

/**
 * One subscription's deliveries, from its checkpoint: each lead's events in order, one at a time, several
 * leads at once. The checkpoint moves to the last position before which everything is done, committed
 * with the delivery records every `flushMs`; after a crash, what was in flight is sent again with the same
 * `webhook-id`. Ends when stopped or on the first error (the runner starts a new session).
 */
export class WebhookSession extends SubscriptionSession {
  private readonly stages: LeadStages;
  private readonly slots: Slot[] = [];
  private readonly byLead = new Map<string, Delivery[]>();
  private readonly ready: Delivery[] = [];
  private readonly retries = new Set<NodeJS.Timeout>();
  private readonly dirty = new Map<string, DeliveryRecord>();
  private inFlight = 0;
  /** The checkpoint as stored (null: none yet), and how far everything is done. */
  private stored: bigint | null;
  private reached: bigint;
  private recordedUpTo: bigint | null;
  private room: (() => void) | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private readonly flushTimer: NodeJS.Timeout;

  constructor(private readonly options: WebhookSessionOptions) {
    super();
    this.stages = new LeadStages(options.eventStore);
    this.stored = options.checkpoint;
    this.reached = options.checkpoint ?? BigInt(options.webhook.fromPosition);
    this.recordedUpTo = options.recordedUpTo;
    this.flushTimer = setInterval(() => this.orAbort(this.flush()), options.policy.flushMs);
    this.flushTimer.unref();
    this.subscribe(options.eventStore, {
      after: this.reached === 0n && this.stored === null ? undefined : this.reached,
      filter: { streamNamePrefixes: [LEAD_STREAM_PREFIX] },
    });
  }

  /** The position up to which every delivery is done, committed or not. */
  get position(): bigint {
    return this.reached;
  }

  protected async onEvent(event: RecordedEvent): Promise<void> {
    if (this.ended) return;
    const change = await this.stages.change(event);
    const record = selects(this.options.webhook.events, event.type, change)
      ? await this.recordFor(event, change)
      : null;
    // The slot goes in only now, knowing whether it is done: while the record was looked up another lead's
    // delivery may have settled and moved the checkpoint over every done slot.
    const slot: Slot = { position: event.position, done: record?.state !== 'pending' };
    this.slots.push(slot);
    if (record && !slot.done) this.enqueue({ event, leadId: record.leadId, change, slot, record });
    this.advance();
    // Read no further ahead than the window: the subscription waits here until deliveries finish.
    if (this.slots.length >= this.options.policy.window && !this.ended && !this.stopping)
      await new Promise<void>((resolve) => (this.room = resolve));
  }

  protected onCaughtUp(): void {}

  protected flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.commit());
    return this.flushing;
  }

  protected clearTimers(): void {
    clearInterval(this.flushTimer);
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
    this.room?.();
    this.room = null;
  }

  /** A new record, or the one an earlier run left for this event (delivered or dead ones are not sent again). */
  private async recordFor(event: RecordedEvent, change: StageChange): Promise<DeliveryRecord> {
    const { webhook, log } = this.options;
    if (this.recordedUpTo !== null && event.position <= this.recordedUpTo) {
      const kept = await log.get(webhook.webhookId, event.id);
      if (kept) return kept;
    }
    return {
      deliveryId: event.id,
      webhookId: webhook.webhookId,
      messageId: messageId(webhook.webhookId, event.id),
      leadId: event.streamName.slice(LEAD_STREAM_PREFIX.length),
      type: event.type,
      position: event.position.toString(),
      revision: event.revision.toString(),
      stage: change,
      state: 'pending',
      attempts: 0,
      firstAttemptAt: '',
      lastAttemptAt: '',
      nextAttemptAt: null,
      history: [],
    };
  }

  private enqueue(delivery: Delivery): void {
    const queue = this.byLead.get(delivery.leadId);
    if (queue) return void queue.push(delivery);
    this.byLead.set(delivery.leadId, [delivery]);
    this.makeReady(delivery);
  }

  private makeReady(delivery: Delivery): void {
    this.ready.push(delivery);
    this.pump();
  }

  /** Starts what is ready, up to the concurrency. */
  private pump(): void {
    while (
      !this.ended &&
      !this.stopping &&
      this.inFlight < this.options.policy.concurrency &&
      this.ready.length > 0
    ) {
      const next = this.ready.shift()!;
      this.inFlight++;
      this.orAbort(
        this.attempt(next).finally(() => {
          this.inFlight--;
          this.pump();
        }),
      );
    }
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const { webhook, policy } = this.options;
    const personal = await personalPart(webhook, delivery.leadId, this.options.openingKey);
    const body = webhookMessage(delivery.event, delivery.change, personal);
    const attempt = await this.options.send({
      url: webhook.url,
      secret: webhook.secret,
      messageId: delivery.record.messageId,
      body,
    });
    // A stopped session records nothing more: its successor sends again from the checkpoint.
    if (this.ended) return;
    const now = this.options.clock().getTime();
    const first =
      delivery.record.attempts === 0 ? Date.parse(attempt.at) : Date.parse(delivery.record.firstAttemptAt);
    const wait = backoffMs(delivery.record.attempts, policy.retryInitialMs, policy.retryMaxMs);
    const state: DeliveryState = delivered(attempt)
      ? 'delivered'
      : now + wait - first > policy.retryForMs
        ? 'dead'
        : 'pending';
    const next = state === 'pending' ? new Date(now + wait).toISOString() : null;
    delivery.record = withAttempt(delivery.record, attempt, state, next);
    this.dirty.set(delivery.record.deliveryId, delivery.record);
    this.options.onAttempt?.(webhook.webhookId, attempt, state);
    if (state !== 'pending') return this.settle(delivery);
    // A stopping session retries nothing: its successor sends again from the checkpoint.
    if (this.stopping) return;
    const timer = setTimeout(() => {
      this.retries.delete(timer);
      this.makeReady(delivery);
    }, wait);
    this.retries.add(timer);
  }

  /** The lead's next event may go; the checkpoint may move. */
  private settle(delivery: Delivery): void {
    delivery.slot.done = true;
    const queue = this.byLead.get(delivery.leadId)!;
    queue.shift();
    if (queue.length > 0) this.makeReady(queue[0]);
    else this.byLead.delete(delivery.leadId);
    this.advance();
  }

  private advance(): void {
    while (this.slots.length > 0 && this.slots[0].done) this.reached = this.slots.shift()!.position;
    if (this.room && this.slots.length < this.options.policy.window) {
      this.room();
      this.room = null;
    }
  }

  private async commit(): Promise<void> {
    const target = this.reached;
    if (this.dirty.size === 0 && target === this.stored) return;
    const { webhook, readStore, storeId } = this.options;
    const changes = new ChangeSet();
    let highest = this.recordedUpTo;
    for (const record of this.dirty.values()) {
      recordChanges(changes, record);
      const position = BigInt(record.position);
      if (highest === null || position > highest) highest = position;
    }
    this.dirty.clear();
    if (highest !== null && highest !== this.recordedUpTo)
      recordedUpToChange(changes, webhook.webhookId, highest);
    const moves =
      target === this.stored
        ? []
        : [
            {
              id: checkpointId(webhook.webhookId),
              expected: this.stored,
              position: target,
              version: WEBHOOKS_CHECKPOINT_VERSION,
              storeId,
            },
          ];
    await readStore.commit({ changes, checkpoints: moves, leases: this.options.leases() });
    this.stored = target;
    this.recordedUpTo = highest;
  }
}
