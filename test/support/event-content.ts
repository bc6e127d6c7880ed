import type { RecordedEvent } from '@leadger/event-store';
import { openPersonalData, type PersonalData } from '@leadger/lead-application';

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

/**
 * The same, for logs whose personal fields are sealed each under its own vault: the data opened with the
 * log's own keys, and the hashes left out (they cover the sealed bytes, which differ with every seal).
 */
export async function openedContent(events: readonly RecordedEvent[], personalData: PersonalData) {
  const keys = new Map<string, Buffer | null>();
  const opened = [];
  for (const { id, streamName, revision, type, data, metadata } of events) {
    const leadId = String(data.leadId);
    if (!keys.has(leadId)) keys.set(leadId, await personalData.openingKey(leadId));
    const { hash: _hash, prevHash: _prevHash, ...rest } = metadata;
    opened.push({
      id,
      streamName,
      revision,
      type,
      data: openPersonalData(data, keys.get(leadId)!),
      metadata: rest,
    });
  }
  return opened;
}
