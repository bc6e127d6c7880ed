import { loadConfig, type LeadgerConfig } from '@leadger/config';
import { createEventStore, type EventStore } from '@leadger/event-store';
import { openLeadIdentity, type LeadIdentity } from '@leadger/lead-application';
import { createReadStore, type ReadStore } from '@leadger/read-store';
import { assertEventStoreExists, assertReadModelsExist, assertVaultExists } from './existing-stores';
import { diagnostics } from './output/diagnostics';

/**
 * What a command may do to a store that is not there: `create` it (seed, import; a rebuild's read models),
 * or require it to `exist` (everything that only reads: a missing store is a mistake, not an empty log).
 */
export interface StoreAccess {
  readonly eventStore: 'create' | 'exist';
  readonly readStore: 'create' | 'exist';
}

/**
 * Commands that only read: funnel, pipeline, audit, audit verify, export, keys list. A command whose log
 * must exist also needs its vault to exist, and never makes one.
 */
export const readOnly: StoreAccess = { eventStore: 'exist', readStore: 'exist' };

/** Commands that append to a log that must be there: `keys revoke` (a missing log has no key to revoke). */
export const existingLog: StoreAccess = { eventStore: 'exist', readStore: 'exist' };

/** A rebuild reads a log that must be there (rebuilding from nothing is a wrong folder) into read models. */
export const rebuildAccess: StoreAccess = { eventStore: 'exist', readStore: 'create' };

/**
 * The stores a command works on, chosen by the same environment as the server (LEADGER_DATA_DIR,
 * LEADGER_EVENTSTORE, REDIS_URL…), opened when first used and closed when the command ends.
 */
export class Stores {
  readonly config: LeadgerConfig;
  private events?: EventStore;
  private reads?: ReadStore;
  private ids?: Promise<LeadIdentity>;

  constructor(
    env: NodeJS.ProcessEnv,
    private readonly access: StoreAccess,
  ) {
    this.config = loadConfig(env);
    // Checked up front, not when first opened: a command that needs a log must not start on a missing one.
    if (access.eventStore === 'exist') assertEventStoreExists(this.config);
  }

  get eventStore(): EventStore {
    return (this.events ??= createEventStore(this.config));
  }

  get readStore(): ReadStore {
    if (!this.reads && this.access.readStore === 'exist') assertReadModelsExist(this.config);
    return (this.reads ??= createReadStore(this.config));
  }

  /**
   * The data dir's vault and keys: to find a lead by email, to seal or open personal data, to issue API
   * keys. Made with the store when the command may create it; otherwise it must be there.
   */
  identity(): Promise<LeadIdentity> {
    if (!this.ids && this.access.eventStore === 'exist') assertVaultExists(this.config);
    return (this.ids ??= openLeadIdentity(this.config, this.eventStore, (message) =>
      diagnostics().warn(message),
    ));
  }

  async close(): Promise<void> {
    const ids = this.ids && (await this.ids.catch(() => undefined));
    await Promise.all([this.reads?.close(), this.events?.close(), ids?.close()]);
  }
}

/**
 * Runs `work` with the stores of this environment and closes them whatever happens. By default a missing
 * store is created, as the server does; pass `readOnly` (or another `StoreAccess`) to refuse it instead.
 */
export async function withStores<T>(
  work: (stores: Stores) => Promise<T>,
  access: StoreAccess = { eventStore: 'create', readStore: 'create' },
): Promise<T> {
  const stores = new Stores(process.env, access);
  try {
    return await work(stores);
  } finally {
    await stores.close();
  }
}
