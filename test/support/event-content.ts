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
 * Anonymous visitors' streams are named through each vault's blind index, so they are numbered here by
 * first appearance; a visitor's link to its lead is sealed with its own key and left out like the hashes.
 */
export async function openedContent(events: readonly RecordedEvent[], personalData: PersonalData) {
  const keys = new Map<string, Buffer | null>();
  const suspects = new Map<string, string>();
  const opened = [];
  for (const event of events) {
    const { id, revision, type, data, metadata } = event;
    let streamName = event.streamName;
    if (streamName.startsWith('suspect-')) {
      if (!suspects.has(streamName)) suspects.set(streamName, `suspect-#${suspects.size}`);
      streamName = suspects.get(streamName)!;
    }
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
