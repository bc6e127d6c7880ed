import { Cluster } from 'ioredis';
import type { RedisClient } from './connect';
import { pairs } from './pairs';

const SCAN_COUNT = 1000;

/** `*`, `?`, `[`, `]` and `\` are special in a SCAN pattern; our prefix and namespace must match as text. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/**
 * Every key of a namespace, with the store prefix, via SCAN (never KEYS, which blocks Redis). SCAN walks one
 * node: on a cluster each master is scanned (the store's keys are all in one slot, so on one of them, but
 * which one changes with a failover or a resharding).
 */
async function* namespaceKeys(
  redis: RedisClient,
  prefix: string,
  namespace: string,
): AsyncGenerator<string[]> {
  const match = `${escapeGlob(prefix)}${escapeGlob(namespace)}:*`;
  for (const node of redis instanceof Cluster ? redis.nodes('master') : [redis]) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', match, 'COUNT', SCAN_COUNT);
      cursor = next;
      if (keys.length > 0) yield keys;
    } while (cursor !== '0');
  }
}

/**
 * Removes a namespace's keys; UNLINK frees big hashes in the background instead of blocking Redis. Sent
 * through the client, not the node scanned: the keys share a slot, and the client knows who serves it.
 */
export async function unlinkNamespace(redis: RedisClient, prefix: string, namespace: string): Promise<void> {
  for await (const keys of namespaceKeys(redis, prefix, namespace)) await redis.unlink(...keys);
}

/** A namespace's hashes and sorted sets with keys, fields and members sorted. */
export async function dumpNamespace(
  redis: RedisClient,
  prefix: string,
  namespace: string,
): Promise<{
  hashes: Record<string, Record<string, string>>;
  zsets: Record<string, [string, number][]>;
}> {
  const found: string[] = [];
  for await (const keys of namespaceKeys(redis, prefix, namespace)) found.push(...keys);
  found.sort();
  const hashes: Record<string, Record<string, string>> = {};
  const zsets: Record<string, [string, number][]> = {};
  for (const key of found) {
    const name = key.slice(prefix.length);
    if ((await redis.type(key)) === 'hash') {
      const fields = await redis.hgetall(key);
      hashes[name] = Object.fromEntries(Object.entries(fields).sort(([a], [b]) => compareBytes(a, b)));
    } else {
      const entries = pairs(await redis.zrange(key, 0, -1, 'WITHSCORES'));
      zsets[name] = entries.map(({ member, score }) => [member, score]);
    }
  }
  return { hashes, zsets };
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
