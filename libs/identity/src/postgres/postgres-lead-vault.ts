import { escapeIdentifier, Pool, type PoolClient } from 'pg';
import { inTransaction } from '@leadger/event-store';
import type { LeadVault } from '../lead-vault';
import { open } from '../sealed';
import { ERASURE_VACUUM_WAIT_MS, vacuumAfterErasure } from './erasure-vacuum';
import { checkWrappingKey } from './key-check';
import { migrateVault } from './vault-migrations';
import { VaultWrites } from './vault-writes';

/** Where a PostgreSQL vault lives. */
export interface PostgresVaultTarget {
  /** A `postgres://…` connection string; every process of a deployment names the same database. */
  readonly databaseUrl: string;
  /** The schema of the vault's tables, made if missing; default `leadger`. */
  readonly schema?: string;
}

export const DEFAULT_VAULT_SCHEMA = 'leadger';

export interface PostgresVaultOptions extends PostgresVaultTarget {
  /** Wraps each lead's data key (derived from the master key: `lead-key-wrapping`). */
  readonly wrappingKey: Buffer;
  /** How long an erasure waits for older snapshots to end before vacuuming; default 5000 ms. */
  readonly erasureVacuumWaitMs?: number;
}

interface KeyRow {
  lead_id: string;
  wrapped: string | null;
}

/**
 * The shared vault: PostgreSQL tables that every API process of a deployment reads and writes, so a claim
 * of an email, a new data key and an erasure are seen by all of them. Data keys are wrapped as in the
 * SQLite vault; the tables never hold a key as it is.
 */
export class PostgresLeadVault implements LeadVault {
  private readonly table: { keys: string; emails: string; uses: string };
  /** Claims and new keys of concurrent captures share a transaction and its WAL flush. */
  private readonly writes: VaultWrites;

  private constructor(
    private readonly pool: Pool,
    schema: string,
    private readonly wrappingKey: Buffer,
    private readonly erasureVacuumWaitMs: number,
  ) {
    const quoted = escapeIdentifier(schema);
    this.table = {
      keys: `${quoted}.lead_keys`,
      emails: `${quoted}.email_index`,
      uses: `${quoted}.api_key_use`,
    };
    this.writes = new VaultWrites(pool, this.table, wrappingKey);
  }

  /**
   * Connects and brings the vault's tables to the latest version (see `migrateVault`); throws
   * `MasterKeyError` when the vault was made with another wrapping key (see `checkWrappingKey`).
   */
  static async open(options: PostgresVaultOptions): Promise<PostgresLeadVault> {
    const pool = new Pool({ connectionString: options.databaseUrl });
    // An idle connection the server dropped is reported here; the pool replaces it, and each query still
    // reports its own failure. Unheard, this event would end the process.
    pool.on('error', () => undefined);
    const schema = options.schema ?? DEFAULT_VAULT_SCHEMA;
    try {
      await migrateVault(pool, schema);
      await checkWrappingKey(pool, schema, options.wrappingKey);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresLeadVault(
      pool,
      schema,
      options.wrappingKey,
      options.erasureVacuumWaitMs ?? ERASURE_VACUUM_WAIT_MS,
    );
  }

  async dataKeyFor(leadId: string): Promise<Buffer> {
    return (await this.dataKeysFor([leadId]))[0];
  }

  async dataKeysFor(leadIds: readonly string[]): Promise<Buffer[]> {
    // Keys are made when a capture claims its email, so most calls only read: no transaction then.
    const found = await this.keyRows(this.pool, leadIds);
    if (leadIds.every((leadId) => found.get(leadId)?.wrapped))
      return leadIds.map((leadId) => this.unwrap(leadId, found.get(leadId)?.wrapped as string));
    return this.writes.keys(leadIds);
  }

  async findDataKey(leadId: string): Promise<Buffer | null> {
    const wrapped = (await this.keyRows(this.pool, [leadId])).get(leadId)?.wrapped;
    return wrapped ? this.unwrap(leadId, wrapped) : null;
  }

  async findEmail(emailIndex: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ lead_id: string }>(
      `SELECT lead_id FROM ${this.table.emails} WHERE email_index = $1`,
      [emailIndex],
    );
    return rows[0]?.lead_id ?? null;
  }

  async claimEmail(emailIndex: string, candidate: string): Promise<string> {
    // The new lead's data key is made in the same commit: its capture then only reads it.
    return this.writes.claim(emailIndex, candidate);
  }

  /**
   * Destroys the key and the email index entry. PostgreSQL never changes a row in place: an UPDATE or
   * DELETE leaves the old version (the wrapped key, the index value) in the table's page until a vacuum
   * prunes it, and pruning compacts the page without zeroing the space it frees. So the key's row is
   * replaced by a tombstone no smaller than it (`shred`, as long as the wrapped key), and both tables are
   * vacuumed once the erasure committed: when the tombstone sits on the key's own page (a HOT update, which
   * the table's fillfactor leaves room for), the live rows then take at least as many bytes as before and
   * compaction covers every byte the dead version held. Without `shred`, a test found the key's tail in
   * the freed space. What may remain, and until when, is written out at `vacuumAfterErasure`.
   */
  async erase(leadId: string): Promise<void> {
    const erasedBy = await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ xid: string }>(
        `INSERT INTO ${this.table.keys} (lead_id, wrapped, erased_at) VALUES ($1, NULL, $2)
         ON CONFLICT (lead_id) DO UPDATE SET
           wrapped = NULL,
           erased_at = coalesce(lead_keys.erased_at, excluded.erased_at),
           shred = coalesce(repeat('0', octet_length(lead_keys.wrapped)), lead_keys.shred)
         RETURNING xmin::text AS xid`,
        [leadId, Date.now()],
      );
      await client.query(`DELETE FROM ${this.table.emails} WHERE lead_id = $1`, [leadId]);
      return rows[0].xid;
    });
    await vacuumAfterErasure(
      this.pool,
      [this.table.keys, this.table.emails],
      erasedBy,
      this.erasureVacuumWaitMs,
    );
  }

  async recordKeyUse(keyId: string, at: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.table.uses} (key_id, used_at) VALUES ($1, $2)
       ON CONFLICT (key_id) DO UPDATE SET used_at = greatest(api_key_use.used_at, excluded.used_at)`,
      [keyId, at],
    );
  }

  async keyUses(): Promise<ReadonlyMap<string, number>> {
    const { rows } = await this.pool.query<{ key_id: string; used_at: string }>(
      `SELECT key_id, used_at FROM ${this.table.uses}`,
    );
    return new Map(rows.map((row) => [row.key_id, Number(row.used_at)]));
  }

  async close(): Promise<void> {
    // Claims and keys already handed in are committed (or refused), not dropped.
    await this.writes.idle();
    await this.pool.end();
  }

  private async keyRows(
    db: Pool | PoolClient,
    leadIds: readonly string[],
  ): Promise<ReadonlyMap<string, KeyRow>> {
    const { rows } = await db.query<KeyRow>(
      `SELECT lead_id, wrapped FROM ${this.table.keys} WHERE lead_id = ANY($1::text[])`,
      [leadIds],
    );
    return new Map(rows.map((row) => [row.lead_id, row]));
  }

  private unwrap(leadId: string, wrapped: string): Buffer {
    return open(this.wrappingKey, leadId, wrapped);
  }
}
