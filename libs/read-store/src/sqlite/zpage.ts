import type Database from 'better-sqlite3';
import type { ZEntry, ZPageOptions } from '../read-store';

/** SQLite reads `LIMIT -1` as no limit. */
const NO_LIMIT = -1;

/**
 * Sorted-set pages, one prepared statement per shape (direction × cursor). Ties on score are ordered by
 * member bytewise, as Redis does, so a cursor `(score, member)` resumes exactly after the entry it names.
 */
export class ZPager {
  private readonly statements = new Map<string, Database.Statement<unknown[], ZEntry>>();

  constructor(private readonly db: Database.Database) {}

  page(key: string, options: ZPageOptions): ZEntry[] {
    const reverse = options.reverse ?? false;
    const after = options.after;
    const params: unknown[] = [key, options.min ?? -Infinity, options.max ?? Infinity];
    if (after) params.push(after.score, after.score, after.member);
    params.push(options.limit ?? NO_LIMIT);
    return this.statement(reverse, after !== undefined).all(...params);
  }

  private statement(reverse: boolean, cursor: boolean): Database.Statement<unknown[], ZEntry> {
    const shape = `${reverse}/${cursor}`;
    let statement = this.statements.get(shape);
    if (!statement) {
      const beyond = reverse ? '<' : '>';
      const resume = cursor ? `AND (score ${beyond} ? OR (score = ? AND member ${beyond} ?))` : '';
      const order = reverse ? 'score DESC, member DESC' : 'score, member';
      statement = this.db.prepare(
        `SELECT member, score FROM zsets WHERE key = ? AND score >= ? AND score <= ? ${resume}
         ORDER BY ${order} LIMIT ?`,
      );
      this.statements.set(shape, statement);
    }
    return statement;
  }
}
