import type { AllFilter } from '../event-store';

/** A SQL condition on `events` and its parameters; empty `sql` means no condition. */
export interface FilterClause {
  readonly sql: string;
  readonly params: readonly string[];
}

const MAX_CODE_POINT = 0x10ffff;

/**
 * The smallest string greater than every string that starts with `prefix`: the prefix with its last
 * code point incremented (dropping trailing U+10FFFF, which cannot be incremented). SQLite compares
 * TEXT bytewise and UTF-8 byte order is code point order, so `stream >= prefix AND stream < bound`
 * selects exactly the streams starting with the prefix, uses the index, and — unlike LIKE — gives no
 * meaning to `%`, `_` or any other character of the user's text. `undefined` means no upper bound.
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const codePoints = Array.from(prefix);
  while (codePoints.length > 0) {
    const last = codePoints.pop()!.codePointAt(0)!;
    if (last < MAX_CODE_POINT) {
      // Skip the surrogate range: lone surrogates have no UTF-8 form.
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
      return codePoints.join('') + String.fromCodePoint(next);
    }
  }
  return undefined;
}

/** The WHERE condition for an `$all` filter. An empty list of prefixes or types matches nothing. */
export function filterClause(filter: AllFilter | undefined): FilterClause {
  if (!filter) return { sql: '', params: [] };
  if ('streamNamePrefixes' in filter) {
    if (filter.streamNamePrefixes.length === 0) return { sql: '0', params: [] };
    const terms: string[] = [];
    const params: string[] = [];
    for (const prefix of filter.streamNamePrefixes) {
      const bound = prefixUpperBound(prefix);
      if (bound === undefined) {
        terms.push('stream >= ?');
        params.push(prefix);
      } else {
        terms.push('(stream >= ? AND stream < ?)');
        params.push(prefix, bound);
      }
    }
    return { sql: terms.join(' OR '), params };
  }
  if (filter.eventTypes.length === 0) return { sql: '0', params: [] };
  return { sql: `type IN (${filter.eventTypes.map(() => '?').join(', ')})`, params: [...filter.eventTypes] };
}
