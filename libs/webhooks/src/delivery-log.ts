import type { JsonObject } from '@leadger/event-store';
import { ChangeSet, type ReadStore } from '@leadger/read-store';
import type { StageChange } from './selectors';
import type { Attempt } from './send-message';

// Each subscription's delivery log lives in the read store beside its checkpoint, outside every
// projection's namespace (a rebuild keeps it): one hash of records by delivery id (the event's id), the
// log in position order, and the dead letters.

export type DeliveryState = 'pending' | 'delivered' | 'dead';

/** What the log keeps of one event's delivery to one subscription. */
export interface DeliveryRecord {
  readonly deliveryId: string;
  readonly webhookId: string;
  readonly messageId: string;
  readonly leadId: string;
  readonly type: string;
  readonly position: string;
  readonly revision: string;
  readonly stage: StageChange;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly firstAttemptAt: string;
  readonly lastAttemptAt: string;
  /** When the next retry is due; null once delivered or dead. */
  readonly nextAttemptAt: string | null;
  /** The latest attempts, newest last (at most `KEPT_ATTEMPTS`). */
  readonly history: readonly Attempt[];
}

const KEPT_ATTEMPTS = 20;
const NAMESPACE = 'webhooks';

export const checkpointId = (webhookId: string) => `${NAMESPACE}:${webhookId}`;
const recordsKey = (webhookId: string) => `${NAMESPACE}:${webhookId}:deliveries`;
const logKey = (webhookId: string) => `${NAMESPACE}:${webhookId}:log`;
const deadKey = (webhookId: string) => `${NAMESPACE}:${webhookId}:dead`;
const metaKey = (webhookId: string) => `${NAMESPACE}:${webhookId}:meta`;

/** The record after one more attempt. */
export function withAttempt(
  previous: DeliveryRecord,
  attempt: Attempt,
  state: DeliveryState,
  nextAttemptAt: string | null,
): DeliveryRecord {
  return {
    ...previous,
    state,
    attempts: previous.attempts + 1,
    firstAttemptAt: previous.attempts === 0 ? attempt.at : previous.firstAttemptAt,
    lastAttemptAt: attempt.at,
    nextAttemptAt,
    history: [...previous.history, attempt].slice(-KEPT_ATTEMPTS),
  };
}

/** Adds the writes that store `record` to `changes`. */
export function recordChanges(changes: ChangeSet, record: DeliveryRecord): void {
  const { webhookId, deliveryId } = record;
  const score = Number(record.position);
  changes.add({
    op: 'hsetdoc',
    key: recordsKey(webhookId),
    field: deliveryId,
    doc: record as unknown as JsonObject,
  });
  changes.add({ op: 'zadd', key: logKey(webhookId), member: deliveryId, score });
  if (record.state === 'dead')
    changes.add({ op: 'zadd', key: deadKey(webhookId), member: deliveryId, score });
  else changes.add({ op: 'zrem', key: deadKey(webhookId), member: deliveryId });
}

/** Adds the write that says no record exists past `position` (it only ever grows). */
export function recordedUpToChange(changes: ChangeSet, webhookId: string, position: bigint): void {
  changes.add({ op: 'hset', key: metaKey(webhookId), field: 'recordedUpTo', value: position.toString() });
}

export interface DeliveryPage {
  readonly items: readonly DeliveryRecord[];
  /** Pass as `before` for the next (older) page; null on the last. */
  readonly next: string | null;
}

/** Reads a subscription's delivery log; writes single records outside a deliverer's batch (redelivery). */
export class DeliveryLog {
  constructor(private readonly store: ReadStore) {}

  /** Newest first; `dead` lists the dead letters only. `before` is a position from a previous page. */
  async page(
    webhookId: string,
    options: { readonly dead?: boolean; readonly limit: number; readonly before?: string },
  ): Promise<DeliveryPage> {
    const key = options.dead ? deadKey(webhookId) : logKey(webhookId);
    const entries = await this.store.zpage(key, {
      reverse: true,
      max: options.before === undefined ? undefined : Number(options.before) - 1,
      limit: options.limit + 1,
    });
    const shown = entries.slice(0, options.limit);
    const items = await this.records(
      webhookId,
      shown.map((entry) => entry.member),
    );
    return {
      items: items.filter((item): item is DeliveryRecord => item !== null),
      next: entries.length > options.limit ? String(shown[shown.length - 1].score) : null,
    };
  }

  async get(webhookId: string, deliveryId: string): Promise<DeliveryRecord | null> {
    return (await this.records(webhookId, [deliveryId]))[0];
  }

  /** The records of these deliveries, null where none was kept. */
  async records(webhookId: string, deliveryIds: readonly string[]): Promise<(DeliveryRecord | null)[]> {
    if (deliveryIds.length === 0) return [];
    const values = await this.store.hmget(
      deliveryIds.map((field) => ({ key: recordsKey(webhookId), field })),
    );
    return values.map((value) => (value === null ? null : (JSON.parse(value) as DeliveryRecord)));
  }

  /** The highest position any record of this subscription was written for: later events have none. */
  async recordedUpTo(webhookId: string): Promise<bigint | null> {
    const [value] = await this.store.hmget([{ key: metaKey(webhookId), field: 'recordedUpTo' }]);
    return value === null ? null : BigInt(value);
  }

  /** Stores one record on its own (a redelivery from the API). */
  async save(record: DeliveryRecord): Promise<void> {
    const changes = new ChangeSet();
    recordChanges(changes, record);
    await this.store.commit({ changes, checkpoints: [], leases: [] });
  }
}
