import type { ReadStore, ZEntry } from '@leadger/read-store';
import { ms } from '../figures';
import { readPosition } from '../queries/position';
import { decodeCursor, encodeCursor, oneOf, pageSize } from '../queries/query-input';
import { decisions, HANDOFFS, handoffKeys, type HandoffDecision, type HandoffEntry } from './handoff-keys';

/** Index entries looked at per round trip, and at most per page, while filtering. */
const SCAN_CHUNK = 200;
const SCAN_BUDGET = 5000;

export interface HandoffsQuery {
  /** Only entries handed to this owner. */
  readonly owner?: string;
  /** Only entries with this decision. */
  readonly decision?: HandoffDecision;
  /** Only entries that breached (true) or kept (false) their SLA, as of `now`. */
  readonly breached?: boolean;
  /** Default: the current time. */
  readonly now?: Date;
  /** `nextCursor` of the previous page. */
  readonly cursor?: string;
  /** 1–500, default 50. */
  readonly limit?: number;
}

/** A ledger entry with `breached` worked out: closed after its SLA, or still pending past it. */
export type HandoffRow = HandoffEntry & { readonly breached: boolean };

export interface HandoffsAnswer {
  readonly position: string | null;
  /** Newest first. */
  readonly items: readonly HandoffRow[];
  /** `null` when there is nothing more; a page may come back short while filtering a long ledger. */
  readonly nextCursor: string | null;
}

export function breachedAt(entry: HandoffEntry, now: number): boolean {
  if (entry.decision !== 'pending') return entry.breachedAtClose;
  return entry.slaDueAt !== null && now > ms(entry.slaDueAt);
}

/**
 * The handoff ledger, newest first. Pages through the narrowest index that fits (the owner's, else the
 * decision's, else all) and filters the rest in memory, looking at no more than a bounded number of
 * entries per page.
 */
export async function handoffs(store: ReadStore, query: HandoffsQuery = {}): Promise<HandoffsAnswer> {
  oneOf('decision', query.decision, decisions);
  const limit = pageSize(query.limit, 50, 500);
  const now = (query.now ?? new Date()).getTime();
  const position = await readPosition(store, [HANDOFFS]);
  const index =
    query.owner !== undefined
      ? handoffKeys.byOwner(query.owner)
      : query.decision
        ? handoffKeys.byDecision(query.decision)
        : handoffKeys.byTime;

  const items: HandoffRow[] = [];
  let after: ZEntry | undefined = decodeCursor(query.cursor);
  for (let seen = 0; ;) {
    const page = await store.zpage(index, { reverse: true, after, limit: SCAN_CHUNK });
    const entries = await store.hmget(page.map((e) => ({ key: handoffKeys.entries, field: e.member })));
    for (let i = 0; i < page.length; i++) {
      after = page[i];
      seen++;
      const value = entries[i];
      if (value === null) continue;
      const entry = JSON.parse(value) as HandoffEntry;
      const breached = breachedAt(entry, now);
      if (matches(entry, breached, query)) items.push({ ...entry, breached });
      const more = i < page.length - 1 || page.length === SCAN_CHUNK;
      if (items.length === limit || seen >= SCAN_BUDGET) {
        return { position, items, nextCursor: more ? encodeCursor(after) : null };
      }
    }
    if (page.length < SCAN_CHUNK) return { position, items, nextCursor: null };
  }
}

function matches(entry: HandoffEntry, breached: boolean, query: HandoffsQuery): boolean {
  return (
    (query.owner === undefined || entry.to === query.owner) &&
    (query.decision === undefined || entry.decision === query.decision) &&
    (query.breached === undefined || breached === query.breached)
  );
}
