import type Database from 'better-sqlite3';

type Value = string | number;

/** The tables a commit writes: the live ones, or a rebuild's stage (see `RebuildStage`). */
export interface ModelTables {
  readonly hashes: string;
  readonly zsets: string;
  readonly checkpoints: string;
}

export const LIVE_TABLES: ModelTables = { hashes: 'hashes', zsets: 'zsets', checkpoints: 'checkpoints' };

/** The statements of a commit and of a projector's reads, against one set of tables. */
export class WriteStatements {
  readonly hget: Database.Statement<[string, string], { value: Value }>;
  readonly hset: Database.Statement<[string, string, Value]>;
  readonly hdel: Database.Statement<[string, string]>;
  readonly hincr: Database.Statement<[string, string, number]>;
  readonly zadd: Database.Statement<[string, string, number]>;
  readonly zrem: Database.Statement<[string, string]>;
  readonly checkpoint: Database.Statement<
    [string],
    { position: string; version: number; store_id: string | null }
  >;
  readonly putCheckpoint: Database.Statement<[string, string, number, string]>;

  constructor(db: Database.Database, { hashes, zsets, checkpoints }: ModelTables) {
    this.hget = db.prepare(`SELECT value FROM ${hashes} WHERE key = ? AND field = ?`);
    this.hset = db.prepare(
      `INSERT INTO ${hashes} (key, field, value) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value`,
    );
    this.hdel = db.prepare(`DELETE FROM ${hashes} WHERE key = ? AND field = ?`);
    this.hincr = db.prepare(
      `INSERT INTO ${hashes} (key, field, value) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET value = value + excluded.value`,
    );
    this.zadd = db.prepare(
      `INSERT INTO ${zsets} (key, member, score) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET score = excluded.score`,
    );
    this.zrem = db.prepare(`DELETE FROM ${zsets} WHERE key = ? AND member = ?`);
    this.checkpoint = db.prepare(`SELECT position, version, store_id FROM ${checkpoints} WHERE id = ?`);
    this.putCheckpoint = db.prepare(
      `INSERT INTO ${checkpoints} (id, position, version, store_id) VALUES (?, ?, ?, ?) ` +
        'ON CONFLICT DO UPDATE SET position = excluded.position, version = excluded.version, ' +
        'store_id = excluded.store_id',
    );
  }
}

/** Every fixed statement the SQLite read store runs, prepared once per connection. */
export class ReadModelStatements {
  /** What a commit (and a projector's `hmget`) runs, on the live tables. */
  readonly writes: WriteStatements;
  readonly hgetall: Database.Statement<[string], { field: string; value: Value }>;
  readonly zcard: Database.Statement<[string], { n: number }>;
  readonly zrank: Database.Statement<[string, number, number], { member: string; score: number }>;
  readonly checkpoint: WriteStatements['checkpoint'];
  readonly deleteCheckpoint: Database.Statement<[string]>;
  readonly deleteHashes: Database.Statement<[string, string]>;
  readonly deleteZsets: Database.Statement<[string, string]>;
  readonly hashesIn: Database.Statement<[string, string], { key: string; field: string; value: Value }>;
  readonly zsetsIn: Database.Statement<[string, string], { key: string; member: string; score: number }>;
  readonly lease: Database.Statement<[string], { token: string; expires_at: number }>;
  readonly putLease: Database.Statement<[string, string, number]>;
  readonly deleteLease: Database.Statement<[string, string]>;
  readonly expireClaims: Database.Statement<[string, number]>;
  readonly isClaimed: Database.Statement<[string, string], { until: number }>;
  readonly putClaim: Database.Statement<[string, string, string, number]>;
  readonly due: Database.Statement<[string, number, number, number], { member: string; score: number }>;

  constructor(db: Database.Database) {
    this.writes = new WriteStatements(db, LIVE_TABLES);
    this.hgetall = db.prepare('SELECT field, value FROM hashes WHERE key = ?');
    this.zcard = db.prepare('SELECT count(*) AS n FROM zsets WHERE key = ?');
    this.zrank = db.prepare(
      'SELECT member, score FROM zsets WHERE key = ? ORDER BY score, member LIMIT ? OFFSET ?',
    );
    this.checkpoint = this.writes.checkpoint;
    this.deleteCheckpoint = db.prepare('DELETE FROM checkpoints WHERE id = ?');
    // Keys of a namespace `ns` are exactly those in [`ns:`, `ns;`): `;` follows `:` in byte order.
    this.deleteHashes = db.prepare('DELETE FROM hashes WHERE key >= ? AND key < ?');
    this.deleteZsets = db.prepare('DELETE FROM zsets WHERE key >= ? AND key < ?');
    this.hashesIn = db.prepare(
      'SELECT key, field, value FROM hashes WHERE key >= ? AND key < ? ORDER BY key, field',
    );
    this.zsetsIn = db.prepare(
      'SELECT key, member, score FROM zsets WHERE key >= ? AND key < ? ORDER BY key, score, member',
    );
    this.lease = db.prepare('SELECT token, expires_at FROM leases WHERE name = ?');
    this.putLease = db.prepare(
      'INSERT INTO leases (name, token, expires_at) VALUES (?, ?, ?) ' +
        'ON CONFLICT DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at',
    );
    this.deleteLease = db.prepare('DELETE FROM leases WHERE name = ? AND token = ?');
    this.expireClaims = db.prepare('DELETE FROM claims WHERE queue = ? AND until <= ?');
    this.isClaimed = db.prepare('SELECT until FROM claims WHERE queue = ? AND member = ?');
    this.putClaim = db.prepare(
      'INSERT INTO claims (queue, member, consumer, until) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT DO UPDATE SET consumer = excluded.consumer, until = excluded.until',
    );
    this.due = db.prepare(
      'SELECT member, score FROM zsets WHERE key = ? AND score <= ? ORDER BY score, member LIMIT ? OFFSET ?',
    );
  }
}
