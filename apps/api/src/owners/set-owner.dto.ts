import type { OwnerCommand } from '@leadger/lead-domain';
import { Flag, Integer, Names, Text } from '../validation/fields';

/** The body of `PUT /owners/{ownerId}`: the whole profile; the owner id is the path's. */
export class SetOwnerDto {
  @Text({ description: "The owner's name as people read it; trimmed.", example: 'Bob Lee' })
  readonly name: string;

  @Names({
    description:
      'The teams the owner works in (routing rules may name them: `routing.teams`, `routing.bySource`); ' +
      'trimmed, sorted, each once; empty for none.',
    example: ['inbound', 'sdr'],
  })
  readonly teams: string[];

  @Flag({ description: 'False while away (on leave): routing and SLA escalation give them nothing new.' })
  readonly active: boolean;

  @Integer(0, 1_000_000, {
    optional: true,
    nullable: true,
    description:
      'Most open handoffs and accepted leads (SALs) they hold at once; routing skips them when full. ' +
      'Null or left out: no limit.',
    example: 20,
  })
  readonly capacity?: number | null;
}

/** The domain command of a PUT: the path's owner and the body, dated `occurredAt` (the roster has no backfill). */
export function toSetOwner(ownerId: string, body: SetOwnerDto, occurredAt: string): OwnerCommand {
  const { name, teams, active, capacity } = body;
  return {
    type: 'SetOwner',
    data: { ownerId, name, teams, active, capacity: capacity ?? null },
    metadata: { occurredAt },
  };
}
