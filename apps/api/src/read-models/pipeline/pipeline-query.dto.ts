import { AsOfQueryDto } from '../as-of';
import { OneOf } from '../../validation/fields';
import { Day, QueryText } from '../../validation/query-fields';

export class PipelineQueryDto extends AsOfQueryDto {
  @QueryText({ description: "Only this owner's deals. Default: every owner.", example: 'ana@sales' })
  readonly owner?: string;

  @OneOf(['marketing', 'sales'], {
    optional: true,
    description:
      'Only the deals of leads marketing found, or of those sales found ("sales first in"). Default: both.',
  })
  readonly origin?: 'marketing' | 'sales';

  @Day({ description: 'First close day (UTC) of won/lost deals, inclusive.', example: '2026-01-01' })
  readonly closedFrom?: string;

  @Day({ description: 'Last close day (UTC) of won/lost deals, inclusive.', example: '2026-03-31' })
  readonly closedTo?: string;
}
