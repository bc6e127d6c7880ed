import type { Pool } from 'pg';
import { inTransaction } from './transaction';

/**
 * The store's tables live in one PostgreSQL schema (default `leadger`), so one database can hold several
 * stores (a deployment's, each test run's) and dropping the schema removes a store whole. The schema may
 * be shared with the vault's tables, so every name says it belongs to the event store. `Tables` holds the
 * quoted, schema-qualified names every statement uses.
 */
export interface Tables {
  readonly schema: string;
  readonly events: string;
  readonly positions: string;
  readonly store: string;
  readonly migrations: string;
  /** The LISTEN/NOTIFY channel appends to this store are announced on. */
  readonly channel: string;
}

/** Lower-case letters, digits and `_`, short enough to leave room in the 63-byte channel name. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,39}$/;

export function tablesOf(schema: string): Tables {
  if (!SCHEMA_NAME.test(schema))
    throw new RangeError(
      `schema must be 1-40 of a-z, 0-9 and _, starting with a letter or _, not "${schema}"`,
    );
  const table = (name: string) => `"${schema}"."${name}"`;
  return {
    schema,
    events: table('events'),
    positions: table('event_positions'),
    store: table('event_store_identity'),
    migrations: table('event_store_migrations'),
    channel: `${schema}_appended`,
  };
}

/**
 * The schema's history, one version per change, each applied once and in order. Never edit a version
 * that has shipped: add the next one.
 */
function migrations(t: Tables): readonly { readonly version: number; readonly sql: string }[] {
  return [
    {
      // One row per event. `position` is handed out by the single `positions` row (see append.ts), so
      // `$all` positions start at 1, follow commit order and have no gaps. `stream` compares in the C
      // collation (code point order), so a prefix filter is a range on the (stream, revision) index and
      // no character of the prefix means anything. `data` and `metadata` are `json`, kept as written:
      // key order and numbers come back exactly. `occurred_ms` is the business time (`storedOccurredMs`),
      // indexed, so a replay up to a moment skips in the index what happened after it.
      version: 1,
      sql: `
        CREATE TABLE ${t.events} (
          position    bigint      PRIMARY KEY,
          stream      text        COLLATE "C" NOT NULL,
          revision    bigint      NOT NULL,
          event_id    text        NOT NULL,
          type        text        NOT NULL,
          data        json        NOT NULL,
          metadata    json        NOT NULL,
          created     timestamptz NOT NULL DEFAULT now(),
          occurred_ms bigint      NOT NULL,
          UNIQUE (stream, revision),
          UNIQUE (stream, event_id)
        );
        CREATE INDEX events_by_type ON ${t.events} (type, position);
        CREATE INDEX events_by_occurred_ms ON ${t.events} (occurred_ms, position);
        CREATE TABLE ${t.positions} (
          only_row      boolean PRIMARY KEY DEFAULT true CHECK (only_row),
          last_position bigint  NOT NULL
        );
        INSERT INTO ${t.positions} (last_position) VALUES (0);`,
    },
    {
      // The store's identity (see `EventStore.storeId`): made once, with the schema, kept ever after.
      version: 2,
      sql: `
        CREATE TABLE ${t.store} (key text PRIMARY KEY, value text NOT NULL);
        INSERT INTO ${t.store} (key, value) VALUES ('store_id', gen_random_uuid()::text);`,
    },
  ];
}

/** What `CREATE SCHEMA IF NOT EXISTS` throws when another transaction created the schema meanwhile. */
const CREATED_MEANWHILE = new Set(['23505', '42P06']);

/**
 * Creates the schema or brings it up to date: one transaction under an advisory lock of the schema's own,
 * so processes starting at once queue up and the second finds the work done. DDL is transactional in
 * PostgreSQL: a failed migration leaves the schema as it was. Needs PostgreSQL 13 or later
 * (`gen_random_uuid`). Another program creating the same schema at the same moment (the vault, under a
 * lock of its own) makes `CREATE SCHEMA IF NOT EXISTS` fail once: the second try finds it there.
 */
export async function migrate(pool: Pool, t: Tables): Promise<void> {
  try {
    await migrateOnce(pool, t);
  } catch (error) {
    if (!CREATED_MEANWHILE.has(String((error as { code?: unknown }).code))) throw error;
    await migrateOnce(pool, t);
  }
}

function migrateOnce(pool: Pool, t: Tables): Promise<void> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `leadger event store migrations: ${t.schema}`,
    ]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${t.schema}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${t.migrations} (
         version    integer     PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const applied = await client.query<{ version: number }>(`SELECT version FROM ${t.migrations}`);
    const done = new Set(applied.rows.map((row) => row.version));
    for (const { version, sql } of migrations(t)) {
      if (done.has(version)) continue;
      await client.query(sql);
      await client.query(`INSERT INTO ${t.migrations} (version) VALUES ($1)`, [version]);
    }
  });
}
