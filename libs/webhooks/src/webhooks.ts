import { randomBytes, randomUUID } from 'node:crypto';
import { StreamsFollower, type EventStore, type RecordedEvent } from '@leadger/event-store';
import { open, seal } from '@leadger/identity';
import { WebhookInputError, WebhookNotFoundError, WebhookStateError } from './errors';
import { selectorHelp, unknownSelectors } from './selectors';
import {
  WEBHOOK_STREAM_PREFIX,
  webhookStream,
  type WebhookEventType,
  type WebhookSubscribedData,
} from './webhook-events';
import { newWebhookSecret, secretProblem } from './webhook-secret';

export type WebhookState = 'active' | 'paused' | 'deleted';

/** A subscription as listed: never its secret. */
export interface WebhookRecord {
  readonly webhookId: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly includePersonalData: boolean;
  readonly state: WebhookState;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly changedAt: string;
  readonly changedBy: string;
  /** Deliveries are of events after this `$all` position: the log's head when it subscribed. */
  readonly fromPosition: string;
}

/** A subscription as the deliverer holds it: with its signing secret. */
export interface Webhook extends WebhookRecord {
  readonly secret: string;
  readonly revision: bigint;
}

export interface SubscribeInput {
  readonly url: string;
  readonly events: readonly string[];
  readonly secret?: string;
  readonly includePersonalData?: boolean;
}

export const WEBHOOK_ID = /^wh_[0-9a-f]{16}$/;
const MAX_SELECTORS = 50;

/**
 * The webhook subscriptions of a deployment, kept as events and folded in memory. Every process reads the
 * subscription streams again at most once per `refreshMs` when asked, so the deliverer hears of a new,
 * paused or deleted subscription within that time, whichever process registered it.
 */
export class Webhooks {
  private readonly follower: StreamsFollower;
  private readonly held = new Map<string, Webhook>();

  constructor(
    private readonly store: EventStore,
    /** Seals the signing secrets in the log (derived from the master key). */
    private readonly secretsKey: Buffer,
    private readonly options: { readonly refreshMs?: number; readonly clock?: () => Date } = {},
  ) {
    this.follower = new StreamsFollower(store, WEBHOOK_STREAM_PREFIX, (event) => this.apply(event));
  }

  /** Registers a subscription; answers it with its secret, shown this once. */
  async subscribe(input: SubscribeInput, by: string): Promise<{ webhook: WebhookRecord; secret: string }> {
    checkUrl(input.url);
    const unknown = unknownSelectors(input.events);
    if (input.events.length === 0 || input.events.length > MAX_SELECTORS || unknown.length > 0)
      throw new WebhookInputError(
        'events',
        `must be 1 to ${MAX_SELECTORS} of ${selectorHelp}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`,
      );
    const secret = input.secret ?? newWebhookSecret();
    const problem = secretProblem(secret);
    if (problem) throw new WebhookInputError('secret', problem);
    const webhookId = `wh_${randomBytes(8).toString('hex')}`;
    const data: WebhookSubscribedData = {
      webhookId,
      url: input.url,
      events: [...new Set(input.events)],
      includePersonalData: input.includePersonalData ?? false,
      secret: seal(this.secretsKey, webhookId, Buffer.from(secret, 'utf8')),
      fromPosition: (await this.store.headPosition()).toString(),
    };
    await this.append(webhookId, 'WebhookSubscribed', data, 'no_stream', by);
    return { webhook: this.record(await this.get(webhookId)), secret };
  }

  /** Stops deliveries until resumed; what happens meanwhile is delivered on resume. Idempotent. */
  pause(webhookId: string, by: string): Promise<WebhookRecord> {
    return this.move(webhookId, 'active', 'WebhookPaused', by);
  }

  resume(webhookId: string, by: string): Promise<WebhookRecord> {
    return this.move(webhookId, 'paused', 'WebhookResumed', by);
  }

  /** Ends the subscription for good; its delivery log stays readable. */
  async remove(webhookId: string, by: string): Promise<WebhookRecord> {
    const webhook = await this.get(webhookId);
    if (webhook.state !== 'deleted')
      await this.append(webhookId, 'WebhookDeleted', { webhookId }, webhook.revision, by);
    return this.record(await this.get(webhookId));
  }

  /** Every subscription, newest first, deleted ones included. */
  async list(): Promise<WebhookRecord[]> {
    await this.refresh(0);
    return [...this.held.values()].reverse().map((webhook) => this.record(webhook));
  }

  /** The subscription with its secret; WebhookNotFoundError when there is none. */
  async get(webhookId: string, maxAgeMs = 0): Promise<Webhook> {
    await this.refresh(maxAgeMs);
    const webhook = this.held.get(webhookId);
    if (!webhook) throw new WebhookNotFoundError(webhookId);
    return webhook;
  }

  /** The subscriptions to deliver to, as known at most `maxAgeMs` ago. */
  async active(maxAgeMs: number): Promise<Webhook[]> {
    await this.refresh(maxAgeMs);
    return [...this.held.values()].filter((webhook) => webhook.state === 'active');
  }

  record({ secret: _secret, revision: _revision, ...record }: Webhook): WebhookRecord {
    return record;
  }

  private async move(
    webhookId: string,
    from: WebhookState,
    type: WebhookEventType,
    by: string,
  ): Promise<WebhookRecord> {
    const webhook = await this.get(webhookId);
    if (webhook.state === 'deleted')
      throw new WebhookStateError(`webhook ${webhookId} was deleted`, webhook.state);
    if (webhook.state === from) await this.append(webhookId, type, { webhookId }, webhook.revision, by);
    return this.record(await this.get(webhookId));
  }

  private async append(
    webhookId: string,
    type: WebhookEventType,
    data: WebhookSubscribedData | { webhookId: string },
    expected: bigint | 'no_stream',
    by: string,
  ): Promise<void> {
    const at = (this.options.clock?.() ?? new Date()).toISOString();
    await this.store.appendToStream(
      webhookStream(webhookId),
      [{ id: randomUUID(), type, data, metadata: { actor: by, occurredAt: at, recordedAt: at } }],
      expected,
    );
  }

  private refresh(maxAgeMs: number): Promise<void> {
    return this.follower.refresh(maxAgeMs);
  }

  private apply(event: RecordedEvent): void {
    const webhookId = String(event.data.webhookId);
    const at = String(event.metadata.occurredAt);
    const by = String(event.metadata.actor);
    if (event.type === 'WebhookSubscribed') {
      const data = event.data as WebhookSubscribedData;
      this.held.set(webhookId, {
        webhookId,
        url: data.url,
        events: data.events,
        includePersonalData: data.includePersonalData,
        state: 'active',
        createdAt: at,
        createdBy: by,
        changedAt: at,
        changedBy: by,
        fromPosition: data.fromPosition,
        secret: open(this.secretsKey, webhookId, data.secret).toString('utf8'),
        revision: event.revision,
      });
      return;
    }
    const webhook = this.held.get(webhookId);
    if (!webhook) return;
    const state = stateAfter[event.type as Exclude<WebhookEventType, 'WebhookSubscribed'>];
    if (state)
      this.held.set(webhookId, { ...webhook, state, changedAt: at, changedBy: by, revision: event.revision });
  }
}

const stateAfter: Record<Exclude<WebhookEventType, 'WebhookSubscribed'>, WebhookState> = {
  WebhookPaused: 'paused',
  WebhookResumed: 'active',
  WebhookDeleted: 'deleted',
};

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new WebhookInputError('url', 'must be an absolute http or https URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new WebhookInputError('url', 'must be an http or https URL');
  if (parsed.username || parsed.password)
    throw new WebhookInputError('url', 'must not carry credentials: deliveries are signed instead');
  if (url.length > 2048) throw new WebhookInputError('url', 'must be at most 2048 characters');
}
