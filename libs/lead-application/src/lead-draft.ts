import type { EventData, ExpectedRevision, RecordedEvent } from '@leadger/event-store';
import { decide, evolve, suspectStitched, type LeadCommand, type LeadEvent } from '@leadger/lead-domain';
import { DEFAULT_CLOCK_TOLERANCE_MS, futureRefusal } from './business-time';
import { CommandRefusedError } from './errors';
import { LEAD_STREAM_PREFIX, leadStream, type LoadedLead } from './lead-stream';
import type { DraftedIdentification } from './suspects/suspect-draft';
import { sealEvents } from './personal-data';
import { toEventData } from './to-event-data';

/** Who issues a drafted command; `commandId` is required so that a draft written twice has the same ids. */
export interface DraftIssuer {
  readonly actor: string;
  readonly onBehalfOf?: string;
  readonly commandId: string;
  readonly correlationId?: string;
}

/**
 * A lead's next events built in memory, for writers that know a whole run of commands up front (synthetic
 * history, CSV imports): each command is decided against the state folded so far and its events get the
 * same metadata and hash chain `handleCommand` gives them. Append `events` in one go at `expected`, so
 * the run is stored whole or not at all.
 */
export class LeadDraft {
  readonly events: EventData[] = [];
  readonly expected: ExpectedRevision;
  private lead: LoadedLead;

  /**
   * Starts from the lead as loaded (`loadLead`), or from nothing: a stream that must not exist yet.
   * `sealingKey` is the lead's data key (`PersonalData.sealingKey`), which seals its personal fields.
   */
  constructor(
    leadIdOrLoaded: string | LoadedLead,
    private readonly sealingKey: Buffer,
  ) {
    this.lead =
      typeof leadIdOrLoaded === 'string'
        ? { stream: leadStream(leadIdOrLoaded), events: [], state: { stage: 'none' }, revision: 'no_stream' }
        : leadIdOrLoaded;
    this.expected = this.lead.revision;
  }

  get state(): LoadedLead['state'] {
    return this.lead.state;
  }

  get stream(): string {
    return this.lead.stream;
  }

  /**
   * Decides `command` and adds its events, recorded at `recordedAt`; throws `CommandRefusedError` (and
   * adds nothing) when the domain refuses it.
   */
  apply(command: LeadCommand, issuer: DraftIssuer, recordedAt: Date): void {
    const decision = decide(command, this.lead.state);
    if (!decision.ok) throw new CommandRefusedError(decision.refusal);
    if (decision.events.length === 0) return;
    const future = futureRefusal(command, recordedAt, DEFAULT_CLOCK_TOLERANCE_MS);
    if (future) throw new CommandRefusedError(future);
    this.add(decision.events, { ...issuer, command: command.type }, recordedAt);
  }

  /**
   * The lead's half of a suspect's identification, as the capture path writes it: its command id derived
   * from the suspect event's, so the live path would find it there and add nothing.
   */
  stitch(identified: DraftedIdentification, issuer: Omit<DraftIssuer, 'commandId'>, recordedAt: Date): void {
    const leadId = this.lead.stream.slice(LEAD_STREAM_PREFIX.length);
    const at = identified.event.metadata.occurredAt;
    const event = suspectStitched(identified.event, identified.anonymousId, leadId, at);
    const commandId = `stitch:${identified.id}`;
    this.add(
      [event],
      { ...issuer, commandId, causationId: identified.id, command: 'CaptureLead' },
      recordedAt,
    );
  }

  private add(
    events: readonly LeadEvent[],
    issued: DraftIssuer & { command: string; causationId?: string },
    recordedAt: Date,
  ): void {
    const sealed = sealEvents(events, this.sealingKey);
    const added = toEventData(this.lead, sealed, issued, recordedAt);
    const start = this.lead.revision === 'no_stream' ? 0n : this.lead.revision + 1n;
    const revision = start + BigInt(added.length - 1);
    this.events.push(...added);
    this.lead = {
      stream: this.lead.stream,
      // Only the last event is needed to chain the next one.
      events: [pending(this.lead.stream, revision, added[added.length - 1], recordedAt)],
      state: events.reduce(evolve, this.lead.state),
      revision,
    };
  }
}

/** A drafted event in the shape of a stored one; it has no `$all` position until it is appended. */
function pending(stream: string, revision: bigint, event: EventData, at: Date): RecordedEvent {
  return { ...event, streamName: stream, revision, position: -1n, created: at };
}
