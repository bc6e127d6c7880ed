import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { RedisReadStore, SqliteReadStore } from '@leadger/read-store';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Deletes every key under a prefix of the shared Redis (SCAN, never FLUSHALL). */
export async function deletePrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** A Redis read store in a key prefix of its own; `dispose` closes it and deletes its keys. */
export function tempRedisReadStore(url = REDIS_URL): {
  store: RedisReadStore;
  prefix: string;
  dispose: () => Promise<void>;
} {
  const prefix = `test:${randomUUID()}:`;
  const store = new RedisReadStore({ url, keyPrefix: prefix });
  return {
    store,
    prefix,
    dispose: async () => {
      await store.close();
      await deletePrefix(url, prefix);
    },
  };
}

/** A SQLite read store in a fresh temp dir; `dispose` closes it and removes the dir. */
export function tempSqliteReadStore(): {
  store: SqliteReadStore;
  path: string;
  dispose: () => Promise<void>;
} {
  const dir = mkdtempSync(join(tmpdir(), 'leadger-read-'));
  const path = join(dir, 'read-models.sqlite');
  const store = new SqliteReadStore({ path });
  return {
    store,
    path,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
