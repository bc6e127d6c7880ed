import type { RedisClient } from './connect';
import type { ZEntry, ZPageOptions } from '../read-store';
import { pairs } from './pairs';

/** Extra entries fetched per round trip when a cursor's score is shared by other members. */
const TIE_SLACK = 50;

/**
 * A page of a sorted set. Without a cursor it is one ZRANGEBYSCORE. With one, the range starts at the
 * cursor's score and entries tied with it up to the cursor's member are passed over; ties are ordered by
 * member bytewise (Redis' order), compared here rather than in Lua, whose string order follows the locale.
 */
export async function pageSortedSet(
  redis: RedisClient,
  key: string,
  options: ZPageOptions,
): Promise<ZEntry[]> {
  const { after, limit, reverse = false } = options;
  let min = bound(options.min ?? -Infinity);
  let max = bound(options.max ?? Infinity);
  if (after) {
    if (reverse) max = bound(Math.min(after.score, options.max ?? Infinity));
    else min = bound(Math.max(after.score, options.min ?? -Infinity));
  }
  const range = (offset: number, count: number) =>
    reverse
      ? redis.zrevrangebyscore(key, max, min, 'WITHSCORES', 'LIMIT', offset, count)
      : redis.zrangebyscore(key, min, max, 'WITHSCORES', 'LIMIT', offset, count);
  if (!after) return pairs(await range(0, limit ?? -1));

  const page: ZEntry[] = [];
  const wanted = limit ?? Infinity;
  const count = limit === undefined ? -1 : limit + TIE_SLACK;
  for (let offset = 0; page.length < wanted;) {
    const entries = pairs(await range(offset, count));
    for (const entry of entries) {
      if (!passed(entry, after, reverse)) page.push(entry);
      if (page.length === wanted) break;
    }
    if (count < 0 || entries.length < count) break;
    offset += entries.length;
  }
  return page;
}

/** True for the cursor itself and the entries before it in the page order. */
function passed(entry: ZEntry, after: ZEntry, reverse: boolean): boolean {
  if (entry.score !== after.score) return reverse ? entry.score > after.score : entry.score < after.score;
  const order = Buffer.compare(Buffer.from(entry.member), Buffer.from(after.member));
  return reverse ? order >= 0 : order <= 0;
}

function bound(value: number): string {
  if (value === Infinity) return '+inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}
