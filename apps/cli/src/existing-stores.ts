import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LeadgerConfig } from '@leadger/config';
import { SQLITE_EVENTS_FILE } from '@leadger/event-store';
import { VAULT_FILE } from '@leadger/identity';
import { SQLITE_READ_MODELS_FILE } from '@leadger/read-store';
import { MissingStoreError } from './errors';

// Opening an embedded store creates its file (and folder). For a command that only reads, a store that is
// not there is a mistake — a typo in LEADGER_DATA_DIR, a volume not mounted — and an empty store made on
// the spot would answer with an all-zero funnel and exit 0. These checks run before anything is opened.

/** Throws unless the embedded event store's file exists (a server store, LEADGER_EVENTSTORE, is not checked). */
export function assertEventStoreExists(config: LeadgerConfig): void {
  if (config.eventStore !== 'sqlite') return;
  const missing = missingFile(config.dataDir, SQLITE_EVENTS_FILE);
  if (missing) throw new MissingStoreError(`no event store in ${resolve(config.dataDir)}: ${missing}`);
}

/**
 * Throws unless the embedded read store's file exists (Redis, REDIS_URL or REDIS_CLUSTER_NODES, is not
 * checked).
 */
export function assertReadModelsExist(config: LeadgerConfig): void {
  if (config.redisUrl || config.redisClusterNodes) return;
  const missing = missingFile(config.dataDir, SQLITE_READ_MODELS_FILE);
  if (missing) {
    throw new MissingStoreError(
      `no read models in ${resolve(config.dataDir)}: ${missing}; build them with "leadger rebuild" ` +
        '(or start the server), or ask for a past moment with --as-of',
    );
  }
}

/**
 * Throws unless the data dir holds its vault: a command that reads the log must not make a new vault (and
 * master key) beside it, which would open nothing. With the PostgreSQL event store the vault is in its
 * database, and opening it refuses what a missing file would show: tables without the master key, a log
 * with leads beside a vault without them.
 */
export function assertVaultExists(config: LeadgerConfig): void {
  if (config.eventStore === 'postgres') return;
  const missing = missingFile(config.dataDir, VAULT_FILE);
  if (missing) {
    throw new MissingStoreError(
      `no vault in ${resolve(config.dataDir)}: ${missing}, or restore it from its backup; without it no ` +
        'personal data can be found or read',
    );
  }
}

/** Why `dir/file` cannot be opened without creating it, or `undefined` when it is there. */
function missingFile(dir: string, file: string): string | undefined {
  if (!existsSync(dir)) return 'the folder does not exist (check LEADGER_DATA_DIR); nothing was created';
  if (!existsSync(join(dir, file))) return `the folder holds no ${file} (check LEADGER_DATA_DIR)`;
  return undefined;
}
