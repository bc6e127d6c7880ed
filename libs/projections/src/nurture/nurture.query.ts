import type { ReadStore } from '@leadger/read-store';
import { readPosition } from '../queries/position';
import { decodeCursor, encodeCursor, pageSize, QueryInputError } from '../queries/query-input';
import { NURTURE, NURTURE_QUEUE, nurtureKeys, type NurtureItem } from './nurture-keys';

export interface NurtureListQuery {
  /** Only items whose revisit date has come. Default false: every lead in nurture. */
  readonly due?: boolean;
  /** What "now" is for `due`. Default: the current time. */
  readonly now?: Date;
  /** `nextCursor` of the previous page. Default: the first page. */
  readonly cursor?: string;
  /** Items per page, 1–500. Default 50. */
  readonly limit?: number;
}

export interface NurtureListAnswer {
  readonly position: string | null;
  /** Ordered by revisit date, then lead id. */
  readonly items: readonly NurtureItem[];
  /** Pass as `cursor` for the next page; `null` on the last one. */
  readonly nextCursor: string | null;
}

/** The leads in nurture, soonest revisit first, page by page. */
export async function nurtureList(
  store: ReadStore,
  query: NurtureListQuery = {},
): Promise<NurtureListAnswer> {
  const limit = pageSize(query.limit, 50, 500);
  const after = decodeCursor(query.cursor);
  const position = await readPosition(store, [NURTURE]);
  const max = query.due ? (query.now ?? new Date()).getTime() : undefined;
  const page = await store.zpage(nurtureKeys.due, { max, after, limit });
  const items = await itemsOf(
    store,
    page.map((entry) => entry.member),
  );
  const last = page[page.length - 1];
  return { position, items, nextCursor: page.length === limit ? encodeCursor(last) : null };
}

export interface NurtureClaim {
  /** Who works the items; another consumer is not given them until the claim ends. */
  readonly consumer: string;
  /** At most this many items, 1–500. Default 10. */
  readonly limit?: number;
  /** How long the claim lasts, in ms. Default 5 minutes. */
  readonly leaseMs?: number;
  /** Default: the current time. */
  readonly now?: Date;
}

export interface ClaimedNurtureItem extends NurtureItem {
  readonly claimedBy: string;
  readonly claimedUntil: string;
}

export interface NurtureClaimAnswer {
  readonly position: string | null;
  readonly items: readonly ClaimedNurtureItem[];
}

/**
 * Claims due nurture items, soonest revisit first, skipping those another claim holds. Atomic in both
 * stores (a Lua script, a SQLite transaction): two consumers never get one item while its claim lasts.
 */
export async function claimNurture(store: ReadStore, claim: NurtureClaim): Promise<NurtureClaimAnswer> {
  if (!claim.consumer?.trim()) throw new QueryInputError('consumer', 'is required');
  const leaseMs = claim.leaseMs ?? 300_000;
  if (!Number.isSafeInteger(leaseMs) || leaseMs < 1)
    throw new QueryInputError('leaseMs', 'must be 1 or more');
  const position = await readPosition(store, [NURTURE]);
  const claimed = await store.claimDue({
    queue: NURTURE_QUEUE,
    dueKey: nurtureKeys.due,
    consumer: claim.consumer,
    limit: pageSize(claim.limit, 10, 500),
    leaseMs,
    now: (claim.now ?? new Date()).getTime(),
  });
  const items = await itemsOf(
    store,
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

/** The stored items of these leads, in order; one that left nurture in the meantime is left out. */
async function itemsOf(store: ReadStore, leadIds: readonly string[]): Promise<NurtureItem[]> {
  const values = await store.hmget(leadIds.map((field) => ({ key: nurtureKeys.items, field })));
  return values.flatMap((value) => (value === null ? [] : [JSON.parse(value) as NurtureItem]));
}
