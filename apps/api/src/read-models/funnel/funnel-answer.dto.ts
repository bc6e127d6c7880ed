import type { FunnelAnswer, FunnelFigures, FunnelGroup } from '@leadger/projections';
import { Count, Label, ListOf, Part, Ratio } from '../../http/answer-fields';
import { AsOfAnswer, SpreadView } from '../answer-parts';

// `GET /funnel` as the OpenAPI document describes it, checked by the compiler against FunnelAnswer.

type Figures<K extends keyof FunnelFigures> = FunnelFigures[K];
type Reached = Figures<'reached'>;
type Outcomes = Figures<'outcomes'>;
type Conversion = Figures<'conversion'>;
type Times = Figures<'times'>;

class ReachedView implements Reached {
  @Count() readonly lead: number;
  @Count() readonly mql: number;
  @Count() readonly sal: number;
  @Count() readonly sql: number;
  @Count() readonly won: number;
}

class OutcomesView implements Outcomes {
  @Count({ description: 'Rejected at a handoff.' }) readonly rejected: number;
  @Count() readonly lost: number;
  @Count() readonly disqualified: number;
  @Count({ description: 'Recycled to nurture.' }) readonly recycled: number;
  @Count() readonly reengaged: number;
}

const conversion = () => Ratio({ nullable: true, description: 'Null when no lead reached the first stage.' });

class ConversionView implements Conversion {
  @conversion() readonly leadToMql: number | null;
  @conversion() readonly mqlToSal: number | null;
  @conversion() readonly salToSql: number | null;
  @conversion() readonly sqlToWon: number | null;
  @conversion() readonly leadToWon: number | null;
}

class TimesView implements Times {
  @Part(() => SpreadView) readonly leadToMql: SpreadView;
  @Part(() => SpreadView) readonly handoffToDecision: SpreadView;
  @Part(() => SpreadView) readonly salToSql: SpreadView;
  @Part(() => SpreadView) readonly sqlToWon: SpreadView;
}

class SuspectFiguresView implements Figures<'suspects'> {
  @Count({ description: 'Anonymous visitors, each once, by their first touch.' }) readonly visitors: number;
  @Count({ description: 'Of them, those a capture identified as a lead.' }) readonly becameLeads: number;
  @Ratio({ nullable: true, description: 'becameLeads / visitors; null with no visitor.' })
  readonly visitorToLead: number | null;
  @Part(() => SpreadView, { description: "From a visitor's first touch to the capture that identified it." })
  readonly firstTouchToLead: SpreadView;
}

class FunnelFiguresView implements FunnelFigures {
  @Part(() => ReachedView, { description: 'Leads that ever reached each stage, each lead once.' })
  readonly reached: ReachedView;
  @Part(() => OutcomesView, { description: 'Leads that ever had each outcome, each lead once.' })
  readonly outcomes: OutcomesView;
  @Part(() => ConversionView, {
    description: 'Share of the leads that reached one stage that also reached the next.',
  })
  readonly conversion: ConversionView;
  @Part(() => TimesView, { description: "Time between stages, from each lead's first entry." })
  readonly times: TimesView;
  @Part(() => SuspectFiguresView, {
    description:
      'The top of the funnel: anonymous visitors by first touch (its day, source and campaign), marketing’s.',
  })
  readonly suspects: SuspectFiguresView;
}

class FunnelGroupView implements FunnelGroup {
  @Label({
    nullable: true,
    description: 'The source, campaign (null: none), cohort (YYYY-MM-DD or YYYY-MM) or origin.',
  })
  readonly key: string | null;
  @Part(() => FunnelFiguresView) readonly figures: FunnelFiguresView;
}

export class FunnelAnswerView extends AsOfAnswer implements FunnelAnswer {
  @Part(() => FunnelFiguresView) readonly total: FunnelFiguresView;
  @ListOf(() => FunnelGroupView, { optional: true, description: 'With `groupBy`: one per key, by key.' })
  readonly groups?: readonly FunnelGroupView[];
}
