import { createHash } from 'node:crypto';
import type { RedisClient } from './connect';

// The Lua scripts that make Redis writes conditional and atomic. A script runs whole with nothing else in
// between, which is what lets a commit check its lease and checkpoint and then write. On a cluster a script
// may only touch keys of one hash slot, and is sent to the node of its first key: every key of a store
// shares one hash tag (key-layout.ts), and the commit, which builds its keys from ARGV, declares the store's
// prefix as KEYS[1] for the routing.

/**
 * ARGV[1]: a MessagePack list, flat (see `encodeCommit`): `prefix, n, (lease, token)×n, m, (checkpoint id,
 * expected or '', position, version, store id)×m`, then groups `op, key, count, items×count` to the end.
 * Checks everything before the first write: Redis does not roll a script back, so a refusal must come
 * before any change. Writes cannot fail past the checks, as every counter is only ever written by HINCRBY.
 * A checkpoint keeps the id of the event store it was built from (`store`): a move expecting a position
 * must also come from that store.
 */
export const COMMIT = `
local a = cmsgpack.unpack(ARGV[1])
local p = a[1]
local leases = 3
local moves = leases + 2 * a[2]
local groups = moves + 1 + 5 * a[moves]
for i = leases, moves - 1, 2 do
  if redis.call('GET', p .. 'lease:' .. a[i]) ~= a[i + 1] then return {'lease', a[i]} end
end
for i = moves + 1, groups - 1, 5 do
  local stored = redis.call('HMGET', p .. 'checkpoint:' .. a[i], 'position', 'store')
  if (stored[1] or '') ~= a[i + 1] then return {'checkpoint', a[i]} end
  if a[i + 1] ~= '' and stored[2] ~= a[i + 4] then return {'checkpoint', a[i]} end
end
local i, n = groups, #a
while i <= n do
  local op, key = a[i], p .. a[i + 1]
  local first, last = i + 3, i + 2 + a[i + 2]
  if op == 'hset' then
    redis.call('HSET', key, unpack(a, first, last))
  elseif op == 'hdel' then
    redis.call('HDEL', key, unpack(a, first, last))
  elseif op == 'hincr' then
    for j = first, last, 2 do redis.call('HINCRBY', key, a[j], a[j + 1]) end
  elseif op == 'zadd' then
    redis.call('ZADD', key, unpack(a, first, last))
  else
    redis.call('ZREM', key, unpack(a, first, last))
  end
  i = last + 1
end
for i = moves + 1, groups - 1, 5 do
  redis.call('HSET', p .. 'checkpoint:' .. a[i], 'position', a[i + 2], 'version', a[i + 3], 'store', a[i + 4])
end
return {'ok'}
`;

/** KEYS: lease. ARGV: token, ttl ms. Takes a free lease or renews our own. */
export const ACQUIRE_LEASE = `
local held = redis.call('GET', KEYS[1])
if held and held ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`;

/** KEYS: lease. ARGV: token, ttl ms. */
export const RENEW_LEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

/** KEYS: lease. ARGV: token. */
export const RELEASE_LEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`;

/**
 * KEYS: due items (zset by due time), claims (zset by claim end), claimers (hash). ARGV: now, limit, until,
 * consumer. Clears ended claims, then takes due items oldest first, passing over claimed ones. Returns
 * member, score pairs.
 */
export const CLAIM_DUE = `
local ended = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
for j = 1, #ended, 500 do redis.call('HDEL', KEYS[3], unpack(ended, j, math.min(j + 499, #ended))) end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
local limit, out, offset = tonumber(ARGV[2]), {}, 0
while #out < 2 * limit do
  local page = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', offset, 100)
  for j = 1, #page, 2 do
    if not redis.call('ZSCORE', KEYS[2], page[j]) then
      redis.call('ZADD', KEYS[2], ARGV[3], page[j])
      redis.call('HSET', KEYS[3], page[j], ARGV[4])
      out[#out + 1] = page[j]; out[#out + 1] = page[j + 1]
      if #out >= 2 * limit then break end
    end
  end
  if #page < 200 then break end
  offset = offset + 100
end
return out
`;

/** A script run by its SHA-1, loaded again when Redis answers NOSCRIPT (after a restart or SCRIPT FLUSH). */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(
    redis: RedisClient,
    keys: readonly string[],
    args: readonly (string | number | Buffer)[],
  ): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}
