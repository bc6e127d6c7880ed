import { stages, type Stage } from '@leadger/lead-domain';
import type { ReadStore, ZEntry } from '@leadger/read-store';
import { dayNumber } from '../figures';
import { readPosition } from '../queries/position';
import { day, decodeCursor, encodeCursor, oneOf, pageSize, QueryInputError } from '../queries/query-input';
import { itemOf, LEAD_INDEX, leadIndexKeys, type LeadIndexItem, type LeadIndexMemo } from './lead-index-keys';

const DAY_MS = 86_400_000;

export interface LeadIndexQuery {
  /** Only this lead (what an email found through the blind index); `null`: none at all. Default: every lead. */
  readonly leadId?: string | null;
  /** Only leads handed or owned to this owner. */
  readonly owner?: string;
  readonly stage?: string;
  readonly source?: string;
  /** First capture day (UTC, `YYYY-MM-DD`), inclusive. */
  readonly capturedFrom?: string;
  /** Last capture day, inclusive. */
  readonly capturedTo?: string;
  /** `nextCursor` of the previous page. Default: the first page. */
  readonly cursor?: string;
  /** Items per page, 1–500. Default 50. */
  readonly limit?: number;
}

export interface LeadIndexAnswer {
  readonly position: string | null;
  /** Newest capture first; leads captured at the same moment by lead id, descending. */
  readonly items: readonly LeadIndexItem[];
  /** Pass as `cursor` for the next page; `null` on the last one. */
  readonly nextCursor: string | null;
}

interface Filters {
  readonly owner?: string;
  readonly stage?: Stage;
  readonly source?: string;
  readonly min?: number;
  readonly max?: number;
}

function matches(item: LeadIndexItem, filters: Filters): boolean {
  const time = Date.parse(item.capturedAt);
  return (
    (filters.owner === undefined || item.owner === filters.owner) &&
    (filters.stage === undefined || item.stage === filters.stage) &&
    (filters.source === undefined || item.source === filters.source) &&
    (filters.min === undefined || time >= filters.min) &&
    (filters.max === undefined || time <= filters.max)
  );
}

/**
 * Leads by owner, stage, source and capture day, combined, newest capture first, page by page. It walks
 * the smallest set a filter names and checks the other filters on each lead's memo, so a lead that moved
 * while the page was read is shown as it is now, or not at all.
 */
export async function leadIndex(store: ReadStore, query: LeadIndexQuery = {}): Promise<LeadIndexAnswer> {
  oneOf('stage', query.stage, stages);
  const from = day('capturedFrom', query.capturedFrom);
  const to = day('capturedTo', query.capturedTo);
  if (from && to && from > to) throw new QueryInputError('capturedTo', 'must not be before capturedFrom');
  const limit = pageSize(query.limit, 50, 500);
  const after = decodeCursor(query.cursor);
  const filters: Filters = {
    owner: query.owner,
    stage: query.stage as Stage | undefined,
    source: query.source,
    min: from ? dayNumber(from) * DAY_MS : undefined,
    max: to ? (dayNumber(to) + 1) * DAY_MS - 1 : undefined,
  };
  const position = await readPosition(store, [LEAD_INDEX]);
  if (query.leadId !== undefined) {
    const [item] = query.leadId === null ? [] : await itemsOf(store, [query.leadId]);
    const items = item && !after && matches(item, filters) ? [item] : [];
    return { position, items, nextCursor: null };
  }
  const key = await smallestSet(store, filters);
  const items: LeadIndexItem[] = [];
  let cursor: ZEntry | undefined = after;
  // Other filters may leave out much of the set walked: read it in chunks larger than a page.
  const chunk = Math.max(limit, 200);
  for (;;) {
    const page = await store.zpage(key, {
      min: filters.min,
      max: filters.max,
      after: cursor,
      limit: chunk,
      reverse: true,
    });
    const found = await itemsOf(
      store,
      page.map((entry) => entry.member),
    );
    const byId = new Map(found.map((item) => [item.leadId, item]));
    for (const entry of page) {
      const item = byId.get(entry.member);
      cursor = entry;
      if (!item || !matches(item, filters)) continue;
      items.push(item);
      if (items.length === limit) return { position, items, nextCursor: encodeCursor(entry) };
    }
    if (page.length < chunk) return { position, items, nextCursor: null };
  }
}

/** The set to walk: the smallest of those the filters name, or every lead. */
async function smallestSet(store: ReadStore, filters: Filters): Promise<string> {
  const named = [
    filters.owner === undefined ? undefined : leadIndexKeys.owner(filters.owner),
    filters.stage === undefined ? undefined : leadIndexKeys.stage(filters.stage),
    filters.source === undefined ? undefined : leadIndexKeys.source(filters.source),
  ].filter((key): key is string => key !== undefined);
  if (named.length === 0) return leadIndexKeys.captured;
  const sizes = await Promise.all(named.map((key) => store.zcard(key)));
  return named[sizes.indexOf(Math.min(...sizes))];
}

async function itemsOf(store: ReadStore, leadIds: readonly string[]): Promise<LeadIndexItem[]> {
  const values = await store.hmget(leadIds.map((field) => ({ key: leadIndexKeys.leads, field })));
  return values.flatMap((value, i) =>
    value === null ? [] : [itemOf(leadIds[i], JSON.parse(value) as LeadIndexMemo)],
  );
}
