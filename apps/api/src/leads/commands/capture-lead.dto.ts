import { ApiProperty } from '@nestjs/swagger';
import {
  anonymousIdPattern,
  engagementKinds,
  leadOrigins,
  type EngagementKind,
  type LeadCommandOf,
  type LeadOrigin,
} from '@leadger/lead-domain';
import { Transform } from 'class-transformer';
import { IsEmail, Matches, MaxLength } from 'class-validator';
import { Nested, OneOf, Text } from '../../validation/fields';
import type { CommandFill } from '../command-fill';
import { CommandBody, command } from './command-body';

export class UtmDto {
  @Text({ optional: true, example: 'linkedin' }) readonly source?: string;
  @Text({ optional: true, example: 'cpc' }) readonly medium?: string;
  @Text({ optional: true, example: 'q3-launch' }) readonly campaign?: string;
  @Text({ optional: true }) readonly term?: string;
  @Text({ optional: true }) readonly content?: string;
}

export class CaptureLeadDto extends CommandBody {
  @ApiProperty({
    example: 'ann@example.com',
    format: 'email',
    maxLength: 254,
    description: 'Trimmed and lower-cased; one lead per email.',
  })
  // Trimmed before the check: the lead is named by the normalized email, so ' ann@example.com ' is Ann.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  readonly email: string;

  @Text({ example: 'webinar', description: 'Where the lead came from.' }) readonly source: string;
  @Text({ optional: true, example: 'q3-launch' }) readonly campaign?: string;
  @Text({ optional: true, example: 'Ann' }) readonly firstName?: string;
  @Text({ optional: true, example: 'Lee' }) readonly lastName?: string;
  @Text({ optional: true, example: 'Acme' }) readonly company?: string;
  @Text({ optional: true, example: 'CFO' }) readonly title?: string;
  @Text({ optional: true, max: 40, example: '+44 20 7946 0000' }) readonly phone?: string;
  @Nested(() => UtmDto, { optional: true }) readonly utm?: UtmDto;
  @Text({
    optional: true,
    max: 128,
    description:
      'Stitches an earlier anonymous visitor (POST /suspects/{anonymousId}/engagements) to this lead, once; 1-128 of letters, digits and ._:-',
  })
  @Matches(anonymousIdPattern, { message: 'anonymousId must be 1-128 of letters, digits and ._:-' })
  readonly anonymousId?: string;
  @OneOf(engagementKinds, { optional: true, description: 'Default form_submission.' })
  readonly via?: EngagementKind;
  @OneOf(leadOrigins, {
    optional: true,
    description:
      'Default marketing. `sales`: a rep found the lead ("sales first in"); it starts at sal, owned by `owner`. Roles sales or sales_manager; a rep names only themself.',
  })
  readonly origin?: LeadOrigin;
  @Text({
    optional: true,
    example: 'bob',
    description: 'The rep who found a sales-sourced lead; only with origin sales.',
  })
  readonly owner?: string;
}

/** The capture of `leadId`, the lead the blind index names for the body's email. */
export function toCaptureLead(
  leadId: string,
  body: CaptureLeadDto,
  fill: CommandFill,
): LeadCommandOf<'CaptureLead'> {
  const { occurredAt: _occurredAt, utm, ...profile } = body;
  return command('CaptureLead', { leadId, ...profile, utm: utm && { ...utm } }, fill);
}
