import type { EventData, RecordedEvent } from '@leadger/event-store';
import {
  decideSuspect,
  evolveSuspect,
  noSuspect,
  type SuspectCommand,
  type SuspectEventOf,
} from '@leadger/lead-domain';
import type { DraftIssuer } from '../lead-draft';
import { toEventData } from '../to-event-data';
import { sealSuspectEventWith, type LoadedSuspect } from './suspect-stream';

/** A suspect's identification as drafted: the event, and the id it is stored under (the stitch names it). */
export interface DraftedIdentification {
  readonly event: SuspectEventOf<'SuspectIdentified'>;
  readonly id: string;
  /** The visitor's cookie id, which the lead's `SuspectStitched` keeps sealed. */
  readonly anonymousId: string;
}

/**
 * A new suspect's events built in memory, like `LeadDraft` for leads (synthetic history): decided by the
 * suspect decider, with the metadata and hash chain the live path gives them, to append in one go.
 */
export class SuspectDraft {
  readonly events: EventData[] = [];
  private suspect: LoadedSuspect;

  /**
   * The suspect of `stream` (`LeadDirectory.suspectStream` of its cookie id); `sealingKey` is its own vault
   * key, needed only to identify it.
   */
  constructor(
    stream: string,
    anonymousId: string,
    private readonly sealingKey: Buffer | null,
  ) {
    this.suspect = { stream, anonymousId, events: [], state: noSuspect, revision: 'no_stream' };
  }

  get stream(): string {
    return this.suspect.stream;
  }

  /** Decides `command` and adds its events; throws when refused. Answers the identification, if it made one. */
  apply(command: SuspectCommand, issuer: DraftIssuer, recordedAt: Date): DraftedIdentification | null {
    const decision = decideSuspect(command, this.suspect.state);
    if (!decision.ok) throw new Error(decision.message);
    if (decision.events.length === 0) return null;
    const sealed = decision.events.map((event) => sealSuspectEventWith(this.sealingKey, this.suspect, event));
    const added = toEventData(this.suspect, sealed, { ...issuer, command: command.type }, recordedAt);
    const start = this.suspect.revision === 'no_stream' ? 0n : this.suspect.revision + 1n;
    const revision = start + BigInt(added.length - 1);
    this.events.push(...added);
    const last: RecordedEvent = {
      ...added[added.length - 1],
      streamName: this.suspect.stream,
      revision,
      position: -1n,
      created: recordedAt,
    };
    this.suspect = {
      ...this.suspect,
      events: [last],
      state: decision.events.reduce(evolveSuspect, this.suspect.state),
      revision,
    };
    const identified = decision.events.find((event) => event.type === 'SuspectIdentified');
    return identified ? { event: identified, id: last.id, anonymousId: this.suspect.anonymousId } : null;
  }
}
