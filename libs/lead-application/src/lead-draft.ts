import type { EventData, ExpectedRevision, RecordedEvent } from '@leadger/event-store';
import { decide, evolve, type LeadCommand } from '@leadger/lead-domain';
import { DEFAULT_CLOCK_TOLERANCE_MS, futureRefusal } from './business-time';
import { CommandRefusedError } from './errors';
import { leadStream, type LoadedLead } from './lead-stream';
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
    const sealed = sealEvents(decision.events, this.sealingKey);
    const added = toEventData(this.lead, sealed, { ...issuer, command: command.type }, recordedAt);
    const start = this.lead.revision === 'no_stream' ? 0n : this.lead.revision + 1n;
    const revision = start + BigInt(added.length - 1);
    this.events.push(...added);
    this.lead = {
      stream: this.lead.stream,
      // Only the last event is needed to chain the next one.
      events: [pending(this.lead.stream, revision, added[added.length - 1], recordedAt)],
      state: decision.events.reduce(evolve, this.lead.state),
      revision,
    };
  }
}

/** A drafted event in the shape of a stored one; it has no `$all` position until it is appended. */
function pending(stream: string, revision: bigint, event: EventData, at: Date): RecordedEvent {
  return { ...event, streamName: stream, revision, position: -1n, created: at };
}
