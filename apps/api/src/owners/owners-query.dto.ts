import { Cursor, QueryInteger } from '../validation/query-fields';

export class OwnersQueryDto {
  @Cursor()
  readonly cursor?: string;

  @QueryInteger(1, 500, { description: 'Owners per page, default 50.' })
  readonly limit?: number;
}
