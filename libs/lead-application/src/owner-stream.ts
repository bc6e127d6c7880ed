import type { EventStore, RecordedEvent } from '@leadger/event-store';
import {
  evolveOwner,
  noOwner,
  type OwnerEvent,
  type OwnerProfile,
  type OwnerState,
} from '@leadger/lead-domain';
import type { LoadedStream } from './loaded-stream';

// The owner roster in the log: one stream per owner, `owner-<ownerId>`, holding their OwnerSet events.

export const OWNER_STREAM_PREFIX = 'owner-';

export function ownerStream(ownerId: string): string {
  return `${OWNER_STREAM_PREFIX}${ownerId}`;
}

/** An owner as SetOwner reads them; `no_stream` is someone not yet in the roster. */
export type LoadedOwner = LoadedStream<OwnerState>;

/** A stored OwnerSet back in the domain's shape. */
export function toOwnerEvent(event: RecordedEvent): OwnerEvent {
  return {
    type: 'OwnerSet',
    data: event.data as OwnerEvent['data'],
    metadata: { occurredAt: String(event.metadata.occurredAt) },
  };
}

/** What an owner stream's events fold to; an event of another type (a later version's) changes nothing. */
export function foldOwner(events: readonly RecordedEvent[]): OwnerState {
  return events
    .filter((event) => event.type === 'OwnerSet')
    .reduce((state, event) => evolveOwner(state, toOwnerEvent(event)), noOwner);
}

/** The profile of an owner in the roster; throws for one who is not, which callers have ruled out. */
export function profileOf(state: OwnerState): OwnerProfile {
  if (!state.exists) throw new Error('no owner: the stream holds no OwnerSet');
  const { exists: _exists, ...profile } = state;
  return profile;
}

export async function loadOwner(store: EventStore, ownerId: string): Promise<LoadedOwner> {
  const stream = ownerStream(ownerId);
  const read = await store.readStream(stream);
  const events = read.found ? read.events : [];
  const last = events.at(-1);
  return { stream, events, state: foldOwner(events), revision: last ? last.revision : 'no_stream' };
}
