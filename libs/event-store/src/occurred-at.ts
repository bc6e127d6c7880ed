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

/**
 * The stored business time of an event without one: one past the latest time a Date can hold, so
 * `occurred_ms < bound` leaves it out as the port says (and, in SQLite, NULL keeps meaning "not filled yet").
 */
export const NO_OCCURRED_MS = 8_640_000_000_000_001;

/** The `occurred_ms` column an adapter stores for an event with this metadata. */
export function storedOccurredMs(metadata: JsonObject): number {
  const ms = occurredAtMs(metadata);
  return Number.isNaN(ms) ? NO_OCCURRED_MS : ms;
}
