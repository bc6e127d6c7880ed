import { rate, spread, type Spread } from '../figures';
import {
  intervals,
  outcomes,
  reachStages,
  type FunnelCount,
  type FunnelInterval,
  type SuspectCount,
} from './funnel-keys';

/** The top of the funnel: anonymous visitors by their first touch, and those a capture identified. */
export interface SuspectFigures {
  /** Anonymous visitors, each once, in the period and group of their first touch. */
  readonly visitors: number;
  /** Of them, those a capture identified as a lead (stitched). */
  readonly becameLeads: number;
  /** becameLeads / visitors. */
  readonly visitorToLead: number | null;
  /** From a visitor's first touch to the capture that identified it. */
  readonly firstTouchToLead: Spread;
}

export interface FunnelFigures {
  /** Leads that ever reached each stage (each lead once per stage). */
  readonly reached: Readonly<Record<(typeof reachStages)[number], number>>;
  /** Leads ever rejected at a handoff, lost, disqualified, recycled to nurture, re-engaged. */
  readonly outcomes: Readonly<Record<(typeof outcomes)[number], number>>;
  /** Stage-to-stage conversion: share of the leads that reached one stage that also reached the next. */
  readonly conversion: Readonly<{
    leadToMql: number | null;
    mqlToSal: number | null;
    salToSql: number | null;
    sqlToWon: number | null;
    leadToWon: number | null;
  }>;
  /** Per interval: how many leads have one, mean and exact median in ms. */
  readonly times: Readonly<Record<FunnelInterval, Spread>>;
  readonly suspects: SuspectFigures;
}

/** Counts and per-lead times of a set of cohort rows, added up before the figures are worked out. */
export class FunnelTally {
  private readonly counts = new Map<FunnelCount, number>();
  private readonly times = new Map<FunnelInterval, number[]>();
  private readonly suspectCounts = new Map<SuspectCount, number>();
  private readonly suspectTimes: number[] = [];

  suspect(what: SuspectCount, n: number): void {
    this.suspectCounts.set(what, (this.suspectCounts.get(what) ?? 0) + n);
  }

  suspectTime(ms: number): void {
    this.suspectTimes.push(ms);
  }

  count(what: FunnelCount, n: number): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + n);
  }

  time(interval: FunnelInterval, ms: number): void {
    const list = this.times.get(interval);
    if (list) list.push(ms);
    else this.times.set(interval, [ms]);
  }

  figures(): FunnelFigures {
    const n = (what: FunnelCount) => this.counts.get(what) ?? 0;
    const reached = Object.fromEntries(reachStages.map((s) => [s, n(s)])) as FunnelFigures['reached'];
    return {
      reached,
      outcomes: Object.fromEntries(outcomes.map((o) => [o, n(o)])) as FunnelFigures['outcomes'],
      conversion: {
        leadToMql: rate(reached.mql, reached.lead),
        mqlToSal: rate(reached.sal, reached.mql),
        salToSql: rate(reached.sql, reached.sal),
        sqlToWon: rate(reached.won, reached.sql),
        leadToWon: rate(reached.won, reached.lead),
      },
      times: Object.fromEntries(
        intervals.map((i) => [i, spread(this.times.get(i) ?? [])]),
      ) as FunnelFigures['times'],
      suspects: this.suspectFigures(),
    };
  }

  private suspectFigures(): SuspectFigures {
    const visitors = this.suspectCounts.get('visitors') ?? 0;
    const becameLeads = this.suspectCounts.get('becameLeads') ?? 0;
    return {
      visitors,
      becameLeads,
      visitorToLead: rate(becameLeads, visitors),
      firstTouchToLead: spread(this.suspectTimes),
    };
  }
}
