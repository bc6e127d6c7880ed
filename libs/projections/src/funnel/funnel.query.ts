import type { ReadStore } from '@leadger/read-store';
import { dayNumber } from '../figures';
import { readPosition } from '../queries/position';
import { byText, day, oneOf, QueryInputError } from '../queries/query-input';
import { FunnelTally, type FunnelFigures } from './funnel-figures';
import {
  FUNNEL,
  funnelKeys,
  type FunnelCount,
  type FunnelInterval,
  type Origin,
  type SuspectCount,
} from './funnel-keys';

export interface FunnelQuery {
  /** First capture day (UTC, `YYYY-MM-DD`), inclusive. Default: the earliest. */
  readonly capturedFrom?: string;
  /** Last capture day, inclusive. Default: the latest. */
  readonly capturedTo?: string;
  /** Only leads captured from this source. Default: all. */
  readonly source?: string;
  /** Only leads captured for this campaign. Default: all. */
  readonly campaign?: string;
  /**
   * Only leads found by marketing, or by sales ("sales first in"). Default: both. Suspects (anonymous
   * visitors) are marketing's.
   */
  readonly origin?: Origin;
  /**
   * Split the figures by source, campaign, capture cohort or origin. Default: totals only. Suspects are
   * split by their first touch: its source, campaign and day.
   */
  readonly groupBy?: 'source' | 'campaign' | 'cohort' | 'origin';
  /** Cohort length when grouping by cohort. Default `month`. */
  readonly cohort?: 'day' | 'month';
}

export interface FunnelGroup {
  /** The source, campaign (null: none), cohort (`YYYY-MM-DD` or `YYYY-MM`), or origin. */
  readonly key: string | null;
  readonly figures: FunnelFigures;
}

export interface FunnelAnswer {
  /** The checkpoint the answer reflects at least. */
  readonly position: string | null;
  readonly total: FunnelFigures;
  /** Present when `groupBy` was given, sorted by key. */
  readonly groups?: readonly FunnelGroup[];
}

/**
 * The marketing funnel over the cohorts in range. Counts and per-lead times are stored per cohort day,
 * source and campaign, and added up here, so every filter and grouping gets exact counts and medians.
 */
export async function funnel(store: ReadStore, query: FunnelQuery = {}): Promise<FunnelAnswer> {
  oneOf('groupBy', query.groupBy, ['source', 'campaign', 'cohort', 'origin']);
  oneOf('origin', query.origin, ['marketing', 'sales']);
  oneOf('cohort', query.cohort, ['day', 'month']);
  const from = day('capturedFrom', query.capturedFrom);
  const to = day('capturedTo', query.capturedTo);
  if (from && to && from > to) throw new QueryInputError('capturedTo', 'must not be before capturedFrom');
  const position = await readPosition(store, [FUNNEL]);
  const days = await store.zpage(funnelKeys.days, {
    min: from ? dayNumber(from) : undefined,
    max: to ? dayNumber(to) : undefined,
  });
  const cohortDays = days.map((d) => d.member);
  const [counts, times, suspects, suspectTimes] = await Promise.all([
    store.hgetall(cohortDays.map(funnelKeys.counts)),
    store.hgetall(cohortDays.map(funnelKeys.times)),
    store.hgetall(cohortDays.map(funnelKeys.suspects)),
    store.hgetall(cohortDays.map(funnelKeys.suspectTimes)),
  ]);

  const total = new FunnelTally();
  const groups = new Map<string | null, FunnelTally>();
  const keep = (source: string | null, campaign: string | null, origin: Origin) =>
    (query.source === undefined || source === query.source) &&
    (query.campaign === undefined || campaign === query.campaign) &&
    (query.origin === undefined || origin === query.origin);
  const tallies = (
    cohortDay: string,
    source: string | null,
    campaign: string | null,
    origin: Origin,
  ): FunnelTally[] => {
    if (!query.groupBy) return [total];
    const key = groupKey(query, cohortDay, source, campaign, origin);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = new FunnelTally()));
    return [total, group];
  };

  cohortDays.forEach((cohortDay, i) => {
    for (const [field, value] of Object.entries(counts[i])) {
      const [source, campaign, what, origin] = JSON.parse(field) as [
        string,
        string | null,
        FunnelCount,
        Origin,
      ];
      if (keep(source, campaign, origin))
        for (const t of tallies(cohortDay, source, campaign, origin)) t.count(what, Number(value));
    }
    for (const [field, value] of Object.entries(times[i])) {
      const [source, campaign, interval, , origin] = JSON.parse(field) as [
        string,
        string | null,
        FunnelInterval,
        string,
        Origin,
      ];
      if (keep(source, campaign, origin))
        for (const t of tallies(cohortDay, source, campaign, origin)) t.time(interval, Number(value));
    }
    // Anonymous visitors are marketing's: sales never see them before a capture.
    for (const [field, value] of Object.entries(suspects[i])) {
      const [source, campaign, what] = JSON.parse(field) as [string | null, string | null, SuspectCount];
      if (keep(source, campaign, 'marketing'))
        for (const t of tallies(cohortDay, source, campaign, 'marketing')) t.suspect(what, Number(value));
    }
    for (const [field, value] of Object.entries(suspectTimes[i])) {
      const [source, campaign] = JSON.parse(field) as [string | null, string | null];
      if (keep(source, campaign, 'marketing'))
        for (const t of tallies(cohortDay, source, campaign, 'marketing')) t.suspectTime(Number(value));
    }
  });

  const answer: FunnelAnswer = { position, total: total.figures() };
  if (!query.groupBy) return answer;
  const sorted = [...groups.entries()].sort(([a], [b]) => byText(a ?? '', b ?? ''));
  return { ...answer, groups: sorted.map(([key, tally]) => ({ key, figures: tally.figures() })) };
}

function groupKey(
  query: FunnelQuery,
  cohortDay: string,
  source: string | null,
  campaign: string | null,
  origin: Origin,
): string | null {
  if (query.groupBy === 'origin') return origin;
  if (query.groupBy === 'source') return source;
  if (query.groupBy === 'campaign') return campaign;
  return query.cohort === 'day' ? cohortDay : cohortDay.slice(0, 7);
}
