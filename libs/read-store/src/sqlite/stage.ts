import type Database from 'better-sqlite3';
import { WriteStatements, type ModelTables } from './statements';

/**
 * A rebuild's stage: the same tables in the connection's private temp database. It needs no durability
 * (a crash loses it with the dropped checkpoints, so the rebuild simply starts again), so it is written
 * without WAL frames, checkpoints or fsyncs; publishing copies it into the live tables in key order.
 */
const STAGE: ModelTables = {
  hashes: 'temp.staged_hashes',
  zsets: 'temp.staged_zsets',
  checkpoints: 'temp.staged_checkpoints',
};

const STAGE_SCHEMA = `
  CREATE TEMP TABLE staged_hashes (
    key TEXT NOT NULL, field TEXT NOT NULL, value NOT NULL, PRIMARY KEY (key, field)
  ) WITHOUT ROWID;
  CREATE TEMP TABLE staged_zsets (
    key TEXT NOT NULL, member TEXT NOT NULL, score REAL NOT NULL, PRIMARY KEY (key, member)
  ) WITHOUT ROWID;
  CREATE TEMP TABLE staged_checkpoints (
    id TEXT PRIMARY KEY, position TEXT NOT NULL, version INTEGER NOT NULL, store_id TEXT
  ) WITHOUT ROWID;
`;

/** Creates the stage's tables; the statements that commit into them. */
export function openStage(db: Database.Database): WriteStatements {
  // No rollback journal either: checks come before writes, and a commit that fails midway fails the
  // rebuild, which discards the stage. 32 MB of cache: the live tables' cache sits idle meanwhile.
  db.pragma('temp.journal_mode = OFF');
  db.pragma('temp.cache_size = -32768');
  db.exec(STAGE_SCHEMA);
  return new WriteStatements(db, STAGE);
}

/** Copies the stage into the live tables; the caller runs it in the transaction that checks the leases. */
export function copyStage(db: Database.Database): void {
  // In primary-key order, so the live B-trees are appended to rather than split at random.
  db.exec(`
    INSERT INTO hashes (key, field, value) SELECT key, field, value FROM temp.staged_hashes ORDER BY key, field;
    INSERT INTO zsets (key, member, score) SELECT key, member, score FROM temp.staged_zsets ORDER BY key, member;
    INSERT INTO checkpoints (id, position, version, store_id)
      SELECT id, position, version, store_id FROM temp.staged_checkpoints;
  `);
}

export function dropStage(db: Database.Database): void {
  db.exec(`
    DROP TABLE IF EXISTS temp.staged_hashes;
    DROP TABLE IF EXISTS temp.staged_zsets;
    DROP TABLE IF EXISTS temp.staged_checkpoints;
  `);
}
