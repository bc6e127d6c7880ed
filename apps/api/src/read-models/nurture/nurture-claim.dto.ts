import { Integer, Text } from '../../validation/fields';

export class NurtureClaimDto {
  @Text({
    description: 'Who will work the items; nobody else gets them while the claim lasts.',
    example: 'nurture-bot-1',
  })
  readonly consumer: string;

  @Integer(1, 500, { optional: true, description: 'At most this many items, default 10.' })
  readonly limit?: number;

  @Integer(1000, 86_400_000, {
    optional: true,
    description: 'How long the claim lasts in ms, default 300000.',
  })
  readonly leaseMs?: number;
}
