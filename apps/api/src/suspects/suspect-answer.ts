import type { AnonymousEngagementOutcome } from '@leadger/lead-application';
import { Flag, Label, Labels, Position, Revision, Uuid } from '../http/answer-fields';

/** Where an anonymous engagement landed; revision and position are strings, as bigints travel in JSON. */
export class SuspectAnswer {
  @Label({ example: 'ck_9f2a77' }) readonly anonymousId: string;
  @Uuid({
    nullable: true,
    description: 'The lead the suspect became, where the engagement landed; null while anonymous.',
  })
  readonly leadId: string | null;
  @Revision({ description: "The revision of the stream written: the suspect's, or its lead's." })
  readonly revision: string;
  @Position({ description: 'Global position of the last event; pass as ?after= to read your write.' })
  readonly position: string;
  @Labels({
    example: ['AnonymousEngagementRecorded'],
    description:
      'The event types appended: `AnonymousEngagementRecorded` on the suspect, `EngagementRecorded` on its lead, or none (its lead is disqualified or erased).',
  })
  readonly events: readonly string[];
  @Flag({ description: 'True when this repeats the first answer to the same Idempotency-Key.' })
  readonly replayed: boolean;
}

export function suspectAnswer(outcome: AnonymousEngagementOutcome): SuspectAnswer {
  return {
    anonymousId: outcome.anonymousId,
    leadId: outcome.leadId,
    revision: outcome.revision.toString(),
    position: outcome.position.toString(),
    events: outcome.events,
    replayed: outcome.replayed,
  };
}
