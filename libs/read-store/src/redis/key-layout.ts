// Where a store's keys live in a Redis Cluster. A commit is one Lua script, and a script may only touch
// keys of one hash slot: a projector's commit writes every projection's namespace, moves all their
// checkpoints and checks all their leases at once (the policy worker and webhook sessions alike), and a
// claim moves items between a projection's due set and the queue's claims. Splitting those by slot would
// give up the all-or-nothing commit the `ReadStore` port promises. So every key of one store carries the
// same hash tag, derived from the key prefix: a store (one deployment, one prefix) lives in one slot, and
// what a cluster spreads over its masters is stores, not the read models of one store. One store still
// gains failover to a replica from the cluster, not more memory or write throughput than one master has.
// The layout is the same on a single Redis, so a store can move between the two unchanged.

/**
 * The hash tag of a key as Redis Cluster reads it: the text between the first `{` and the first `}` after
 * it, when not empty; otherwise (`null`) the whole key is hashed.
 */
export function hashTagOf(key: string): string | null {
  const open = key.indexOf('{');
  if (open < 0) return null;
  const close = key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : null;
}

/**
 * What goes before every key of a store with this prefix: the prefix, then the prefix again as hash tag
 * (`leadger:` → `leadger:{leadger}:`), so every key starts with the prefix and shares its slot. A prefix
 * that holds a hash tag of its own (`crm:{eu}:`) names its slot itself and is used as it is.
 */
export function storeKeyPrefix(prefix: string): string {
  if (hashTagOf(prefix) !== null) return prefix;
  if (/[{}]/.test(prefix)) {
    throw new RangeError(`Redis key prefix "${prefix}": braces must hold a hash tag, as in "crm:{eu}:"`);
  }
  return `${prefix}{${prefix.replace(/:$/, '') || 'leadger'}}:`;
}
