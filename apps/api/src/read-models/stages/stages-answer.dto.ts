import { funnelPartStages } from '@leadger/lead-domain';
import {
  journeyStages,
  type FunnelPartsAnswer,
  type JourneyStage,
  type PartFigures,
  type StageFigures,
  type StageTimesAnswer,
  type StageTimesGroup,
} from '@leadger/projections';
import { Choice, Choices, Count, Label, ListOf, Part, Ratio } from '../../http/answer-fields';
import { AsOfAnswer, SpreadView } from '../answer-parts';

// `GET /funnel/stages` and `GET /funnel/parts` as the OpenAPI document describes them.

class StageFiguresView implements StageFigures {
  @Choice(journeyStages) readonly stage: JourneyStage;
  @Count({ description: 'Leads in the stage now (at asOf, when given).' }) readonly now: number;
  @Count({ description: 'Entries into the stage in the period.' }) readonly entered: number;
  @Part(() => SpreadView, { description: 'How long the stays that ended in the period lasted.' })
  readonly time: SpreadView;
}

class StageTimesGroupView implements StageTimesGroup {
  @Label({ nullable: true, description: 'The source, or the owner (null: none yet).' }) readonly key:
    string | null;
  @ListOf(() => StageFiguresView) readonly stages: readonly StageFiguresView[];
}

export class StageTimesAnswerView extends AsOfAnswer implements StageTimesAnswer {
  @ListOf(() => StageFiguresView, { description: 'Every stage, the opportunity stages in place of sql.' })
  readonly stages: readonly StageFiguresView[];
  @ListOf(() => StageTimesGroupView, { optional: true, description: 'With `groupBy`: one per key, by key.' })
  readonly groups?: readonly StageTimesGroupView[];
}

class PartFiguresView implements PartFigures {
  @Label({ example: 'MoFu' }) readonly name: string;
  @Label({ example: 'marketing and sales development', description: 'The team that owns the part.' })
  readonly team: string;
  @Choices(funnelPartStages, { example: ['mql', 'sal'], description: '`sql`: every opportunity stage.' })
  readonly stages: PartFigures['stages'];
  @Count({ description: 'Leads in the part now (at asOf, when given).' }) readonly now: number;
  @Count({ description: 'Entries into the part from outside it in the period.' }) readonly entered: number;
  @Count({ description: 'Of those entries, how many went on to a later part.' }) readonly movedOn: number;
  @Ratio({ nullable: true, description: 'movedOn / entered; null with no entry, and for the last part.' })
  readonly conversionToNext: number | null;
  @Part(() => SpreadView, { description: 'How long the spells in the part that ended in the period lasted.' })
  readonly time: SpreadView;
}

export class FunnelPartsAnswerView extends AsOfAnswer implements FunnelPartsAnswer {
  @ListOf(() => PartFiguresView, { description: 'In funnel order, as the rules file maps them.' })
  readonly parts: readonly PartFiguresView[];
}
