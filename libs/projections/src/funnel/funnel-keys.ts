// Key layout of the marketing funnel. Everything is bucketed by capture cohort day (UTC); months, sources
// and campaigns are merged at query time, so any filter gets exact counts and exact medians.

export const FUNNEL = 'funnel';

/** Stages a lead can ever reach, in funnel order: each lead counts once per stage. */
export const reachStages = ['lead', 'mql', 'sal', 'sql', 'won'] as const;
/** Other things that can happen to a lead, also counted once per lead. */
export const outcomes = ['rejected', 'lost', 'disqualified', 'recycled', 'reengaged'] as const;
/** Times between stages, from each lead's first entry into the earlier stage. */
export const intervals = ['leadToMql', 'handoffToDecision', 'salToSql', 'sqlToWon'] as const;

export type FunnelCount = (typeof reachStages)[number] | (typeof outcomes)[number];
export type FunnelInterval = (typeof intervals)[number];

/** Anonymous visitors, counted once each by their first touch, and those a capture identified. */
export const suspectCounts = ['visitors', 'becameLeads'] as const;
export type SuspectCount = (typeof suspectCounts)[number];

/** Who found a lead; captures stored before origins existed are marketing's. */
export type Origin = 'marketing' | 'sales';

export const funnelKeys = {
  /** zset: cohort day → day number; lists the days that have any lead. */
  days: `${FUNNEL}:days`,
  /** hash: `[source, campaign, count, origin]` (JSON) → leads. */
  counts: (day: string) => `${FUNNEL}:counts:${day}`,
  /** hash: `[source, campaign, interval, leadId, origin]` (JSON) → ms; one row per lead and interval. */
  times: (day: string) => `${FUNNEL}:times:${day}`,
  /** hash, by first-touch day: `[source, campaign, count]` (JSON) → suspects. */
  suspects: (day: string) => `${FUNNEL}:suspects:${day}`,
  /**
   * hash, by first-touch day: `[source, campaign, position]` (JSON) → ms from first touch to the capture
   * that identified the suspect; the position of its identification names the row, not the visitor's id.
   */
  suspectTimes: (day: string) => `${FUNNEL}:suspect-times:${day}`,
};

export const countField = (
  source: string,
  campaign: string | null,
  count: FunnelCount,
  origin: Origin,
): string => JSON.stringify([source, campaign, count, origin]);

export const timeField = (
  source: string,
  campaign: string | null,
  interval: FunnelInterval,
  leadId: string,
  origin: Origin,
): string => JSON.stringify([source, campaign, interval, leadId, origin]);

export const suspectField = (source: string | null, campaign: string | null, count: SuspectCount): string =>
  JSON.stringify([source, campaign, count]);

export const suspectTimeField = (source: string | null, campaign: string | null, position: bigint): string =>
  JSON.stringify([source, campaign, position.toString()]);
