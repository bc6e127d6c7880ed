import type Database from 'better-sqlite3';

/**
 * The last position of an event that happened before a moment: past it, a read bounded by that moment has
 * nothing to find. A replay asks once per page for the same moment, so the answer is kept for the moment
 * last asked and only extended over the rows appended since (positions only grow, and a row's business time
 * never changes once filled).
 */
export class OccurredBound {
  private readonly first: Database.Statement<[number], { last: bigint | null }>;
  private readonly since: Database.Statement<[bigint, number], { last: bigint | null }>;
  private kept: { moment: number; last: bigint; checkedUpTo: bigint } | undefined;

  constructor(db: Database.Database) {
    this.first = db.prepare(
      'SELECT max(position) AS last FROM events INDEXED BY events_by_occurred WHERE occurred_ms < ?',
    );
    this.since = db.prepare(
      'SELECT max(position) AS last FROM events WHERE position > ? AND +occurred_ms < ?',
    );
  }

  /** The last position, up to `head`, of an event that happened before `moment`; 0n when there is none. */
  lastBefore(moment: Date, head: bigint): bigint {
    const ms = moment.getTime();
    if (this.kept?.moment !== ms) {
      this.kept = { moment: ms, last: this.first.get(ms)?.last ?? 0n, checkedUpTo: head };
    } else if (head > this.kept.checkedUpTo) {
      const later = this.since.get(this.kept.checkedUpTo, ms)?.last;
      if (later != null && later > this.kept.last) this.kept.last = later;
      this.kept.checkedUpTo = head;
    }
    return this.kept.last < head ? this.kept.last : head;
  }
}
