import type { ReadStore } from '@leadger/read-store';
import { readPosition } from './position';
import { decodeCursor, encodeCursor, pageSize, QueryInputError } from './query-input';

// A queue of items due at a time (nurture, customer nurture): one JSON document per lead in `items`, and
// `due` ordering them by due time (epoch ms). Listing pages through `due`; claiming takes due items for a
// consumer, skipping those another claim holds. Claims live in the read store under `queue`, apart from
// the read model's keys, so a rebuild keeps them.

/** Where a queue's read model keeps its items, and its claims. */
export interface DueQueue {
  /** The read model (projection name) whose position answers carry. */
  readonly readModel: string;
  /** hash: leadId → item (JSON). */
  readonly items: string;
  /** zset: leadId → due time (epoch ms). */
  readonly due: string;
  /** The claims queue's name. */
  readonly queue: string;
}

export interface DueListQuery {
  /** Only items whose due time has come. Default false: every item. */
  readonly due?: boolean;
  /** What "now" is for `due`. Default: the current time. */
  readonly now?: Date;
  /** `nextCursor` of the previous page. Default: the first page. */
  readonly cursor?: string;
  /** Items per page, 1–500. Default 50. */
  readonly limit?: number;
}

export interface DueListAnswer<Item> {
  readonly position: string | null;
  /** Ordered by due time, then lead id. */
  readonly items: readonly Item[];
  /** Pass as `cursor` for the next page; `null` on the last one. */
  readonly nextCursor: string | null;
}

export interface DueClaim {
  /** Who works the items; another consumer is not given them until the claim ends. */
  readonly consumer: string;
  /** At most this many items, 1–500. Default 10. */
  readonly limit?: number;
  /** How long the claim lasts, in ms. Default 5 minutes. */
  readonly leaseMs?: number;
  /** Default: the current time. */
  readonly now?: Date;
}

export type Claimed<Item> = Item & { readonly claimedBy: string; readonly claimedUntil: string };

export interface DueClaimAnswer<Item> {
  readonly position: string | null;
  readonly items: readonly Claimed<Item>[];
}

/** The queue's items, soonest due first, page by page. */
export async function listDue<Item>(
  store: ReadStore,
  queue: DueQueue,
  query: DueListQuery = {},
): Promise<DueListAnswer<Item>> {
  const limit = pageSize(query.limit, 50, 500);
  const after = decodeCursor(query.cursor);
  const position = await readPosition(store, [queue.readModel]);
  const max = query.due ? (query.now ?? new Date()).getTime() : undefined;
  const page = await store.zpage(queue.due, { max, after, limit });
  const items = await itemsOf<Item>(
    store,
    queue,
    page.map((entry) => entry.member),
  );
  const last = page[page.length - 1];
  return { position, items, nextCursor: page.length === limit ? encodeCursor(last) : null };
}

/**
 * Claims due items, soonest first, skipping those another claim holds. Atomic in both stores (a Lua
 * script, a SQLite transaction): two consumers never get one item while its claim lasts.
 */
export async function claimDue<Item extends { readonly leadId: string }>(
  store: ReadStore,
  queue: DueQueue,
  claim: DueClaim,
): Promise<DueClaimAnswer<Item>> {
  if (!claim.consumer?.trim()) throw new QueryInputError('consumer', 'is required');
  const leaseMs = claim.leaseMs ?? 300_000;
  if (!Number.isSafeInteger(leaseMs) || leaseMs < 1)
    throw new QueryInputError('leaseMs', 'must be 1 or more');
  const position = await readPosition(store, [queue.readModel]);
  const claimed = await store.claimDue({
    queue: queue.queue,
    dueKey: queue.due,
    consumer: claim.consumer,
    limit: pageSize(claim.limit, 10, 500),
    leaseMs,
    now: (claim.now ?? new Date()).getTime(),
  });
  const items = await itemsOf<Item>(
    store,
    queue,
    claimed.map((c) => c.member),
  );
  const until = new Map(claimed.map((c) => [c.member, new Date(c.until).toISOString()]));
  return {
    position,
    items: items.map((item) => ({
      ...item,
      claimedBy: claim.consumer,
      claimedUntil: until.get(item.leadId)!,
    })),
  };
}

/** The stored items of these leads, in order; one that left the queue in the meantime is left out. */
async function itemsOf<Item>(store: ReadStore, queue: DueQueue, leadIds: readonly string[]): Promise<Item[]> {
  const values = await store.hmget(leadIds.map((field) => ({ key: queue.items, field })));
  return values.flatMap((value) => (value === null ? [] : [JSON.parse(value) as Item]));
}
