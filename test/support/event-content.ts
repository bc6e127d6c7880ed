import type { RecordedEvent } from '@leadger/event-store';

/** What makes two logs the same events: ids, streams, revisions, types, data and metadata, not store times. */
export function eventContent(events: readonly RecordedEvent[]) {
  return events.map(({ id, streamName, revision, type, data, metadata }) => ({
    id,
    streamName,
    revision,
    type,
    data,
    metadata,
  }));
}
