import type { OwnerOutcome, RosterOwner } from '@leadger/lead-application';
import { Choices, Count, Flag, Label, Labels, ListOf, Position, Revision } from '../http/answer-fields';

// The owner roster's answers as the OpenAPI document describes them.

/** An owner as every answer about them shows them. */
export class OwnerView {
  @Label({ example: 'bob', description: "The owner: their API key's name, or their token's id claim." })
  readonly ownerId: string;
  @Label({ example: 'Bob Lee' }) readonly name: string;
  @Labels({ example: ['inbound', 'sdr'], description: 'Sorted, each once.' })
  readonly teams: readonly string[];
  @Flag({ description: 'False while away: routing and SLA escalation give them nothing new.' })
  readonly active: boolean;
  @Count({ nullable: true, description: 'Most open handoffs and SALs at once; null for no limit.' })
  readonly capacity: number | null;
  @Revision({ description: "The owner stream's revision; send it back as If-Match." })
  readonly revision: string;
}

/** What `PUT /owners/{ownerId}` answers. */
export class SetOwnerAnswer extends OwnerView {
  @Position({
    description: "Global position of the owner's last event (of this command's, when it made one).",
  })
  readonly position: string;
  @Choices(['OwnerSet'], { example: ['OwnerSet'], description: 'Empty when nothing changed.' })
  readonly events: readonly 'OwnerSet'[];
  @Flag({ description: 'True when this repeats the first answer to the same Idempotency-Key.' })
  readonly replayed: boolean;
}

/** An owner as the roster's reads show them, with what they hold now. */
export class RosterOwnerView extends OwnerView {
  @Count({
    nullable: true,
    description:
      'Open handoffs plus SALs the owner holds now, as the policies last counted them; null while no ' +
      'policy runner has kept state on this log (LEADGER_POLICIES_RUNNER=off and no worker).',
  })
  readonly load: number | null;
}

export class RosterPageView {
  @ListOf(() => RosterOwnerView, { description: 'By owner id.' }) readonly items: readonly RosterOwnerView[];
  @Label({ nullable: true, description: 'Pass as `cursor` for the next page; null on the last one.' })
  readonly nextCursor: string | null;
}

export function setOwnerAnswer(outcome: OwnerOutcome): SetOwnerAnswer {
  return {
    ownerId: outcome.ownerId,
    ...outcome.owner,
    revision: outcome.revision.toString(),
    position: outcome.position.toString(),
    events: outcome.events.map((event) => event.type),
    replayed: outcome.replayed,
  };
}

export function rosterOwnerView(owner: RosterOwner, load: number | null): RosterOwnerView {
  return { ...owner, revision: owner.revision.toString(), load };
}
