import { createHash } from 'node:crypto';
import type Redis from 'ioredis';

// The Lua scripts that make Redis writes conditional and atomic. A script runs whole with nothing else in
// between, which is what lets a commit check its lease and checkpoint and then write. Keys built inside the
// scripts from ARGV (commit) are fine on one Redis; a cluster would need every key in one hash slot.

/**
 * ARGV[1]: JSON `[prefix, [[lease, token]…], [[checkpoint id, expected or '', position, version, store id]…],
 * [[op, key, [items…]]…]]`. Checks everything before the first write: Redis does not roll a script back,
 * so a refusal must come before any change. Writes cannot fail past the checks, as every counter is only
 * ever written by HINCRBY. A checkpoint keeps the id of the event store it was built from (`store`): a
 * move expecting a position must also come from that store.
 */
export const COMMIT = `
local c = cjson.decode(ARGV[1])
local p = c[1]
for _, l in ipairs(c[2]) do
  if redis.call('GET', p .. 'lease:' .. l[1]) ~= l[2] then return {'lease', l[1]} end
end
for _, m in ipairs(c[3]) do
  local stored = redis.call('HMGET', p .. 'checkpoint:' .. m[1], 'position', 'store')
  if (stored[1] or '') ~= m[2] then return {'checkpoint', m[1]} end
  if m[2] ~= '' and stored[2] ~= m[5] then return {'checkpoint', m[1]} end
end
for _, g in ipairs(c[4]) do
  local op, key, items = g[1], p .. g[2], g[3]
  if op == 'hset' then
    redis.call('HSET', key, unpack(items))
  elseif op == 'hdel' then
    redis.call('HDEL', key, unpack(items))
  elseif op == 'hincr' then
    for j = 1, #items, 2 do redis.call('HINCRBY', key, items[j], items[j + 1]) end
  elseif op == 'zadd' then
    redis.call('ZADD', key, unpack(items))
  else
    redis.call('ZREM', key, unpack(items))
  end
end
for _, m in ipairs(c[3]) do
  redis.call('HSET', p .. 'checkpoint:' .. m[1], 'position', m[3], 'version', m[4], 'store', m[5])
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

  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}
