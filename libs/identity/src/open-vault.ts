import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LeadVault } from './lead-vault';
import {
  createMasterKey,
  MasterKeyError,
  readMasterKey,
  MASTER_KEY_FILE,
  type MasterKeySource,
} from './master-key';
import type { PostgresVaultTarget } from './postgres/postgres-lead-vault';
import { deriveKey } from './secrets';
import {
  postgresVaultPlace,
  sqliteVaultPlace,
  unreachablePostgresVaultPlace,
  type VaultPlace,
} from './vault-place';

export { VAULT_FILE } from './vault-place';

/** The keys a process derives from the master key, and the vault they open. */
export interface Keys {
  readonly vault: LeadVault;
  /** Keys the email blind index. */
  readonly blindIndexKey: Buffer;
  /** Keys the stored hashes of API keys. */
  readonly apiKeysKey: Buffer;
  /** Keys the digest of each request kept with its events (idempotency): a body's digest tells nothing of it. */
  readonly requestDigestKey: Buffer;
  /** Seals the signing secrets of webhook subscriptions, kept in the log. */
  readonly webhookSecretsKey: Buffer;
}

/** The master key, and where the vault lives. */
export interface VaultSource extends MasterKeySource {
  /** `synchronous` of the embedded vault (LEADGER_SQLITE_SYNC); default `normal`. */
  readonly sqliteSynchronous?: 'normal' | 'full';
  /** A vault in PostgreSQL, shared by every process of a deployment; unset means `<dataDir>/vault.sqlite`. */
  readonly postgres?: PostgresVaultTarget;
}

/**
 * Opens the vault with the master key, making both when they are new (the master key always in the data
 * dir). Refuses, and says why, a log that holds leads but has no vault or key: it was written before
 * personal data was sealed (or the key was lost), and mixing sealed and unsealed leads would leave the old
 * ones unerasable.
 */
export async function openVault(
  source: VaultSource,
  logHasLeads: () => Promise<boolean>,
  warn: (message: string) => void = () => undefined,
): Promise<Keys> {
  mkdirSync(source.dataDir, { recursive: true });
  const place = source.postgres
    ? await reachedPostgresVault(source.postgres, warn)
    : sqliteVaultPlace(source.dataDir, source.sqliteSynchronous);
  let master = readMasterKey(source);
  if (!master) {
    if (place.made)
      throw new MasterKeyError(
        `${join(source.dataDir, MASTER_KEY_FILE)} is missing but ${place.name} exists: restore the master key from its backup (or set LEADGER_MASTER_KEY); without it no personal data can be read`,
      );
    if (await logHasLeads())
      throw new MasterKeyError(
        `the event log holds leads written before personal data was sealed (Leadger 0.1): this version will not mix them with sealed ones. Start on a new LEADGER_DATA_DIR (or event store) and import the leads again with \`leadger import\``,
      );
    master = createMasterKey(source.dataDir);
  } else if (!place.mayHoldLeads && (await logHasLeads())) {
    throw new MasterKeyError(
      `${place.lacking} but the event log holds leads: restore the vault from its backup; without it their personal data cannot be read`,
    );
  }
  return {
    vault: await place.open(deriveKey(master, 'lead-key-wrapping')),
    blindIndexKey: deriveKey(master, 'blind-index'),
    apiKeysKey: deriveKey(master, 'api-keys'),
    requestDigestKey: deriveKey(master, 'request-digest'),
    webhookSecretsKey: deriveKey(master, 'webhook-secrets'),
  };
}

/** The PostgreSQL vault's place, or, when the server does not answer at start, one checked on first use. */
async function reachedPostgresVault(
  target: PostgresVaultTarget,
  warn: (message: string) => void,
): Promise<VaultPlace> {
  try {
    return await postgresVaultPlace(target);
  } catch (error) {
    warn(
      `the vault in PostgreSQL could not be checked at start (${(error as Error).message}); it opens, with its checks, on first use`,
    );
    return unreachablePostgresVaultPlace(target);
  }
}
