import { opportunityStages, type OpportunityStage } from '@leadger/lead-domain';
import type { CountAndAmount, OpenFigures, PipelineAnswer, PipelineFigures } from '@leadger/projections';
import { Choice, Count, Label, ListOf, Money, Part, Ratio } from '../../http/answer-fields';
import { AsOfAnswer, SpreadView } from '../answer-parts';

// `GET /pipeline` as the OpenAPI document describes it, checked by the compiler against PipelineAnswer.

type Open = PipelineAnswer['open'];
type Closed = PipelineAnswer['closed'];

class ProbabilitiesView implements Record<OpportunityStage, number> {
  @Ratio() readonly prospecting: number;
  @Ratio() readonly evaluation: number;
  @Ratio() readonly commitment: number;
}

class OpenFiguresView implements OpenFigures {
  @Count() readonly count: number;
  @Money() readonly amount: number;
  @Money({ description: 'Σ amount × stage probability, to the cent.' }) readonly weightedAmount: number;
}

class OpenByStageView extends OpenFiguresView {
  @Choice(opportunityStages) readonly stage: OpportunityStage;
}

class OpenByOwnerView extends OpenFiguresView {
  @Label() readonly owner: string;
}

class OpenView implements Open {
  @Part(() => OpenFiguresView) readonly total: OpenFiguresView;
  @ListOf(() => OpenByStageView, { description: 'Every stage, in pipeline order.' })
  readonly byStage: readonly OpenByStageView[];
  @ListOf(() => OpenByOwnerView, { description: 'Owners with an open deal, by name.' })
  readonly byOwner: readonly OpenByOwnerView[];
}

class CountAndAmountView implements CountAndAmount {
  @Count() readonly count: number;
  @Money() readonly amount: number;
}

class LostByReasonView extends CountAndAmountView {
  @Label({ description: 'A lost reason (`unknown` when none was recorded).' }) readonly reason: string;
}

class LostByStageView extends CountAndAmountView {
  @Choice(opportunityStages, { description: 'The stage the deals were lost from.' }) readonly stage: string;
}

class ClosedView implements Closed {
  @Part(() => CountAndAmountView, { description: 'Deals won, each once.' }) readonly won: CountAndAmountView;
  @Part(() => CountAndAmountView, { description: 'Deals lost now, each once (a deal lost twice is one).' })
  readonly lost: CountAndAmountView;
  @Part(() => CountAndAmountView, {
    description:
      'Deals lost and then reopened, by the day of their latest reopen: no longer counted as lost.',
  })
  readonly reopened: CountAndAmountView;
  @Ratio({ nullable: true, description: 'won / (won + lost) by count; null when nothing closed.' })
  readonly winRate: number | null;
  @ListOf(() => LostByReasonView) readonly lostByReason: readonly LostByReasonView[];
  @ListOf(() => LostByStageView) readonly lostByStage: readonly LostByStageView[];
  @Part(() => SpreadView, { description: 'From the opening (qualification, or OpenOpportunity) to close.' })
  readonly salesCycle: SpreadView;
}

/** The figures of one segment: the same shape as the totals, for some of the opportunities. */
class PipelineFiguresView implements PipelineFigures {
  @Part(() => OpenView) readonly open: OpenView;
  @Part(() => ClosedView) readonly closed: ClosedView;
}

export class PipelineAnswerView extends AsOfAnswer implements PipelineAnswer {
  @Part(() => ProbabilitiesView, {
    description: 'The win probability of each stage: the rules in force (`winProbabilities`, GET /policies).',
  })
  readonly probabilities: ProbabilitiesView;
  @Part(() => OpenView, { description: 'Open deals, whatever the close-date range.' })
  readonly open: OpenView;
  @Part(() => ClosedView, {
    description: 'Each deal once, by its current outcome, in the close-date range (won, lost, reopened).',
  })
  readonly closed: ClosedView;
  @Part(() => PipelineFiguresView, {
    description: "New business only: each lead's deals opened by qualification (QualifyLead).",
  })
  readonly newBusiness: PipelineFiguresView;
  @Part(() => PipelineFiguresView, {
    description:
      'Expansion only: upsell, cross-sell and renewal opportunities opened on customers. With newBusiness, it adds up to open and closed.',
  })
  readonly expansion: PipelineFiguresView;
}
