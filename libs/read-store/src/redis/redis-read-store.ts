import type { RedisOptions } from 'ioredis';
import { CommitRefusedError, ReadStoreUnavailableError, type CommitRefusal } from '../errors';
import { checkpointKey, claimersKey, claimsKey, leaseKey } from '../keys';
import type {
  ClaimOptions,
  Claimed,
  Commit,
  FieldRef,
  LeaseHolder,
  ReadModelDump,
  ReadStore,
  StoredCheckpoint,
  ZEntry,
  ZPageOptions,
} from '../read-store';
import { connect, type RedisClient, type RedisTarget } from './connect';
import { encodeCommit } from './encode-commit';
import { storeKeyPrefix } from './key-layout';
import { pairs } from './pairs';
import { dumpNamespace, unlinkNamespace } from './namespace-scan';
import { ACQUIRE_LEASE, CLAIM_DUE, COMMIT, LuaScript, RELEASE_LEASE, RENEW_LEASE } from './scripts';
import { pageSortedSet } from './zpage';

/**
 * `url`: a `redis://` URL (the DB index may follow the host: `redis://127.0.0.1:6379/3`); or `clusterNodes`:
 * some nodes of a Redis Cluster (`host:port`), from which the client learns the rest.
 */
export type RedisReadStoreOptions = RedisTarget & {
  /**
   * Default `leadger:`: put before every key, then again as hash tag (see key-layout.ts), so several
   * deployments or tests can share one Redis or cluster.
   */
  readonly keyPrefix?: string;
  /** Extra ioredis options, e.g. for TLS (for a cluster: the options of each node's connection). */
  readonly redisOptions?: RedisOptions;
};

const scripts = {
  commit: new LuaScript(COMMIT),
  acquire: new LuaScript(ACQUIRE_LEASE),
  renew: new LuaScript(RENEW_LEASE),
  release: new LuaScript(RELEASE_LEASE),
  claim: new LuaScript(CLAIM_DUE),
};

/**
 * The production read store, on one Redis or a Redis Cluster. Reads go out as one pipeline per call; a
 * commit is one Lua script, so the checks, the changes and the checkpoints land together or not at all
 * (every key of the store is in one hash slot for that: see key-layout.ts). Redis here keeps nothing on
 * disk: a flush or restart, or a failover to a replica that had not yet received the last commits, shows
 * up as a missing or older checkpoint and lease, and the projector rebuilds or goes back to it.
 */
export class RedisReadStore implements ReadStore {
  readonly kind = 'redis';
  /** What goes before every key: the configured prefix and its hash tag. */
  readonly prefix: string;
  private readonly redis: RedisClient;
  /** Why the connection last failed, while it is down. */
  private connectionError: string | undefined;

  constructor(options: RedisReadStoreOptions) {
    this.prefix = storeKeyPrefix(options.keyPrefix ?? 'leadger:');
    this.redis = connect(options, options.redisOptions);
    // Without a listener ioredis would log every connection error itself. The last one is kept: a command
    // that gave up only says it ran out of retries, not why (refused, unknown host, auth).
    this.redis.on('error', (error: Error) => (this.connectionError = error.message));
    this.redis.on('ready', () => (this.connectionError = undefined));
  }

  async hmget(refs: readonly FieldRef[]): Promise<(string | null)[]> {
    if (refs.length === 0) return [];
    const byKey = new Map<string, number[]>();
    refs.forEach(({ key }, index) => {
      const indexes = byKey.get(key);
      if (indexes) indexes.push(index);
      else byKey.set(key, [index]);
    });
    const pipeline = this.redis.pipeline();
    for (const [key, indexes] of byKey) pipeline.hmget(this.key(key), ...indexes.map((i) => refs[i].field));
    const replies = await this.exec<(string | null)[]>('hmget', pipeline);
    const values = new Array<string | null>(refs.length);
    [...byKey.values()].forEach((indexes, g) => indexes.forEach((i, j) => (values[i] = replies[g][j])));
    return values;
  }

  async hgetall(keys: readonly string[]): Promise<Record<string, string>[]> {
    if (keys.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.hgetall(this.key(key));
    return this.exec<Record<string, string>>('hgetall', pipeline);
  }

  async zpage(key: string, options: ZPageOptions = {}): Promise<ZEntry[]> {
    return this.call('zpage', () => pageSortedSet(this.redis, this.key(key), options));
  }

  async zcard(key: string): Promise<number> {
    return this.call('zcard', () => this.redis.zcard(this.key(key)));
  }

  async zrangeByRank(key: string, start: number, stop: number): Promise<ZEntry[]> {
    if (stop < start) return [];
    const flat = await this.call('zrange', () => this.redis.zrange(this.key(key), start, stop, 'WITHSCORES'));
    return pairs(flat);
  }

  async readCheckpoints(ids: readonly string[]): Promise<Map<string, StoredCheckpoint | null>> {
    const stored = await this.hgetall(ids.map(checkpointKey));
    return new Map(
      ids.map((id, i) => {
        const { position, version, store } = stored[i];
        return [
          id,
          position
            ? { id, position: BigInt(position), version: Number(version), storeId: store ?? null }
            : null,
        ];
      }),
    );
  }

  async commit(commit: Commit): Promise<void> {
    const payload = encodeCommit(this.prefix, commit);
    // The script builds its keys from the payload; the prefix, declared as its key, tells a cluster which
    // node runs it: the one serving the store's slot.
    const reply = (await this.call('commit', () =>
      scripts.commit.run(this.redis, [this.prefix], [payload]),
    )) as string[];
    if (reply[0] !== 'ok') throw new CommitRefusedError(reply[0] as CommitRefusal, reply[1]);
  }

  async drop(namespace: string): Promise<void> {
    await this.call('drop', async () => {
      await this.redis.del(this.key(checkpointKey(namespace)));
      await unlinkNamespace(this.redis, this.prefix, namespace);
    });
  }

  async acquireLease(name: string, token: string, ttlMs: number): Promise<boolean> {
    const keys = [this.key(leaseKey(name))];
    return (
      (await this.call('acquireLease', () => scripts.acquire.run(this.redis, keys, [token, ttlMs]))) === 1
    );
  }

  async renewLease(name: string, token: string, ttlMs: number): Promise<boolean> {
    const keys = [this.key(leaseKey(name))];
    return (await this.call('renewLease', () => scripts.renew.run(this.redis, keys, [token, ttlMs]))) === 1;
  }

  async releaseLease(name: string, token: string): Promise<void> {
    await this.call('releaseLease', () =>
      scripts.release.run(this.redis, [this.key(leaseKey(name))], [token]),
    );
  }

  async leaseHolder(name: string): Promise<LeaseHolder | null> {
    const key = this.key(leaseKey(name));
    const [[, token], [, ttl]] = (await this.call('leaseHolder', () =>
      this.redis.multi().get(key).pttl(key).exec(),
    )) as [[unknown, string | null], [unknown, number]];
    return token && ttl > 0 ? { token, expiresInMs: ttl } : null;
  }

  async claimDue(options: ClaimOptions): Promise<Claimed[]> {
    const { queue, dueKey, consumer, limit, leaseMs, now } = options;
    const keys = [dueKey, claimsKey(queue), claimersKey(queue)].map((key) => this.key(key));
    const until = now + leaseMs;
    const flat = (await this.call('claimDue', () =>
      scripts.claim.run(this.redis, keys, [now, limit, until, consumer]),
    )) as string[];
    return pairs(flat).map(({ member, score }) => ({ member, score, until }));
  }

  async dump(namespace: string): Promise<ReadModelDump> {
    return this.call('dump', async () => {
      const position = await this.redis.hget(this.key(checkpointKey(namespace)), 'position');
      const { hashes, zsets } = await dumpNamespace(this.redis, this.prefix, namespace);
      return { checkpoints: position ? { [namespace]: position } : {}, hashes, zsets };
    });
  }

  async close(): Promise<void> {
    if (this.redis.status === 'end') return;
    // Never connected (lazy): nothing to say goodbye to.
    if (this.redis.status === 'wait') return this.redis.disconnect();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private key(key: string): string {
    return this.prefix + key;
  }

  private async exec<T>(what: string, pipeline: ReturnType<RedisClient['pipeline']>): Promise<T[]> {
    const replies = await this.call(what, () => pipeline.exec());
    return (replies ?? []).map(([error, reply]) => {
      if (error) throw this.unavailable(what, error);
      return reply as T;
    });
  }

  private async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw this.unavailable(what, error);
    }
  }

  private unavailable(what: string, error: unknown): ReadStoreUnavailableError {
    const reason = error instanceof Error ? error.message : String(error);
    const why = this.connectionError ? ` (connection: ${this.connectionError})` : '';
    return new ReadStoreUnavailableError(`redis read store: ${what}: ${reason}${why}`, { cause: error });
  }
}
