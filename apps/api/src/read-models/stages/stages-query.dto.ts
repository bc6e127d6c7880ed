import { AsOfQueryDto } from '../as-of';
import { OneOf } from '../../validation/fields';
import { Day, QueryText } from '../../validation/query-fields';

/** The period both stage answers take: entries that began in it, spells that ended in it. */
export class PeriodQueryDto extends AsOfQueryDto {
  @Day({
    description: 'First day (UTC) of the period, inclusive. Default: the earliest.',
    example: '2026-01-01',
  })
  readonly from?: string;

  @Day({
    description: 'Last day (UTC) of the period, inclusive. Default: the latest.',
    example: '2026-03-31',
  })
  readonly to?: string;
}

const origin = () =>
  OneOf(['marketing', 'sales'], {
    optional: true,
    description:
      'Only leads marketing found, or those sales found; visitors not yet identified count as marketing’s. Default: both.',
  });

/** `GET /funnel/parts`: the period, and whose leads. */
export class FunnelPartsQueryDto extends PeriodQueryDto {
  @origin() readonly origin?: 'marketing' | 'sales';
}

export class StageTimesQueryDto extends PeriodQueryDto {
  @origin() readonly origin?: 'marketing' | 'sales';

  @QueryText({ description: 'Only leads captured from this source.', example: 'webinar' })
  readonly source?: string;

  @QueryText({ description: 'Only the stays that were this owner’s.', example: 'bob' })
  readonly owner?: string;

  @OneOf(['source', 'owner'], {
    optional: true,
    description: 'Split the figures by the leads’ source or the stays’ owner. Default: totals only.',
  })
  readonly groupBy?: 'source' | 'owner';
}
