import type { EventStore } from '@leadger/event-store';
import { openVault, type Keys, type VaultSource } from '@leadger/identity';
import { LeadDirectory } from './lead-directory';
import { LEAD_STREAM_PREFIX } from './lead-stream';
import { PersonalData } from './personal-data';

/** What every program that writes or reads leads needs beside the log: the vault and the keys it opens. */
export interface LeadIdentity {
  readonly keys: Keys;
  readonly personalData: PersonalData;
  readonly directory: LeadDirectory;
  close(): Promise<void>;
}

/**
 * The settings the vault is found by (a LeadgerConfig is one): with the PostgreSQL event store, the vault is
 * in the same database and schema, so that every API and worker process shares it; otherwise it is in the
 * data dir (`source.postgres` given outright wins).
 */
export type IdentitySource = VaultSource & {
  readonly eventStore?: string;
  readonly databaseUrl?: string;
  readonly pgSchema?: string;
};

/**
 * Opens (or, for a new data dir, makes) the vault and master key of the log `store` holds. Making them
 * checks that the log holds no lead written before personal data was sealed; a remote log that does not
 * answer then is taken as new, with `warn` told why (the API must start while a store is down).
 */
export async function openLeadIdentity(
  source: IdentitySource,
  store: EventStore,
  warn: (message: string) => void = () => undefined,
): Promise<LeadIdentity> {
  const hasLeads = async () => {
    try {
      return (
        (await store.readAll({ filter: { streamNamePrefixes: [LEAD_STREAM_PREFIX] }, maxCount: 1 })).length >
        0
      );
    } catch (error) {
      if (store.kind === 'sqlite') throw error;
      warn(
        `a new vault was made without checking the ${store.kind} log for leads of an older version: ${(error as Error).message}`,
      );
      return false;
    }
  };
  const beside =
    source.eventStore === 'postgres' && source.databaseUrl
      ? { databaseUrl: source.databaseUrl, schema: source.pgSchema }
      : undefined;
  const keys = await openVault({ ...source, postgres: source.postgres ?? beside }, hasLeads, warn);
  return {
    keys,
    personalData: new PersonalData(keys.vault),
    directory: new LeadDirectory(keys.vault, keys.blindIndexKey),
    close: () => keys.vault.close(),
  };
}
