import type { Provider } from '@nestjs/common';
import { LEADGER_CONFIG, type LeadgerConfig } from '@leadger/config';
import { createReadStore, type ReadStore } from '@leadger/read-store';

export const READ_STORE = Symbol('READ_STORE');

/**
 * A Redis Cluster when REDIS_CLUSTER_NODES is set, Redis when REDIS_URL is, otherwise the embedded SQLite
 * read store in the data dir.
 */
export const readStoreProvider: Provider = {
  provide: READ_STORE,
  inject: [LEADGER_CONFIG],
  useFactory: (config: LeadgerConfig): ReadStore => createReadStore(config),
};
