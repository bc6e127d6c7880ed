import Database from 'better-sqlite3';

/** How long a connection waits for another one's write lock before SQLITE_BUSY, in ms. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Redis' hashes and sorted sets as two tables. `value` has no declared type, so a counter stays an INTEGER
 * and a document stays TEXT. WITHOUT ROWID keeps each table clustered on its primary key, which is also the
 * lookup order; the score index serves range reads and paging. Claims and leases are their own tables, as
 * they are written by consumers and projectors rather than by projections.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS hashes (
    key TEXT NOT NULL, field TEXT NOT NULL, value NOT NULL, PRIMARY KEY (key, field)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS zsets (
    key TEXT NOT NULL, member TEXT NOT NULL, score REAL NOT NULL, PRIMARY KEY (key, member)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS zsets_by_score ON zsets (key, score, member);
  CREATE TABLE IF NOT EXISTS checkpoints (
    id TEXT PRIMARY KEY, position TEXT NOT NULL, version INTEGER NOT NULL, store_id TEXT
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS leases (
    name TEXT PRIMARY KEY, token TEXT NOT NULL, expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS claims (
    queue TEXT NOT NULL, member TEXT NOT NULL, consumer TEXT NOT NULL, until INTEGER NOT NULL,
    PRIMARY KEY (queue, member)
  ) WITHOUT ROWID;
`;

/**
 * Opens (creating if needed) the read-model file. WAL lets API processes read while the projector writes;
 * `synchronous = NORMAL` is enough because a read model can always be rebuilt from the log.
 */
export function openReadModelDatabase(path: string): Database.Database {
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
    db.transaction(() => {
      db.exec(SCHEMA);
      addStoreIdColumn(db);
    }).immediate();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * A file made before checkpoints kept their event store's id gets the column, empty: the projector then
 * sees checkpoints of an unknown log and rebuilds them (or refuses, as configured).
 */
function addStoreIdColumn(db: Database.Database): void {
  const columns = db.prepare('PRAGMA table_info(checkpoints)').all() as { name: string }[];
  if (!columns.some((column) => column.name === 'store_id'))
    db.exec('ALTER TABLE checkpoints ADD COLUMN store_id TEXT');
}
