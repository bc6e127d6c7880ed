import { opportunityStages, stages, type OpportunityStage, type Stage } from '@leadger/lead-domain';
import type { LeadIndexAnswer, LeadIndexItem } from '@leadger/projections';
import { Choice, Flag, Integer, Label, ListOf, Moment, Revision, Uuid } from '../../http/answer-fields';
import { ReadModelAnswer } from '../answer-parts';

// `GET /leads` as the OpenAPI document describes it. It holds no personal field: `GET /leads/{id}` shows
// those to whoever may see them.

class LeadIndexItemView implements LeadIndexItem {
  @Uuid() readonly leadId: string;
  @Choice(stages) readonly stage: Stage;
  @Choice(opportunityStages, {
    nullable: true,
    description: 'The open opportunity’s stage; null unless sql.',
  })
  readonly opportunityStage: OpportunityStage | null;
  @Label({
    nullable: true,
    description: 'Handed or owned to: a pending handoff’s new owner, else the owner.',
  })
  readonly owner: string | null;
  @Label() readonly source: string;
  @Label({ nullable: true }) readonly campaign: string | null;
  @Moment() readonly capturedAt: string;
  @Moment() readonly lastEventAt: string;
  @Integer() readonly score: number;
  @Flag({ description: 'Erased: it still counts, but its email no longer finds it.' })
  readonly erased: boolean;
  @Revision({ description: 'The lead’s revision this entry reflects; send it as If-Match.' })
  readonly revision: string;
}

export class FindLeadsAnswerView extends ReadModelAnswer implements LeadIndexAnswer {
  @ListOf(() => LeadIndexItemView, { description: 'Newest capture first, then by lead id, descending.' })
  readonly items: readonly LeadIndexItemView[];
  @Label({ nullable: true, description: 'Pass as `cursor` for the next page; null on the last one.' })
  readonly nextCursor: string | null;
}
