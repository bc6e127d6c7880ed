import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { EventStore } from '@leadger/event-store';
import type { ReadStore } from '@leadger/read-store';
import {
  asError,
  backoffMs,
  LeaseKeeper,
  Pause,
  silentLogger,
  type WorkerLogger,
} from '@leadger/subscriptions';
import { checkpointId, DeliveryLog, type DeliveryState } from './delivery-log';
import { sendMessage, type Attempt, type Outgoing } from './send-message';
import { WebhookSession, WEBHOOKS_CHECKPOINT_VERSION, type DeliveryPolicy } from './webhook-session';
import type { Webhook, Webhooks } from './webhooks';

export const WEBHOOKS_LEASE = 'webhooks';

export interface WebhookRunnerOptions {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  readonly webhooks: Webhooks;
  readonly openingKey: (leadId: string) => Promise<Buffer | null>;
  /** Defaults below; `retryForMs` 24 h. */
  readonly policy?: Partial<DeliveryPolicy>;
  /** How long a receiver may take to answer one delivery. Default 10 s. */
  readonly timeoutMs?: number;
  /** How often subscriptions are looked for (new, paused, resumed, deleted). Default 1 s. */
  readonly refreshMs?: number;
  readonly leaseMs?: number;
  readonly clock?: () => Date;
  readonly instanceId?: string;
  readonly logger?: WorkerLogger;
  /** Tests and the benchmark send elsewhere; default a signed POST. */
  readonly send?: (message: Outgoing) => Promise<Attempt>;
  /** Hears every attempt: metrics, tests. */
  readonly onAttempt?: (webhookId: string, attempt: Attempt, state: DeliveryState) => void;
}

export type WebhookRunnerState = 'starting' | 'standby' | 'live' | 'retrying' | 'stopped';

export interface WebhookRunnerStatus {
  readonly state: WebhookRunnerState;
  /** Per subscription delivering here: how far everything is done, and its last failure. */
  readonly subscriptions: Readonly<
    Record<string, { readonly position: string; readonly lastError: string | null }>
  >;
}

export interface WebhookRunnerHandle {
  status(): WebhookRunnerStatus;
  /** Looks for new, paused and deleted subscriptions now (tests). */
  sync(): Promise<void>;
  stop(): Promise<void>;
}

export const defaultDeliveryPolicy: DeliveryPolicy = {
  retryForMs: 24 * 3600_000,
  retryInitialMs: 1000,
  retryMaxMs: 3600_000,
  concurrency: 32,
  window: 10_000,
  flushMs: 200,
};

/** A session that delivered this long before failing counts as healthy: its failure is the first in a row. */
const HEALTHY_RUN_MS = 10_000;

interface Running {
  readonly webhook: Webhook;
  session: WebhookSession | undefined;
  /** Failures in a row: a session that ran a while before failing starts the count again. */
  failures: number;
  /** After a failure, no new session before this time (epoch ms). */
  retryAt: number;
  lastError: string | null;
}

/**
 * Delivers every active subscription, under one lease for all (one process delivers at a time; others
 * stand by). Each subscription has its own session and checkpoint: one whose receiver is slow or down
 * holds back only itself, and a session that fails is started again after a capped backoff.
 */
export function startWebhookRunner(options: WebhookRunnerOptions): WebhookRunnerHandle {
  return new WebhookRunner(options);
}

class WebhookRunner implements WebhookRunnerHandle {
  private readonly logger: WorkerLogger;
  private readonly lease: LeaseKeeper;
  private readonly log: DeliveryLog;
  private readonly pause = new Pause();
  private readonly running = new Map<string, Running>();
  private readonly policy: DeliveryPolicy;
  private readonly loop: Promise<void>;
  private state: WebhookRunnerState = 'starting';
  private stopping = false;
  private storeId: string | undefined;
  private syncing: Promise<void> | null = null;

  constructor(private readonly options: WebhookRunnerOptions) {
    this.logger = options.logger ?? silentLogger;
    this.log = new DeliveryLog(options.readStore);
    this.policy = { ...defaultDeliveryPolicy, ...options.policy };
    const token = options.instanceId ?? `${hostname()}:${process.pid}:${randomUUID()}`;
    this.lease = new LeaseKeeper(options.readStore, [WEBHOOKS_LEASE], token, options.leaseMs ?? 10_000);
    this.loop = this.run();
  }

  status(): WebhookRunnerStatus {
    const subscriptions: Record<string, { position: string; lastError: string | null }> = {};
    for (const [id, running] of this.running)
      subscriptions[id] = { position: String(running.session?.position ?? ''), lastError: running.lastError };
    return { state: this.state, subscriptions };
  }

  async sync(): Promise<void> {
    if (this.state !== 'live') return;
    // One at a time. One asked for while another runs goes after it, not with it: the one running may have
    // read the subscriptions before the caller's change.
    const run = (this.syncing ?? Promise.resolve()).catch(() => undefined).then(() => this.syncSessions());
    this.syncing = run;
    try {
      await run;
    } finally {
      if (this.syncing === run) this.syncing = null;
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.pause.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    for (let failures = 0; !this.stopping;) {
      try {
        const waiting = (holder: string) => {
          this.state = 'standby';
          this.logger.info('waiting for the webhooks lease', { holder });
        };
        if (!(await this.lease.acquire(this.pause, () => this.stopping, waiting))) break;
        this.storeId = await this.options.eventStore.storeId();
        let lost: Error | undefined;
        this.lease.keepRenewing((error) => {
          lost = error;
          this.pause.wake();
        });
        this.state = 'live';
        failures = 0;
        while (!this.stopping && !lost) {
          await this.sync();
          await this.pause.sleep(this.options.refreshMs ?? 1000);
        }
        if (lost) throw lost;
      } catch (error) {
        if (this.stopping) break;
        this.state = 'retrying';
        this.logger.error('webhooks failed; retrying', {
          error: asError(error).message,
          failures: ++failures,
        });
        await this.stopAll();
        await this.pause.sleep(backoffMs(failures - 1, 100, 5000));
      }
    }
    await this.stopAll();
    await this.lease.release().catch(() => undefined);
    this.state = 'stopped';
  }

  /** Starts sessions for active subscriptions, stops those no longer active, restarts failed ones when due. */
  private async syncSessions(): Promise<void> {
    const active = new Map(
      (await this.options.webhooks.active(0)).map((webhook) => [webhook.webhookId, webhook]),
    );
    for (const [id, running] of this.running) {
      if (active.has(id)) continue;
      this.running.delete(id);
      await running.session?.stop();
      this.logger.info('webhook deliveries stopped', { webhookId: id });
    }
    const now = Date.now();
    for (const webhook of active.values()) {
      const running = this.running.get(webhook.webhookId) ?? {
        webhook,
        session: undefined,
        failures: 0,
        retryAt: 0,
        lastError: null,
      };
      this.running.set(webhook.webhookId, running);
      if (!running.session && now >= running.retryAt && !this.stopping) await this.startSession(running);
    }
  }

  private async startSession(running: Running): Promise<void> {
    const { webhook } = running;
    const id = checkpointId(webhook.webhookId);
    const stored = (await this.options.readStore.readCheckpoints([id])).get(id) ?? null;
    const usable =
      stored && stored.version === WEBHOOKS_CHECKPOINT_VERSION && stored.storeId === this.storeId;
    const session = new WebhookSession({
      eventStore: this.options.eventStore,
      readStore: this.options.readStore,
      log: this.log,
      webhook,
      storeId: this.storeId!,
      checkpoint: usable ? stored.position : null,
      recordedUpTo: await this.log.recordedUpTo(webhook.webhookId),
      policy: this.policy,
      openingKey: this.options.openingKey,
      send: this.options.send ?? ((message) => sendMessage(message, this.options.timeoutMs ?? 10_000)),
      clock: this.options.clock ?? (() => new Date()),
      leases: () => this.lease.leases(),
      onAttempt: this.options.onAttempt,
    });
    running.session = session;
    const startedAt = Date.now();
    this.logger.info('webhook deliveries started', {
      webhookId: webhook.webhookId,
      after: String(usable ? stored.position : webhook.fromPosition),
    });
    session.done.then(
      () => undefined,
      (error: unknown) => {
        if (running.session === session) running.session = undefined;
        // Only quick failures back off further: one after a long healthy run (a lost lease under load, a
        // receiver down for a while) must not inherit the 30 s wait of failures long past.
        running.failures = Date.now() - startedAt > HEALTHY_RUN_MS ? 1 : running.failures + 1;
        running.lastError = asError(error).message;
        running.retryAt = Date.now() + backoffMs(running.failures - 1, 100, 30_000);
        this.logger.error('webhook deliveries failed; retrying', {
          webhookId: webhook.webhookId,
          error: running.lastError,
          failures: running.failures,
        });
      },
    );
  }

  private async stopAll(): Promise<void> {
    const sessions = [...this.running.values()].map((running) => running.session?.stop());
    this.running.clear();
    await Promise.all(sessions);
  }
}
