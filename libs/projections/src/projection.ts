import type { LeadEvent, LeadEventType, SuspectEvent, SuspectEventType } from '@leadger/lead-domain';
import type { Change, FieldRef } from '@leadger/read-store';

/** Every event type a projection may handle: a lead's, or an anonymous visitor's (a suspect's). */
export type ProjectedEventType = LeadEventType | SuspectEventType;

/** A lead (or suspect) event as a projection sees it: the domain event plus where and when the log took it. */
export type ProjectedEvent = (LeadEvent | SuspectEvent) & {
  /** `$all` position: unique, so it also serves as the id of a row the event creates. */
  readonly position: bigint;
  /** Its revision in its stream: `0n` is a lead's capture, or a suspect's first touch. */
  readonly revision: bigint;
  /** ISO time the store took the event. */
  readonly recordedAt: string;
};
export type ProjectedEventOf<T extends ProjectedEventType> = Extract<
  LeadEvent | SuspectEvent,
  { type: T }
> & {
  readonly position: bigint;
  readonly revision: bigint;
  readonly recordedAt: string;
};

/** What a handler may read: hash fields loaded for its batch, with the batch's own writes applied. */
export interface ReadView {
  /** The field's value, `undefined` when absent. Only fields named by the projection's `reads` are there. */
  hget(key: string, field: string): string | undefined;
  /** The JSON document in the field, parsed; shared, so never change it: write a new one. */
  doc<T>(key: string, field: string): T | undefined;
}

/**
 * A projection is a definition, not a service: a name, a version, the events it handles, and pure
 * functions from (read model, event) to changes. The projector runs it; nothing here does I/O.
 */
export interface Projection {
  /** Names its checkpoint and lease, and the namespace of every key it writes (`<name>:…`). */
  readonly name: string;
  /** Bumped when what the handlers write changes meaning: a stored model of another version is rebuilt. */
  readonly version: number;
  /** The event types it handles; other lead events only move its checkpoint. */
  readonly eventTypes: readonly ProjectedEventType[];
  /** Hash fields `apply` will read for this event, loaded for a whole batch in one round trip. */
  reads(event: ProjectedEvent): readonly FieldRef[];
  /** The changes one event makes; everything it knows comes from the view and the event. */
  apply(view: ReadView, event: ProjectedEvent): readonly Change[];
}
