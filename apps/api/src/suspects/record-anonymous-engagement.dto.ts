import { engagementKinds, type EngagementKind, type SuspectCommand } from '@leadger/lead-domain';
import { Integer, Nested, OneOf, Text } from '../validation/fields';
import { UtmDto } from '../leads/commands/capture-lead.dto';
import { CommandBody } from '../leads/commands/command-body';

export class RecordAnonymousEngagementDto extends CommandBody {
  @OneOf(engagementKinds, { example: 'web_visit' }) readonly kind: EngagementKind;
  @Integer(-1000, 1000, {
    example: 5,
    description: "Added to the suspect's score, which a stitch carries over.",
  })
  readonly scoreDelta: number;
  @Text({
    optional: true,
    example: 'google',
    description: 'Where the visit came from; default the utm source.',
  })
  readonly source?: string;
  @Nested(() => UtmDto, { optional: true }) readonly utm?: UtmDto;
}

export function toRecordAnonymousEngagement(
  anonymousId: string,
  body: RecordAnonymousEngagementDto,
  occurredAt: string,
): Extract<SuspectCommand, { type: 'RecordAnonymousEngagement' }> {
  const { kind, scoreDelta, source, utm } = body;
  return {
    type: 'RecordAnonymousEngagement',
    data: { anonymousId, kind, scoreDelta, source, utm: utm && { ...utm } },
    metadata: { occurredAt },
  };
}
