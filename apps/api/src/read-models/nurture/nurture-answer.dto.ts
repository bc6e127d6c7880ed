import type { PersonalDataView } from '@leadger/lead-application';
import type { ClaimedNurtureItem, NurtureItem } from '@leadger/projections';
import { Choice, Email, Label, ListOf, Moment, Uuid } from '../../http/answer-fields';
import { RecycleOriginView } from '../../leads/lead-parts.dto';
import { ReadModelAnswer } from '../answer-parts';
import type { OpenedNurtureClaim } from './claim-nurture';
import type { OpenedNurtureList } from './list-nurture';
import type { OpenedNurtureItem } from './opened-nurture';

// `GET /nurture` and `POST /nurture/claim` as the OpenAPI document describes them.

class NurtureItemView extends RecycleOriginView implements OpenedNurtureItem<NurtureItem> {
  @Uuid() readonly leadId: string;
  @Email({ nullable: true, description: 'Null when erased or masked.' }) readonly email: string | null;
  @Label({ nullable: true }) readonly source: string | null;
  @Label({ nullable: true }) readonly campaign: string | null;
  @Label({ example: 'lost at evaluation' }) readonly originLabel: string;
  @Label({ nullable: true, description: 'The note of the recycle; null when none, erased or masked.' })
  readonly note: string | null;
  @Moment() readonly recycledAt: string;
  @Moment() readonly revisitAt: string;
  @Choice(['shown', 'masked', 'erased'], { description: 'Whether email and note are shown, masked or gone.' })
  readonly personalData: PersonalDataView;
}

class ClaimedNurtureItemView extends NurtureItemView implements OpenedNurtureItem<ClaimedNurtureItem> {
  @Label({ example: 'nurture-bot-1' }) readonly claimedBy: string;
  @Moment({ description: 'Nobody else is given the item before then.' }) readonly claimedUntil: string;
}

export class NurtureListAnswerView extends ReadModelAnswer implements OpenedNurtureList {
  @ListOf(() => NurtureItemView, { description: 'Soonest revisit first.' })
  readonly items: readonly NurtureItemView[];
  @Label({ nullable: true, description: 'Pass as `cursor` for the next page; null on the last one.' })
  readonly nextCursor: string | null;
}

export class NurtureClaimAnswerView extends ReadModelAnswer implements OpenedNurtureClaim {
  @ListOf(() => ClaimedNurtureItemView, { description: 'The items claimed, soonest revisit first.' })
  readonly items: readonly ClaimedNurtureItemView[];
}
