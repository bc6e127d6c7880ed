import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  CAMPAIGNS,
  campaignInfluence,
  campaignsProjection,
  type CampaignInfluenceAnswer,
} from '@leadger/projections';
import { AsOfReplay } from '../as-of';
import { ReadModels } from '../read-models';
import type { PeriodQueryDto } from '../stages/stages-query.dto';

export class GetCampaignInfluence extends Query<CampaignInfluenceAnswer> {
  constructor(readonly query: PeriodQueryDto) {
    super();
  }
}

@QueryHandler(GetCampaignInfluence)
export class GetCampaignInfluenceHandler implements IQueryHandler<
  GetCampaignInfluence,
  CampaignInfluenceAnswer
> {
  constructor(
    private readonly readModels: ReadModels,
    private readonly replay: AsOfReplay,
  ) {}

  execute({ query: { after, asOf, by, ...period } }: GetCampaignInfluence): Promise<CampaignInfluenceAnswer> {
    if (asOf !== undefined)
      return this.replay.read(campaignsProjection, { asOf, by }, (store) => campaignInfluence(store, period));
    return this.readModels.read([CAMPAIGNS], after, (store) => campaignInfluence(store, period));
  }
}
