import {
  decisions,
  type HandoffDecision,
  type HandoffRow,
  type HandoffsAnswer,
  type HandoffsSummaryAnswer,
  type OwnerSummary,
  type ReasonCount,
  type SourceSummary,
} from '@leadger/projections';
import {
  Choice,
  Count,
  Flag,
  Label,
  ListOf,
  Millis,
  Moment,
  Position,
  Ratio,
  Uuid,
} from '../../http/answer-fields';
import { ReadModelAnswer } from '../answer-parts';

// `GET /handoffs` and `GET /handoffs/summary` as the OpenAPI document describes them.

class HandoffRowView implements HandoffRow {
  @Position({ description: 'The log position of the handoff or reassignment that opened the entry.' })
  readonly id: string;
  @Uuid() readonly leadId: string;
  @Label({ nullable: true }) readonly source: string | null;
  @Choice(['handoff', 'reassignment']) readonly kind: 'handoff' | 'reassignment';
  @Label({ nullable: true, description: 'The previous owner; null for a first handoff.' }) readonly from:
    string | null;
  @Label() readonly to: string;
  @Moment() readonly at: string;
  @Moment({ nullable: true, description: 'Null for an owner reassignment: no SLA runs.' })
  readonly slaDueAt: string | null;
  @Choice(decisions) readonly decision: HandoffDecision;
  @Moment({ nullable: true }) readonly decidedAt: string | null;
  @Label({ nullable: true, description: 'The rejection reason.' }) readonly reason: string | null;
  @Millis({ nullable: true }) readonly timeToDecisionMs: number | null;
  @Flag({ description: 'Closed after its SLA was due.' }) readonly breachedAtClose: boolean;
  @Flag({ description: 'Closed after its SLA was due, or still pending past it now.' })
  readonly breached: boolean;
}

export class HandoffsAnswerView extends ReadModelAnswer implements HandoffsAnswer {
  @ListOf(() => HandoffRowView, { description: 'Newest first.' }) readonly items: readonly HandoffRowView[];
  @Label({
    nullable: true,
    description: 'Pass as `cursor` for the next page; null at the end (a filtered page may come back short).',
  })
  readonly nextCursor: string | null;
}

class OwnerSummaryView implements OwnerSummary {
  @Label() readonly owner: string;
  @Count({ description: 'Entries handed or reassigned to this owner.' }) readonly entries: number;
  @Count() readonly pending: number;
  @Count() readonly accepted: number;
  @Count() readonly rejected: number;
  @Count({ description: 'Pending entries moved on to someone else.' }) readonly reassigned: number;
  @Millis({ nullable: true, description: 'Null before any decision.' }) readonly medianTimeToDecisionMs:
    number | null;
  @Count({ description: 'Entries closed after their SLA was due, plus pending ones past it now.' })
  readonly breaches: number;
}

class ReasonCountView implements ReasonCount {
  @Label() readonly reason: string;
  @Count() readonly count: number;
}

class SourceSummaryView implements SourceSummary {
  @Label() readonly source: string;
  @Count() readonly accepted: number;
  @Count() readonly rejected: number;
  @Ratio({ nullable: true, description: 'rejected / (accepted + rejected); null before any decision.' })
  readonly rejectionRate: number | null;
  @ListOf(() => ReasonCountView, { description: 'Why sales rejected its leads, most frequent first.' })
  readonly rejectionReasons: readonly ReasonCountView[];
}

export class HandoffsSummaryAnswerView extends ReadModelAnswer implements HandoffsSummaryAnswer {
  @ListOf(() => OwnerSummaryView, { description: 'By owner name.' })
  readonly owners: readonly OwnerSummaryView[];
  @ListOf(() => SourceSummaryView, { description: 'By source name.' })
  readonly sources: readonly SourceSummaryView[];
}
