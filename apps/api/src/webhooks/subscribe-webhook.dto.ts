import { ApiProperty } from '@nestjs/swagger';
import { selectorHelp } from '@leadger/webhooks';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength } from 'class-validator';
import { Flag, Text } from '../validation/fields';

export class SubscribeWebhookDto {
  @Text({
    max: 2048,
    description: 'Where deliveries are POSTed: an http or https URL.',
    example: 'https://crm.example.com/hooks/leadger',
  })
  readonly url: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'string', maxLength: 64 },
    minItems: 1,
    maxItems: 50,
    description: `What to deliver: each ${selectorHelp}.`,
    example: ['stage:sal', 'LeadRejected'],
  })
  @IsArray({ message: '$property must be an array' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  readonly events: string[];

  @Text({
    optional: true,
    description: 'The signing secret, `whsec_` and base64 of 24-64 bytes; made for you when left out.',
  })
  readonly secret?: string;

  @Flag({
    optional: true,
    description:
      "Deliveries carry the lead's personal fields (email, names, phone, notes) while it is not erased. Default false.",
  })
  readonly includePersonalData?: boolean;
}
