import type {
  ClaimedNurtureItem,
  NurtureClaimAnswer,
  NurtureItem,
  NurtureListAnswer,
} from '@leadger/projections';
import { Email, Label, ListOf, Moment, Uuid } from '../../http/answer-fields';
import { RecycleOriginView } from '../../leads/lead-parts.dto';
import { ReadModelAnswer } from '../answer-parts';

// `GET /nurture` and `POST /nurture/claim` as the OpenAPI document describes them.

class NurtureItemView extends RecycleOriginView implements NurtureItem {
  @Uuid() readonly leadId: string;
  @Email({ nullable: true }) readonly email: string | null;
  @Label({ nullable: true }) readonly source: string | null;
  @Label({ nullable: true }) readonly campaign: string | null;
  @Label({ example: 'lost at evaluation' }) readonly originLabel: string;
  @Label({ nullable: true }) readonly note: string | null;
  @Moment() readonly recycledAt: string;
  @Moment() readonly revisitAt: string;
}

class ClaimedNurtureItemView extends NurtureItemView implements ClaimedNurtureItem {
  @Label({ example: 'nurture-bot-1' }) readonly claimedBy: string;
  @Moment({ description: 'Nobody else is given the item before then.' }) readonly claimedUntil: string;
}

export class NurtureListAnswerView extends ReadModelAnswer implements NurtureListAnswer {
  @ListOf(() => NurtureItemView, { description: 'Soonest revisit first.' })
  readonly items: readonly NurtureItemView[];
  @Label({ nullable: true, description: 'Pass as `cursor` for the next page; null on the last one.' })
  readonly nextCursor: string | null;
}

export class NurtureClaimAnswerView extends ReadModelAnswer implements NurtureClaimAnswer {
  @ListOf(() => ClaimedNurtureItemView, { description: 'The items claimed, soonest revisit first.' })
  readonly items: readonly ClaimedNurtureItemView[];
}
