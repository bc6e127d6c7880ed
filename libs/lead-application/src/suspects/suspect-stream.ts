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

/** What a suspect's stream is named by, and the cookie id it stands for (the name is its blind index). */
export type SuspectRef = Pick<LoadedSuspect, 'stream' | 'anonymousId'>;

/**
 * A stored suspect event back in the domain's shape, its link to a lead opened when `key` can. The link is
 * sealed with the suspect's own vault key, named by its stream (the lead's key cannot be found without the
 * lead id it hides); erasing the lead destroys it too, so the visits can no longer be tied to the person.
 */
export function toSuspectEvent(event: RecordedEvent, key: Buffer | null): SuspectEvent {
  const metadata = { occurredAt: String(event.metadata.occurredAt) };
  if (event.type !== 'SuspectIdentified')
    return { type: event.type, data: event.data, metadata } as SuspectEvent;
  const { [SEALED_FIELD]: _sealed, ...data } = event.data;
  const leadId = sealedLink(event, key).leadId ?? null;
  return { type: 'SuspectIdentified', data: { ...data, leadId }, metadata } as SuspectEvent;
}

/** The link a SuspectIdentified seals: the lead, and the cookie id the visitor was named by then. */
function sealedLink(event: RecordedEvent, key: Buffer | null): { leadId?: string; anonymousId?: string } {
  const sealed = event.data[SEALED_FIELD];
  const opened = key && typeof sealed === 'string' ? openJson(key, event.streamName, sealed) : {};
  return {
    leadId: typeof opened.leadId === 'string' ? opened.leadId : undefined,
    anonymousId: typeof opened.anonymousId === 'string' ? opened.anonymousId : undefined,
  };
}

/**
 * A suspect read by its stream's name alone (a policy following the log has no cookie id to hand): the
 * cookie id comes from its identification, sealed with its key. Null when it cannot be read (not identified
 * yet, or its lead was erased and the key with it).
 */
export async function loadSuspectStream(
  store: EventStore,
  personalData: PersonalData,
  stream: string,
): Promise<LoadedSuspect | null> {
  const read = await store.readStream(stream);
  const events = read.found ? read.events : [];
  const identification = events.find((event) => event.type === 'SuspectIdentified');
  if (!identification) return null;
  const key = await personalData.openingKey(stream);
  const { anonymousId } = sealedLink(identification, key);
  if (anonymousId === undefined) return null;
  const state = events.map((event) => toSuspectEvent(event, key)).reduce(evolveSuspect, noSuspect);
  return { stream, anonymousId, events, state, revision: events[events.length - 1].revision };
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
  suspect: SuspectRef,
  event: SuspectEvent,
): Promise<StoredSuspectEvent> {
  if (event.type !== 'SuspectIdentified') return sealSuspectEventWith(null, suspect, event);
  return sealSuspectEventWith(await personalData.sealingKey(suspect.stream), suspect, event);
}

/** `sealSuspectEvent` with the suspect's key at hand (a writer that seals a whole run at once). */
export function sealSuspectEventWith(
  key: Buffer | null,
  suspect: SuspectRef,
  event: SuspectEvent,
): StoredSuspectEvent {
  if (event.type !== 'SuspectIdentified') return { ...event, data: event.data as unknown as JsonObject };
  const { leadId, ...rest } = event.data;
  if (leadId !== null && !key) throw new Error('SuspectIdentified: a lead to seal but no key');
  // The cookie id goes with the lead, under the same key: whoever finishes the stitch later (a policy
  // reading the log) can name the visitor on the lead, and erasing the lead makes both unreadable.
  const { stream, anonymousId } = suspect;
  const sealed = leadId === null || !key ? null : sealJson(key, stream, { leadId, anonymousId });
  return { ...event, data: { ...rest, leadId: null, [SEALED_FIELD]: sealed } as JsonObject };
}
