import type { EventStore, JsonObject, RecordedEvent } from '@leadger/event-store';
import { evolveSuspect, noSuspect, type SuspectEvent, type SuspectState } from '@leadger/lead-domain';
import type { LeadDirectory } from '../lead-directory';
import type { LoadedStream } from '../loaded-stream';
import { openJson, sealJson, SEALED_FIELD, type PersonalData } from '../personal-data';

export const SUSPECT_STREAM_PREFIX = 'suspect-';

/** Names an anonymous visitor's stream through the blind index: `LeadDirectory.suspectStream`. */
export type SuspectNames = Pick<LeadDirectory, 'suspectStream'>;

/** A suspect as a command reads it: its stream, and the cookie id the caller named it by. */
export type LoadedSuspect = LoadedStream<SuspectState> & { readonly anonymousId: string };

/**
 * A stored suspect event back in the domain's shape, its link to a lead opened when `key` can. The link is
 * sealed with the suspect's own vault key, named by its stream (the lead's key cannot be found without the
 * lead id it hides); erasing the lead destroys it too, so the visits can no longer be tied to the person.
 */
export function toSuspectEvent(event: RecordedEvent, key: Buffer | null): SuspectEvent {
  const metadata = { occurredAt: String(event.metadata.occurredAt) };
  if (event.type !== 'SuspectIdentified')
    return { type: event.type, data: event.data, metadata } as SuspectEvent;
  const { [SEALED_FIELD]: sealed, ...data } = event.data;
  const opened = key && typeof sealed === 'string' ? openJson(key, event.streamName, sealed) : {};
  const leadId = typeof opened.leadId === 'string' ? opened.leadId : null;
  return { type: 'SuspectIdentified', data: { ...data, leadId }, metadata } as SuspectEvent;
}

export async function loadSuspect(
  store: EventStore,
  personalData: PersonalData,
  names: SuspectNames,
  anonymousId: string,
): Promise<LoadedSuspect> {
  const stream = names.suspectStream(anonymousId);
  const read = await store.readStream(stream);
  const events = read.found ? read.events : [];
  const identified = events.some((event) => event.type === 'SuspectIdentified');
  const key = identified ? await personalData.openingKey(stream) : null;
  const state = events.map((event) => toSuspectEvent(event, key)).reduce(evolveSuspect, noSuspect);
  const last = events.at(-1);
  return { stream, anonymousId, events, state, revision: last ? last.revision : 'no_stream' };
}

/** A suspect event as stored. */
export type StoredSuspectEvent = { type: string; data: JsonObject; metadata: SuspectEvent['metadata'] };

/** The suspect event as stored in `stream`: the lead it became sealed with the suspect's own key. */
export async function sealSuspectEvent(
  personalData: PersonalData,
  stream: string,
  event: SuspectEvent,
): Promise<StoredSuspectEvent> {
  if (event.type !== 'SuspectIdentified') return sealSuspectEventWith(null, stream, event);
  return sealSuspectEventWith(await personalData.sealingKey(stream), stream, event);
}

/** `sealSuspectEvent` with the suspect's key at hand (a writer that seals a whole run at once). */
export function sealSuspectEventWith(
  key: Buffer | null,
  stream: string,
  event: SuspectEvent,
): StoredSuspectEvent {
  if (event.type !== 'SuspectIdentified') return { ...event, data: event.data as unknown as JsonObject };
  const { leadId, ...rest } = event.data;
  if (leadId !== null && !key) throw new Error('SuspectIdentified: a lead to seal but no key');
  const sealed = leadId === null || !key ? null : sealJson(key, stream, { leadId });
  return { ...event, data: { ...rest, leadId: null, [SEALED_FIELD]: sealed } as JsonObject };
}
