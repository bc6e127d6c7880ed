import { leadOrigins, type LeadOrigin } from '@leadger/lead-domain';
import type { ReadStore } from '@leadger/read-store';
import { spread, type Spread } from '../figures';
import { readPosition } from '../queries/position';
import { byText, oneOf } from '../queries/query-input';
import { journeyStages, STAGES, type JourneyStage, type StagesMemo } from './stages-keys';
import { period, type Period } from '../queries/period';
import { anonymousVisitors, timelines } from './timelines';

export interface StageTimesQuery {
  /** First UTC day of the period, inclusive. Default: the earliest. */
  readonly from?: string;
  /** Last UTC day of the period, inclusive. Default: the latest. */
  readonly to?: string;
  /** Only leads captured from this source. */
  readonly source?: string;
  /** Only leads marketing found, or those sales found (visitors not yet identified are marketing's). */
  readonly origin?: LeadOrigin;
  /** Only stays that were this owner's. */
  readonly owner?: string;
  /** Split by the leads' source or the stays' owner. Default: totals only. */
  readonly groupBy?: 'source' | 'owner';
}

export interface StageFigures {
  readonly stage: JourneyStage;
  /** Leads in the stage now (at the moment replayed to, with `asOf`). */
  readonly now: number;
  /** Entries into the stage in the period. */
  readonly entered: number;
  /** How long the stays that ended in the period lasted. */
  readonly time: Spread;
}

export interface StageTimesGroup {
  /** The source, or the owner (null: no owner yet). */
  readonly key: string | null;
  readonly stages: readonly StageFigures[];
}

export interface StageTimesAnswer {
  readonly position: string | null;
  readonly stages: readonly StageFigures[];
  /** Present when `groupBy` was given, sorted by key. */
  readonly groups?: readonly StageTimesGroup[];
}

/** Time in every stage, opportunity stages included: leads there now, entries and time spent (median, p90). */
export async function stageTimes(store: ReadStore, query: StageTimesQuery = {}): Promise<StageTimesAnswer> {
  oneOf('groupBy', query.groupBy, ['source', 'owner']);
  oneOf('origin', query.origin, leadOrigins);
  const within = period(query);
  const position = await readPosition(store, [STAGES]);
  const total = new StageTally();
  const groups = new Map<string | null, StageTally>();
  /** What a row adds to: the total, and its group's tally when grouping. */
  const tallies = (source: string | null, owner: string | null): StageTally[] => {
    if (!query.groupBy) return [total];
    const key = query.groupBy === 'source' ? source : owner;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = new StageTally()));
    return [total, group];
  };
  for (const lead of await timelines(store)) {
    if (query.source !== undefined && lead.source !== query.source) continue;
    if (query.origin !== undefined && (lead.origin ?? 'marketing') !== query.origin) continue;
    for (const stay of lead.stays) {
      const owner = stay[3];
      if (query.owner !== undefined && owner !== query.owner) continue;
      for (const tally of tallies(lead.source, owner)) tally.add(stay, within);
    }
  }
  // Visitors still anonymous are suspects now, entered at their first touch; they have no owner.
  if (query.owner === undefined && query.origin !== 'sales') {
    for (const { firstTouchMs, source, count } of await anonymousVisitors(store)) {
      if (query.source !== undefined && source !== query.source) continue;
      for (const tally of tallies(source, null)) tally.addAnonymous(firstTouchMs, count, within);
    }
  }
  if (!query.groupBy) return { position, stages: total.figures() };
  const keys = [...groups.keys()].sort((a, b) => (a === null ? -1 : b === null ? 1 : byText(a, b)));
  return {
    position,
    stages: total.figures(),
    groups: keys.map((key) => ({ key, stages: groups.get(key)!.figures() })),
  };
}

class StageTally {
  private readonly now = new Map<JourneyStage, number>();
  private readonly entered = new Map<JourneyStage, number>();
  private readonly times = new Map<JourneyStage, number[]>();

  add([stage, enteredMs, leftMs]: StagesMemo['stays'][number], within: Period): void {
    if (leftMs === null) this.now.set(stage, (this.now.get(stage) ?? 0) + 1);
    if (within(enteredMs)) this.entered.set(stage, (this.entered.get(stage) ?? 0) + 1);
    if (leftMs !== null && within(leftMs)) {
      const list = this.times.get(stage);
      if (list) list.push(leftMs - enteredMs);
      else this.times.set(stage, [leftMs - enteredMs]);
    }
  }

  addAnonymous(firstTouchMs: number, count: number, within: Period): void {
    this.now.set('suspect', (this.now.get('suspect') ?? 0) + count);
    if (within(firstTouchMs)) this.entered.set('suspect', (this.entered.get('suspect') ?? 0) + count);
  }

  figures(): StageFigures[] {
    return journeyStages.map((stage) => ({
      stage,
      now: this.now.get(stage) ?? 0,
      entered: this.entered.get(stage) ?? 0,
      time: spread(this.times.get(stage) ?? []),
    }));
  }
}
