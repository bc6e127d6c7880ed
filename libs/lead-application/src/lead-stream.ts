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

export interface LoadedLead {
  readonly stream: string;
  readonly events: readonly RecordedEvent[];
  readonly state: LeadState;
  /** Revision of the last event, or `no_stream` for a lead never captured. */
  readonly revision: bigint | 'no_stream';
}

export async function loadLead(store: EventStore, leadId: string): Promise<LoadedLead> {
  const stream = leadStream(leadId);
  const read = await store.readStream(stream);
  const events = read.found ? read.events : [];
  const last = events.at(-1);
  return { stream, events, state: foldLead(events), revision: last ? last.revision : 'no_stream' };
}
