import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadStore } from './read-store';
import { RedisReadStore } from './redis/redis-read-store';
import { SqliteReadStore } from './sqlite/sqlite-read-store';

export interface ReadStoreConfig {
  /** REDIS_URL: `redis://…`; unset (and no cluster) means the embedded SQLite read store. */
  readonly redisUrl?: string;
  /** REDIS_CLUSTER_NODES: `host:port` of some Redis Cluster nodes, comma-separated; unset means none. */
  readonly redisClusterNodes?: string;
  /** Default `leadger:`: prefix of every Redis key. */
  readonly redisKeyPrefix?: string;
  /** LEADGER_DATA_DIR: folder of the embedded store's `read-models.sqlite`. */
  readonly dataDir: string;
}

export const SQLITE_READ_MODELS_FILE = 'read-models.sqlite';

/** `a:7000, b:7001` as the nodes' list. */
function clusterNodeList(nodes: string): string[] {
  return nodes
    .split(',')
    .map((node) => node.trim())
    .filter((node) => node !== '');
}

/**
 * A Redis Cluster when nodes are given, Redis when a URL is, otherwise the embedded store beside the
 * embedded event store. The configuration refuses both together (see REDIS_CLUSTER_NODES).
 */
export function createReadStore(config: ReadStoreConfig): ReadStore {
  const keyPrefix = config.redisKeyPrefix;
  if (config.redisClusterNodes) {
    return new RedisReadStore({ clusterNodes: clusterNodeList(config.redisClusterNodes), keyPrefix });
  }
  if (config.redisUrl) return new RedisReadStore({ url: config.redisUrl, keyPrefix });
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteReadStore({ path: join(config.dataDir, SQLITE_READ_MODELS_FILE) });
}
