import { Client, escapeIdentifier } from 'pg';
import { DEFAULT_VAULT_SCHEMA, type PostgresVaultTarget } from './postgres-lead-vault';

/** What a PostgreSQL vault holds before a process opens it. */
export interface PostgresVaultState {
  /** Its tables exist: some process opened it before, with a master key. */
  readonly made: boolean;
  /** Its key table has a row: a lead's key, or an erased lead's tombstone. */
  readonly holdsLeads: boolean;
}

/** Looks, without making anything, at the vault `target` names. */
export async function postgresVaultState(target: PostgresVaultTarget): Promise<PostgresVaultState> {
  const keys = `${escapeIdentifier(target.schema ?? DEFAULT_VAULT_SCHEMA)}.lead_keys`;
  const client = new Client({ connectionString: target.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ made: boolean }>('SELECT to_regclass($1) IS NOT NULL AS made', [
      keys,
    ]);
    if (!rows[0].made) return { made: false, holdsLeads: false };
    const held = await client.query(`SELECT 1 FROM ${keys} LIMIT 1`);
    return { made: true, holdsLeads: held.rows.length > 0 };
  } finally {
    await client.end();
  }
}

/** How refusals name the vault: schema, database and server, never the password. */
export function describePostgresVault(target: PostgresVaultTarget): string {
  const schema = target.schema ?? DEFAULT_VAULT_SCHEMA;
  let where = 'PostgreSQL';
  try {
    const url = new URL(target.databaseUrl);
    where = `PostgreSQL database "${decodeURIComponent(url.pathname.slice(1))}" on ${url.host}`;
  } catch {
    // Not a URL (a libpq key=value string): the schema alone still says which vault is meant.
  }
  return `the vault in schema "${schema}" of ${where}`;
}
