import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, MaxLength } from 'class-validator';
import { stages, type Stage } from '@leadger/lead-domain';
import { AfterQueryDto } from '../read-your-writes';
import { OneOf } from '../../validation/fields';
import { Cursor, Day, QueryInteger, QueryText } from '../../validation/query-fields';

export class FindLeadsQueryDto extends AfterQueryDto {
  @ApiPropertyOptional({
    description:
      'The lead of this email, found through the blind index (trimmed and lower-cased like a capture); ' +
      'an erased lead is no longer found. Combines with the other filters.',
    example: 'ann@example.com',
    format: 'email',
    maxLength: 254,
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  readonly email?: string;

  @QueryText({
    description: 'Only leads handed or owned to this owner (a pending handoff names the new one).',
    example: 'bob@sales',
  })
  readonly owner?: string;

  @OneOf(stages, { optional: true, description: 'Only leads in this stage now.' })
  readonly stage?: Stage;

  @QueryText({ description: 'Only leads captured from this source.', example: 'webinar' })
  readonly source?: string;

  @Day({ description: 'First capture day (UTC), inclusive.', example: '2026-01-01' })
  readonly capturedFrom?: string;

  @Day({ description: 'Last capture day (UTC), inclusive.', example: '2026-03-31' })
  readonly capturedTo?: string;

  @Cursor()
  readonly cursor?: string;

  @QueryInteger(1, 500, { description: 'Leads per page, default 50.' })
  readonly limit?: number;
}
