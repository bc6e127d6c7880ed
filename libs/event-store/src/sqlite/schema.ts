import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { storedOccurredMs } from '../occurred-at';

/** How long a connection waits for another one's write lock before SQLITE_BUSY, in ms. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * One row per event. `position` is the rowid: SQLite hands out max(rowid) + 1 and we never delete, so
 * `$all` positions start at 1 and have no gaps (a rolled-back append gives its rowids back).
 * UNIQUE (stream, revision) is also the index for stream reads; UNIQUE (stream, event_id) backs the
 * idempotency lookups; the type index serves type-filtered `$all` reads. `occurred_ms` is the business
 * time (`occurredAtMs`, or `NO_OCCURRED_MS`), so a replay up to a moment is bounded in SQL without
 * decoding the events after it (see `fillOccurredMs` for rows written before the column).
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY,
    stream      TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    event_id    TEXT    NOT NULL,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    created     INTEGER NOT NULL,
    occurred_ms INTEGER,
    UNIQUE (stream, revision),
    UNIQUE (stream, event_id)
  );
  CREATE INDEX IF NOT EXISTS events_by_type ON events (type, position);
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
`;

/**
 * Rows still without `occurred_ms`: those of a file from before the column, or appended by an older
 * version since. A partial index, so it stays empty (and free) once they are filled, and finding them is
 * one lookup whoever wrote them.
 */
const UNFILLED_INDEX = `
  CREATE INDEX IF NOT EXISTS events_without_occurred_ms ON events (position) WHERE occurred_ms IS NULL;
`;

/**
 * Business time to position: where the last event that happened before a moment lies, so a replay up to
 * that moment stops reading there (see `OccurredBound`) instead of scanning the rest of the log.
 */
const OCCURRED_INDEX = `
  CREATE INDEX IF NOT EXISTS events_by_occurred ON events (occurred_ms);
`;

const FILL_BATCH = 20_000;

/**
 * Fills `occurred_ms` where it is missing, a batch per transaction so appends from other processes are
 * not held up long. Reads each `occurredAt` in SQL (a JSON string comes back unescaped, as JSON.parse
 * gives it; any other value as NULL), then reads it the way `occurredAtMs` does. A no-op when nothing is
 * missing: one lookup in an empty index.
 */
export function fillOccurredMs(db: Database.Database): void {
  const missing = db.prepare<[number], { position: bigint; occurred_at: string | null }>(
    `SELECT position,
            CASE WHEN json_type(metadata, '$.occurredAt') = 'text' THEN json_extract(metadata, '$.occurredAt') END
              AS occurred_at
       FROM events INDEXED BY events_without_occurred_ms WHERE occurred_ms IS NULL ORDER BY position LIMIT ?`,
  );
  const fill = db.prepare<[number, bigint]>('UPDATE events SET occurred_ms = ? WHERE position = ?');
  const batch = db.transaction(() => {
    const rows = missing.all(FILL_BATCH);
    for (const row of rows) {
      fill.run(
        storedOccurredMs(row.occurred_at === null ? {} : { occurredAt: row.occurred_at }),
        row.position,
      );
    }
    return rows.length;
  });
  while (batch.immediate() === FILL_BATCH);
}

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
      // A file from before the column gets it here (the rows are filled below, outside this transaction).
      const columns = db.prepare<[], { name: string }>('PRAGMA table_info(events)').all();
      if (!columns.some((column) => column.name === 'occurred_ms'))
        db.exec('ALTER TABLE events ADD COLUMN occurred_ms INTEGER');
      db.exec(UNFILLED_INDEX);
      db.exec(OCCURRED_INDEX);
      // Made once, with the file (or at the first open of a file from before identities); kept ever after.
      db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(STORE_ID_KEY, randomUUID());
    }).immediate();
    fillOccurredMs(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
