import { AsOfQueryDto } from '../as-of';
import { OneOf } from '../../validation/fields';
import { Day, QueryText } from '../../validation/query-fields';

export class FunnelQueryDto extends AsOfQueryDto {
  @Day({ description: 'First capture day (UTC), inclusive. Default: the earliest.', example: '2026-01-01' })
  readonly capturedFrom?: string;

  @Day({ description: 'Last capture day (UTC), inclusive. Default: the latest.', example: '2026-03-31' })
  readonly capturedTo?: string;

  @QueryText({ description: 'Only leads captured from this source.', example: 'webinar' })
  readonly source?: string;

  @QueryText({ description: 'Only leads captured for this campaign.', example: 'spring-launch' })
  readonly campaign?: string;

  @OneOf(['marketing', 'sales'], {
    optional: true,
    description:
      'Only leads marketing found, or those sales found ("sales first in"), so neither is credited with the other’s. Default: both.',
  })
  readonly origin?: 'marketing' | 'sales';

  @OneOf(['source', 'campaign', 'cohort', 'origin'], {
    optional: true,
    description:
      'Split the figures by source, campaign, capture cohort or origin. Default: totals only. Suspects go by their first touch.',
  })
  readonly groupBy?: 'source' | 'campaign' | 'cohort' | 'origin';

  @OneOf(['day', 'month'], {
    optional: true,
    description: 'Cohort length for groupBy=cohort. Default month.',
  })
  readonly cohort?: 'day' | 'month';
}
