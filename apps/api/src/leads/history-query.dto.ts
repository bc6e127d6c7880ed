import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy } from 'class-validator';
import { QueryInteger } from '../validation/query-fields';

const MAX_REVISION = 2n ** 63n - 1n;

/** A stream revision as answers write it, a decimal string, within the stores' 64-bit range. */
function IsRevision(): PropertyDecorator {
  return ValidateBy({
    name: 'isRevision',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_REVISION,
      defaultMessage: () => `$property must be a revision: a decimal string from 0 to ${MAX_REVISION}`,
    },
  });
}

export class HistoryQueryDto {
  // A decimal string like every revision, so the `nextFromRevision` of a page goes back as it came.
  @ApiPropertyOptional({
    description: `First revision to return: the \`nextFromRevision\` of the previous page; default 0, at most ${MAX_REVISION}.`,
    type: String,
    pattern: '^\\d{1,19}$',
    example: '100',
  })
  @IsOptional()
  @IsRevision()
  readonly fromRevision?: string;

  @QueryInteger(1, 1000, { description: 'Events per page; default 100, at most 1000.' })
  readonly limit?: number;
}
