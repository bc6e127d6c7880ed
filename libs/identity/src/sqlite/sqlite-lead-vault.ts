import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { SqliteGroupCommit } from '@leadger/event-store';
import { LeadErasedError, type LeadVault } from '../lead-vault';
import { open, seal } from '../sealed';
import { KEY_BYTES } from '../secrets';

// `secure_delete` overwrites what a delete frees, and each erasure checkpoints the WAL away, so a destroyed
// key leaves no copy in the file. A lead's row stays after erasure, keyless, so no new key is ever made.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS lead_keys (
    lead_id   TEXT PRIMARY KEY,
    wrapped   TEXT,
    erased_at INTEGER
  );
  CREATE TABLE IF NOT EXISTS email_index (
    email_index TEXT PRIMARY KEY,
    lead_id     TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS email_index_by_lead ON email_index (lead_id);
  CREATE TABLE IF NOT EXISTS api_key_use (
    key_id  TEXT PRIMARY KEY,
    used_at INTEGER NOT NULL
  );
`;

/** The embedded vault: one SQLite file (`vault.sqlite` in the data directory), data keys wrapped with a key of the master key. */
export class SqliteLeadVault implements LeadVault {
  private readonly db: Database.Database;
  private readonly statements;
  /** New keys and email claims of concurrent captures share a commit (one fsync with `full`). */
  private readonly writes: SqliteGroupCommit;

  /** `synchronous` as the event store has it (LEADGER_SQLITE_SYNC): a key survives what its events survive. */
  constructor(
    path: string,
    private readonly wrappingKey: Buffer,
    synchronous: 'normal' | 'full' = 'normal',
  ) {
    this.db = new Database(path, { timeout: 5000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('secure_delete = ON');
    this.db.transaction(() => this.db.exec(SCHEMA)).immediate();
    this.writes = new SqliteGroupCommit(this.db, { isRefusal: (error) => error instanceof LeadErasedError });
    this.statements = {
      key: this.db.prepare<[string], { wrapped: string | null; erased_at: number | null }>(
        'SELECT wrapped, erased_at FROM lead_keys WHERE lead_id = ?',
      ),
      addKey: this.db.prepare<[string, string]>(
        'INSERT INTO lead_keys (lead_id, wrapped) VALUES (?, ?) ON CONFLICT (lead_id) DO NOTHING',
      ),
      email: this.db.prepare<[string], { lead_id: string }>(
        'SELECT lead_id FROM email_index WHERE email_index = ?',
      ),
      addEmail: this.db.prepare<[string, string]>(
        'INSERT INTO email_index (email_index, lead_id) VALUES (?, ?) ON CONFLICT (email_index) DO NOTHING',
      ),
      dropKey: this.db.prepare<[{ leadId: string; at: number }]>(
        `INSERT INTO lead_keys (lead_id, wrapped, erased_at) VALUES (@leadId, NULL, @at)
         ON CONFLICT (lead_id) DO UPDATE SET wrapped = NULL, erased_at = coalesce(erased_at, @at)`,
      ),
      dropEmail: this.db.prepare<[string]>('DELETE FROM email_index WHERE lead_id = ?'),
      use: this.db.prepare<[string, number]>(
        `INSERT INTO api_key_use (key_id, used_at) VALUES (?, ?)
         ON CONFLICT (key_id) DO UPDATE SET used_at = max(used_at, excluded.used_at)`,
      ),
      uses: this.db.prepare<[], { key_id: string; used_at: number }>(
        'SELECT key_id, used_at FROM api_key_use',
      ),
    };
  }

  async dataKeyFor(leadId: string): Promise<Buffer> {
    return (await this.dataKeysFor([leadId]))[0];
  }

  async dataKeysFor(leadIds: readonly string[]): Promise<Buffer[]> {
    // Keys are made when a capture claims its email, so most calls only read: no write transaction then.
    const found = leadIds.map((leadId) => this.statements.key.get(leadId));
    if (found.every((row) => row?.wrapped))
      return found.map((row, i) => this.unwrap(leadIds[i], (row as { wrapped: string }).wrapped));
    return this.writes.run(() => leadIds.map((leadId) => this.keyOf(leadId)));
  }

  /** The lead's key, made and stored if it has none; inside a transaction. */
  private keyOf(leadId: string): Buffer {
    const found = this.statements.key.get(leadId);
    if (found?.erased_at != null) throw new LeadErasedError(leadId);
    if (found?.wrapped) return this.unwrap(leadId, found.wrapped);
    const key = randomBytes(KEY_BYTES);
    this.statements.addKey.run(leadId, seal(this.wrappingKey, leadId, key));
    return key;
  }

  async findDataKey(leadId: string): Promise<Buffer | null> {
    const found = this.statements.key.get(leadId);
    return found?.wrapped ? this.unwrap(leadId, found.wrapped) : null;
  }

  async findEmail(emailIndex: string): Promise<string | null> {
    return this.statements.email.get(emailIndex)?.lead_id ?? null;
  }

  async claimEmail(emailIndex: string, candidate: string): Promise<string> {
    return this.writes.run((): string => {
      this.statements.addEmail.run(emailIndex, candidate);
      const winner = (this.statements.email.get(emailIndex) as { lead_id: string }).lead_id;
      // The new lead's data key in the same commit: its capture then only reads it.
      if (winner === candidate) this.keyOf(candidate);
      return winner;
    });
  }

  async erase(leadId: string): Promise<void> {
    this.db
      .transaction(() => {
        this.statements.dropKey.run({ leadId, at: Date.now() });
        this.statements.dropEmail.run(leadId);
      })
      .immediate();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async recordKeyUse(keyId: string, at: number): Promise<void> {
    this.statements.use.run(keyId, at);
  }

  async keyUses(): Promise<ReadonlyMap<string, number>> {
    return new Map(this.statements.uses.all().map((row) => [row.key_id, Number(row.used_at)]));
  }

  async close(): Promise<void> {
    if (this.db.open) this.writes.flush();
    this.db.close();
  }

  private unwrap(leadId: string, wrapped: string): Buffer {
    return open(this.wrappingKey, leadId, wrapped);
  }
}
