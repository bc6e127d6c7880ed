import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { QueryInteger } from '../validation/query-fields';

export class HistoryQueryDto {
  @ApiPropertyOptional({ description: 'First revision to return; default 0.', minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  readonly fromRevision?: number;

  @QueryInteger(1, 1000, { description: 'Events per page; default 100, at most 1000.' })
  readonly limit?: number;
}
