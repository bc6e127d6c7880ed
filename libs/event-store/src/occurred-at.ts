import type { JsonObject } from './event-store';

/**
 * Epoch ms of an event's business time, its `metadata.occurredAt` read as `Date.parse` reads it; NaN when
 * it has none (absent, not a string, or no date). Every adapter bounds `occurredBefore` by this one reading.
 */
export function occurredAtMs(metadata: JsonObject): number {
  const { occurredAt } = metadata;
  return typeof occurredAt === 'string' ? Date.parse(occurredAt) : NaN;
}

/** Whether an event happened strictly before `bound`; an event without a business time never did. */
export function occurredBefore(metadata: JsonObject, bound: Date): boolean {
  return occurredAtMs(metadata) < bound.getTime();
}
