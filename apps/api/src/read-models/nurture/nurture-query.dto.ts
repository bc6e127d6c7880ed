import { AfterQueryDto } from '../read-your-writes';
import { Cursor, QueryFlag, QueryInteger } from '../../validation/query-fields';

export class NurtureQueryDto extends AfterQueryDto {
  @QueryFlag({ description: 'Only items whose revisit date has come. Default false: every lead in nurture.' })
  readonly due?: boolean;

  @Cursor()
  readonly cursor?: string;

  @QueryInteger(1, 500, { description: 'Items per page, default 50.' })
  readonly limit?: number;
}
