import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadStore } from './read-store';
import { RedisReadStore } from './redis/redis-read-store';
import { SqliteReadStore } from './sqlite/sqlite-read-store';

export interface ReadStoreConfig {
  /** REDIS_URL: `redis://…`; unset means the embedded SQLite read store. */
  readonly redisUrl?: string;
  /** Default `leadger:`: prefix of every Redis key. */
  readonly redisKeyPrefix?: string;
  /** LEADGER_DATA_DIR: folder of the embedded store's `read-models.sqlite`. */
  readonly dataDir: string;
}

export const SQLITE_READ_MODELS_FILE = 'read-models.sqlite';

/** Redis when a URL is given, otherwise the embedded store beside the embedded event store. */
export function createReadStore(config: ReadStoreConfig): ReadStore {
  if (config.redisUrl) return new RedisReadStore({ url: config.redisUrl, keyPrefix: config.redisKeyPrefix });
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteReadStore({ path: join(config.dataDir, SQLITE_READ_MODELS_FILE) });
}
