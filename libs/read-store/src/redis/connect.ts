import Redis, { Cluster, type RedisOptions } from 'ioredis';

/** One Redis server or a Redis Cluster: the store sends both the same commands. */
export type RedisClient = Redis | Cluster;

/** Where the store's Redis is: a server's URL, or seed nodes of a cluster (`host:port`). */
export type RedisTarget = { readonly url: string } | { readonly clusterNodes: readonly string[] };

/**
 * A client that connects on first use. A command fails after a couple of reconnect attempts rather than
 * waiting long: the projector has its own backoff, and a query should answer "unavailable" quickly.
 */
export function connect(target: RedisTarget, redisOptions: RedisOptions = {}): RedisClient {
  const options: RedisOptions = { maxRetriesPerRequest: 2, ...redisOptions };
  if ('url' in target) return new Redis(target.url, { lazyConnect: true, ...options });
  return new Cluster([...target.clusterNodes], {
    lazyConnect: true,
    // Reads from the masters only: a replica lags, and a query must see every commit it waits for.
    scaleReads: 'master',
    // A failover moves slots for a few seconds: answers of MOVED, ASK, TRYAGAIN and CLUSTERDOWN are
    // followed or retried that long before a command gives up (then the projector's backoff takes over).
    maxRedirections: 16,
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 200,
    retryDelayOnTryAgain: 100,
    clusterRetryStrategy: (times) => Math.min(100 * times, 2000),
    redisOptions: options,
  });
}
