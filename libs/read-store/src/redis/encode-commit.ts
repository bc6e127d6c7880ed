import type { Commit } from '../read-store';

/** Items per command group: keeps Lua's `unpack` far below its stack limit (about 8000 values). */
const GROUP_ITEMS = 1000;

type Group = [op: string, key: string, items: string[]];

/**
 * The commit script's one argument (see `COMMIT` in scripts.ts): `[prefix, leases, checkpoint moves,
 * groups]` as JSON, keys without the store's prefix. One string instead of a million small arguments
 * keeps the client cheap; Redis decodes it with its built-in cjson.
 */
export function encodeCommit(prefix: string, { changes, checkpoints, leases }: Commit): string {
  const groups: Group[] = [];
  for (const { key, sets, dels, incrs } of changes.hashGroups()) {
    chunk(groups, 'hset', key, sets.flat());
    chunk(groups, 'hdel', key, dels);
    chunk(
      groups,
      'hincr',
      key,
      incrs.flatMap(([field, by]) => [field, String(by)]),
    );
  }
  for (const { key, adds, rems } of changes.zsetGroups()) {
    chunk(
      groups,
      'zadd',
      key,
      adds.flatMap(([member, score]) => [String(score), member]),
    );
    chunk(groups, 'zrem', key, rems);
  }
  const moves = checkpoints.map((move) => [
    move.id,
    move.expected === null ? '' : String(move.expected),
    String(move.position),
    String(move.version),
    move.storeId,
  ]);
  return JSON.stringify([prefix, leases.map(({ name, token }) => [name, token]), moves, groups]);
}

/** Splits a flat list of items (pairs stay whole: the limit is even) into groups of one command each. */
function chunk(groups: Group[], op: string, key: string, items: readonly string[]): void {
  for (let start = 0; start < items.length; start += GROUP_ITEMS) {
    groups.push([op, key, items.slice(start, start + GROUP_ITEMS)]);
  }
}
