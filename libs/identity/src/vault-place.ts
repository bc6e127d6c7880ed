import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LeadVault } from './lead-vault';
import { PostgresLeadVault, type PostgresVaultTarget } from './postgres/postgres-lead-vault';
import { GuardedVault } from './postgres/guarded-vault';
import { describePostgresVault, postgresVaultState } from './postgres/postgres-vault-state';
import { SqliteLeadVault } from './sqlite/sqlite-lead-vault';

export const VAULT_FILE = 'vault.sqlite';

/** A vault as `openVault` sees it before opening it: what it holds, and how to open it. */
export interface VaultPlace {
  /** How refusals name it. */
  readonly name: string;
  /** It was made before, so with a master key: a missing one must be restored, not made anew. */
  readonly made: boolean;
  /** It may hold the keys of a log's leads; when not, a log with leads cannot be served from it. */
  readonly mayHoldLeads: boolean;
  /** Why it cannot serve a log that holds leads, when `mayHoldLeads` is false. */
  readonly lacking: string;
  open(wrappingKey: Buffer): Promise<LeadVault>;
}

/** `vault.sqlite` in the data dir: made is there, and a vault file is trusted to hold what it holds. */
export function sqliteVaultPlace(dataDir: string, synchronous?: 'normal' | 'full'): VaultPlace {
  const file = join(dataDir, VAULT_FILE);
  const made = existsSync(file);
  return {
    name: file,
    made,
    mayHoldLeads: made,
    lacking: `${file} is missing`,
    open: async (wrappingKey) => new SqliteLeadVault(file, wrappingKey, synchronous),
  };
}

/**
 * The vault tables in a PostgreSQL schema. Made means the tables exist, as any process that opened them made
 * them; they may serve a log with leads only when they hold a lead's row (tables with none beside such a log
 * are another schema or database than the one the leads were written with, or an emptied vault).
 */
export async function postgresVaultPlace(target: PostgresVaultTarget): Promise<VaultPlace> {
  const state = await postgresVaultState(target);
  const name = describePostgresVault(target);
  return {
    name,
    made: state.made,
    mayHoldLeads: state.holdsLeads,
    lacking: `${name} ${state.made ? 'holds no lead keys' : 'does not exist'} (check the database URL and schema)`,
    open: async (wrappingKey) =>
      new GuardedVault(name, () => PostgresLeadVault.open({ ...target, wrappingKey })),
  };
}

/**
 * The vault tables of a PostgreSQL server that did not answer at start: nothing can be known of them yet,
 * so nothing is refused on their account; the vault opens, with every check, on its first use.
 */
export function unreachablePostgresVaultPlace(target: PostgresVaultTarget): VaultPlace {
  const name = describePostgresVault(target);
  return {
    name,
    made: false,
    mayHoldLeads: true,
    lacking: `${name} could not be checked`,
    open: async (wrappingKey) =>
      new GuardedVault(name, () => PostgresLeadVault.open({ ...target, wrappingKey })),
  };
}
