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

export const funnelKeys = {
  /** zset: cohort day → day number; lists the days that have any lead. */
  days: `${FUNNEL}:days`,
  /** hash: `[source, campaign, count]` (JSON) → leads. */
  counts: (day: string) => `${FUNNEL}:counts:${day}`,
  /** hash: `[source, campaign, interval, leadId]` (JSON) → ms; one row per lead and interval. */
  times: (day: string) => `${FUNNEL}:times:${day}`,
};

export const countField = (source: string, campaign: string | null, count: FunnelCount): string =>
  JSON.stringify([source, campaign, count]);

export const timeField = (
  source: string,
  campaign: string | null,
  interval: FunnelInterval,
  leadId: string,
): string => JSON.stringify([source, campaign, interval, leadId]);
