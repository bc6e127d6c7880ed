import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';

/** How long an erasure waits, by default, for older snapshots to end before it vacuums: 5 s. */
export const ERASURE_VACUUM_WAIT_MS = 5000;

const POLL_MS = 50;

/**
 * Removes the row versions an erasure (transaction `erasedBy`) left behind in `tables`. PostgreSQL keeps an
 * old version as long as some snapshot may still see it, and VACUUM silently leaves such versions in place;
 * so this first waits, up to `waitMs`, for every transaction of this database that began before the erasure
 * committed to end (another process's capture, a report, a `pg_dump`). VACUUM cannot run inside a
 * transaction, hence after the erasure; INDEX_CLEANUP ON, because by default it may skip the indexes when
 * few rows died, leaving the email index value in the primary key's index.
 *
 * What this cannot remove:
 * - versions a snapshot still open after `waitMs` may see, or that a standby with hot_standby_feedback or a
 *   replication slot holds back: they stay until a later vacuum — autovacuum, or the next erasure's;
 * - bytes in a page's freed space, until new rows reuse it: the old key row's when its tombstone did not
 *   fit on its page (see `PostgresLeadVault.erase`), and the deleted email index entry's (an HMAC,
 *   meaningless without the blind-index key);
 * - the write-ahead log, which holds the wrapped key from its insert (and in full-page images) until its
 *   segments are recycled after later checkpoints, and for good in WAL archives and base backups.
 * A standby replays the same pruning, so its pages follow the primary's. VACUUM by a role that does not own
 * the tables only warns and skips them: every process must connect as the role that made them (or one of
 * its members).
 */
export async function vacuumAfterErasure(
  pool: Pool,
  tables: readonly string[],
  erasedBy: string,
  waitMs: number,
): Promise<void> {
  const deadline = Date.now() + waitMs;
  while ((await olderSnapshotsOpen(pool, erasedBy)) && Date.now() < deadline) await sleep(POLL_MS);
  await pool.query(`VACUUM (INDEX_CLEANUP ON) ${tables.join(', ')}`);
}

/** Whether a session of this database may still see what transaction `xid` changed, as it was before. */
async function olderSnapshotsOpen(pool: Pool, xid: string): Promise<boolean> {
  const { rows } = await pool.query<{ open: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid()
         -- A vacuum's own snapshot holds back no other vacuum, so autovacuum on a big table is not waited for.
         AND backend_type <> 'autovacuum worker'
         AND (age(backend_xmin) >= age($1::xid) OR age(backend_xid) >= age($1::xid))
     ) AS open`,
    [xid],
  );
  return rows[0].open;
}
