import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { QueryFlag, QueryInteger } from '../validation/query-fields';

export class DeliveriesQueryDto {
  @QueryFlag({ description: 'Only the dead letters: deliveries that failed for the whole retry period.' })
  readonly dead?: boolean;

  @QueryInteger(1, 500, { description: 'Deliveries per page, newest first; default 50.' })
  readonly limit?: number;

  @ApiPropertyOptional({
    description: 'The `next` of the previous page: older deliveries than it.',
    type: String,
  })
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: '$property must be the `next` of a previous page' })
  readonly before?: string;
}
