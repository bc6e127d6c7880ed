import type { EventData } from './event-store';
import { storedOccurredMs } from './occurred-at';

/** An event ready for its row: data and metadata already JSON text. */
export interface SerializedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  /** Its `occurred_ms` column (see `storedOccurredMs`). */
  readonly occurredMs: number;
}

/**
 * Checks and serializes a batch before any SQL runs, so a bad batch fails with its own error rather than
 * one that looks like the store being unavailable. Two events with one id can never be stored, as ids
 * are unique per stream.
 */
export function serializeBatch(stream: string, events: readonly EventData[]): SerializedEvent[] {
  if (new Set(events.map((event) => event.id)).size !== events.length) {
    throw new RangeError(`stream ${stream}: an append carries the same event id twice`);
  }
  return events.map(({ id, type, data, metadata }) => ({
    id,
    type,
    data: JSON.stringify(data),
    metadata: JSON.stringify(metadata),
    occurredMs: storedOccurredMs(metadata),
  }));
}
