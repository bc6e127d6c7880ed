import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';

/** How long a connection waits for another one's write lock before SQLITE_BUSY, in ms. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * One row per event. `position` is the rowid: SQLite hands out max(rowid) + 1 and we never delete, so
 * `$all` positions start at 1 and have no gaps (a rolled-back append gives its rowids back).
 * UNIQUE (stream, revision) is also the index for stream reads; UNIQUE (stream, event_id) backs the
 * idempotency lookups; the type index serves type-filtered `$all` reads.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position INTEGER PRIMARY KEY,
    stream   TEXT    NOT NULL,
    revision INTEGER NOT NULL,
    event_id TEXT    NOT NULL,
    type     TEXT    NOT NULL,
    data     TEXT    NOT NULL,
    metadata TEXT    NOT NULL,
    created  INTEGER NOT NULL,
    UNIQUE (stream, revision),
    UNIQUE (stream, event_id)
  );
  CREATE INDEX IF NOT EXISTS events_by_type ON events (type, position);
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
`;

/** The `meta` row holding the store's identity (see `EventStore.storeId`). */
export const STORE_ID_KEY = 'store_id';

/**
 * Opens (creating if needed) the events file. WAL lets readers run beside the one writer and, with
 * `synchronous = NORMAL`, a commit is in the WAL file before the call returns: it survives the process
 * being killed, though not a power cut; `FULL` fsyncs every commit and survives both.
 */
export function openDatabase(path: string, synchronous: 'normal' | 'full'): Database.Database {
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    // Positions, revisions and timestamps come back as bigint: no silent rounding past 2^53.
    db.defaultSafeIntegers(true);
    // IMMEDIATE takes the write lock up front, so two processes creating the file at once queue up.
    db.transaction(() => {
      db.exec(SCHEMA);
      // Made once, with the file (or at the first open of a file from before identities); kept ever after.
      db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(STORE_ID_KEY, randomUUID());
    }).immediate();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
