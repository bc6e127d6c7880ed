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

  @OneOf(['source', 'campaign', 'cohort'], {
    optional: true,
    description: 'Split the figures by source, campaign or capture cohort. Default: totals only.',
  })
  readonly groupBy?: 'source' | 'campaign' | 'cohort';

  @OneOf(['day', 'month'], {
    optional: true,
    description: 'Cohort length for groupBy=cohort. Default month.',
  })
  readonly cohort?: 'day' | 'month';
}
