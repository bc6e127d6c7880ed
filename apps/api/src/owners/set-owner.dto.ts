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
