import type { Attribution, CampaignInfluence, CampaignInfluenceAnswer, Credit } from '@leadger/projections';
import { Count, Label, ListOf, Money, Part } from '../../http/answer-fields';
import { AsOfAnswer } from '../answer-parts';

// `GET /funnel/campaigns` as the OpenAPI document describes it.

class CreditView implements Credit {
  @Count() readonly deals: number;
  @Money() readonly amount: number;
}

class AttributionView implements Attribution {
  @Part(() => CreditView, { description: 'The campaign was the lead’s first touch.' })
  readonly firstTouch: CreditView;
  @Part(() => CreditView, { description: 'The campaign was the lead’s last touch before the deal closed.' })
  readonly lastTouch: CreditView;
  @Part(() => CreditView, { description: 'The lead touched the campaign at all before the deal closed.' })
  readonly anyTouch: CreditView;
}

class CampaignInfluenceView implements CampaignInfluence {
  @Label({ example: 'spring-launch' }) readonly campaign: string;
  @Count({ description: 'Leads that engaged with the campaign.' }) readonly leads: number;
  @Part(() => AttributionView, { description: 'Deals open now.' }) readonly open: AttributionView;
  @Part(() => AttributionView, { description: 'Deals won in the period.' }) readonly won: AttributionView;
}

export class CampaignInfluenceAnswerView extends AsOfAnswer implements CampaignInfluenceAnswer {
  @ListOf(() => CampaignInfluenceView, { description: 'By campaign name.' })
  readonly campaigns: readonly CampaignInfluenceView[];
}
