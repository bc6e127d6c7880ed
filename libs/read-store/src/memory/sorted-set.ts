import type { ZEntry, ZPageOptions } from '../read-store';

/**
 * Strings in UTF-8 byte order, as SQLite and Redis compare them. UTF-16 code units order the same way
 * except surrogates (U+D800–U+DFFF, the halves of code points past U+FFFF), which must sort after
 * U+E000–U+FFFF: the units from U+D800 up are shifted so they do.
 */
export function compareBytewise(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800) x += x >= 0xe000 ? -0x800 : 0x2000;
    if (y >= 0xd800) y += y >= 0xe000 ? -0x800 : 0x2000;
    return x - y;
  }
  return a.length - b.length;
}

const byScoreThenMember = (a: ZEntry, b: ZEntry): number =>
  a.score - b.score || compareBytewise(a.member, b.member);

/**
 * One sorted set: scores by member, and the entries in order, sorted again only when read after a change
 * (a replay writes everything, then reads).
 */
export class SortedSet {
  private readonly scores = new Map<string, number>();
  private sorted: ZEntry[] | undefined;

  get size(): number {
    return this.scores.size;
  }

  add(member: string, score: number): void {
    if (this.scores.get(member) === score) return;
    this.scores.set(member, score);
    this.sorted = undefined;
  }

  remove(member: string): void {
    if (this.scores.delete(member)) this.sorted = undefined;
  }

  byRank(start: number, stop: number): ZEntry[] {
    return this.entries().slice(start, stop + 1);
  }

  /** A page in score order (or reverse), between `min` and `max`, resuming after the cursor `after`. */
  page(options: ZPageOptions): ZEntry[] {
    const entries = this.entries();
    const { min = -Infinity, max = Infinity, after, limit = Infinity } = options;
    const page: ZEntry[] = [];
    if (options.reverse) {
      // The first entry not beyond `max` (nor at or beyond the cursor), walking down.
      let i =
        firstAfter(
          entries,
          (e) => e.score > max || (after !== undefined && byScoreThenMember(e, after) >= 0),
        ) - 1;
      for (; i >= 0 && entries[i].score >= min && page.length < limit; i--) page.push(entries[i]);
    } else {
      let i = firstAfter(
        entries,
        (e) => e.score >= min && (after === undefined || byScoreThenMember(e, after) > 0),
      );
      for (; i < entries.length && entries[i].score <= max && page.length < limit; i++) page.push(entries[i]);
    }
    return page;
  }

  private entries(): ZEntry[] {
    this.sorted ??= [...this.scores].map(([member, score]) => ({ member, score })).sort(byScoreThenMember);
    return this.sorted;
  }
}

/** The index of the first entry for which `beyond` holds; `beyond` must be false, then true, in order. */
function firstAfter(entries: readonly ZEntry[], beyond: (entry: ZEntry) => boolean): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (beyond(entries[middle])) high = middle;
    else low = middle + 1;
  }
  return low;
}
