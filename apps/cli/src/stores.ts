import { loadConfig, type LeadgerConfig } from '@leadger/config';
import { createEventStore, type EventStore } from '@leadger/event-store';
import { createReadStore, type ReadStore } from '@leadger/read-store';

/**
 * The stores a command works on, chosen by the same environment as the server (LEADGER_DATA_DIR,
 * EVENTSTORE_URL, REDIS_URL…), opened when first used and closed when the command ends.
 */
export class Stores {
  readonly config: LeadgerConfig;
  private events?: EventStore;
  private reads?: ReadStore;

  constructor(env: NodeJS.ProcessEnv) {
    this.config = loadConfig(env);
  }

  get eventStore(): EventStore {
    return (this.events ??= createEventStore(this.config));
  }

  get readStore(): ReadStore {
    return (this.reads ??= createReadStore(this.config));
  }

  async close(): Promise<void> {
    await Promise.all([this.reads?.close(), this.events?.close()]);
  }
}

/** Runs `work` with the stores of this environment and closes them whatever happens. */
export async function withStores<T>(work: (stores: Stores) => Promise<T>): Promise<T> {
  const stores = new Stores(process.env);
  try {
    return await work(stores);
  } finally {
    await stores.close();
  }
}
