// Keys the store itself owns, beside the projections' namespaces. A namespace is the text before the first
// `:` of a key; these names are reserved so that dropping a projection can never touch them.

const RESERVED = new Set(['checkpoint', 'lease', 'claims']);

export const checkpointKey = (id: string): string => `checkpoint:${id}`;
export const leaseKey = (name: string): string => `lease:${name}`;
export const claimsKey = (queue: string): string => `claims:${queue}`;
/** Who holds each claim of a queue. */
export const claimersKey = (queue: string): string => `claims:${queue}:by`;

/** A namespace a projection may own: lower-case words joined by `-`, not one of the store's own. */
export function assertNamespace(namespace: string): void {
  if (!/^[a-z][a-z0-9-]*$/.test(namespace) || RESERVED.has(namespace)) {
    throw new RangeError(`"${namespace}" cannot be a read-model namespace`);
  }
}

/** The namespace part of a key. */
export function namespaceOf(key: string): string {
  const colon = key.indexOf(':');
  return colon < 0 ? key : key.slice(0, colon);
}
