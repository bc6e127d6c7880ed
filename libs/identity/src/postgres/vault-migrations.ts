import { escapeIdentifier, type Pool } from 'pg';
import { inTransaction } from '@leadger/event-store';

/** One change to the vault's tables, applied once per schema, in `version` order. */
interface Migration {
  readonly version: number;
  readonly name: string;
  /** The statements, given the schema's quoted name. */
  readonly sql: (schema: string) => string;
}

// Append only: a released migration is never edited, a change of table is a new version.
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'lead keys, email index, API key use, wrapping key check',
    // A lead's row stays after erasure, keyless (`erased_at` set), so no new key is ever made for it.
    // `shred` is filled at erasure to the length of the wrapped key it replaces (see PostgresLeadVault.erase).
    // fillfactor leaves room on each page so that update usually stays on the key's own page.
    // `vault_key_check` holds one row: see checkWrappingKey.
    sql: (schema) => `
      CREATE TABLE ${schema}.lead_keys (
        lead_id   text PRIMARY KEY,
        wrapped   text,
        erased_at bigint,
        shred     text
      ) WITH (fillfactor = 90);
      CREATE TABLE ${schema}.email_index (
        email_index text PRIMARY KEY,
        lead_id     text NOT NULL
      );
      CREATE INDEX email_index_by_lead ON ${schema}.email_index (lead_id);
      CREATE TABLE ${schema}.api_key_use (
        key_id  text PRIMARY KEY,
        used_at bigint NOT NULL
      );
      CREATE TABLE ${schema}.vault_key_check (
        id          boolean PRIMARY KEY DEFAULT true CHECK (id),
        check_value text NOT NULL
      );
    `,
  },
];

/**
 * Brings the vault's tables in `schema` to the latest version. Every process runs it at start; a
 * transaction-scoped advisory lock, keyed by the schema, lets one apply what is missing while the others
 * wait, then find nothing left to do. DDL is transactional in PostgreSQL: a failed migration leaves none
 * of its changes.
 */
export async function migrateVault(pool: Pool, schema: string): Promise<void> {
  try {
    await applyMissing(pool, schema);
  } catch (error) {
    // Another program (the event store) made the same schema at the same moment, under its own lock:
    // its CREATE SCHEMA committed first, so a second try finds the schema there.
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    await applyMissing(pool, schema);
  }
}

const UNIQUE_VIOLATION = '23505';

async function applyMissing(pool: Pool, schema: string): Promise<void> {
  const quoted = escapeIdentifier(schema);
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`leadger vault migrations ${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${quoted}.vault_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const applied = await client.query<{ version: number }>(`SELECT version FROM ${quoted}.vault_migrations`);
    const done = new Set(applied.rows.map((row) => row.version));
    for (const migration of MIGRATIONS.filter((m) => !done.has(m.version))) {
      await client.query(migration.sql(quoted));
      await client.query(`INSERT INTO ${quoted}.vault_migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
    }
  });
}
