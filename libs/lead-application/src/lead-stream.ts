import type { EventStore, RecordedEvent } from '@leadger/event-store';
import {
  evolve,
  evolveDetails,
  initialState,
  noDetails,
  type LeadDetails,
  type LeadEvent,
  type LeadState,
  upcast,
} from '@leadger/lead-domain';
import type { LoadedStream } from './loaded-stream';

export const LEAD_STREAM_PREFIX = 'lead-';

export function leadStream(leadId: string): string {
  return `${LEAD_STREAM_PREFIX}${leadId}`;
}

/** A stored lead event back in the domain's shape; the stored `type` and `data` are the contract. */
export function toLeadEvent(event: RecordedEvent): LeadEvent {
  return {
    type: event.type,
    data: upcast(event.type, event.data),
    metadata: { occurredAt: String(event.metadata.occurredAt) },
  } as LeadEvent;
}

/** The decision state of a stream: what the next command is decided against. */
export function foldLead(events: readonly RecordedEvent[]): LeadState {
  return events.reduce((state, event) => evolve(state, toLeadEvent(event)), initialState);
}

/** The lead as people see it, folded from the same events. */
export function foldLeadDetails(events: readonly RecordedEvent[]): LeadDetails {
  return events.reduce((details, event) => evolveDetails(details, toLeadEvent(event)), noDetails);
}

/** A lead as a command reads it; `no_stream` is a lead never captured. */
export type LoadedLead = LoadedStream<LeadState>;

export async function loadLead(store: EventStore, leadId: string): Promise<LoadedLead> {
  const stream = leadStream(leadId);
  const read = await store.readStream(stream);
  const events = read.found ? read.events : [];
  const last = events.at(-1);
  return { stream, events, state: foldLead(events), revision: last ? last.revision : 'no_stream' };
}
