import type { LeadOrigin } from '@leadger/lead-domain';

// Key layout of the stage timeline: one document per lead (its stays, in order), in the memo hash every lead
// projection keeps. Time in every stage, and the funnel's parts under any map of stages to parts, are worked
// out from the stays at query time, so a changed map needs no rebuild.

export const STAGES = 'stages';

/**
 * Every stage a lead stays in, the opportunity's stages in place of `sql`; `suspect` is a visitor's time
 * before the capture that identified it.
 */
export const journeyStages = [
  'suspect',
  'lead',
  'mql',
  'sal',
  'prospecting',
  'evaluation',
  'commitment',
  'won',
  'lost',
  'nurture',
  'disqualified',
] as const;
export type JourneyStage = (typeof journeyStages)[number];

/**
 * One stay: the stage, when the lead entered it and left it (epoch ms; null while it is still there), and
 * whose it was when it left (or is now): the pending handoff's owner, else the lead's owner, as
 * `GET /leads/{id}` shows them.
 */
export type Stay = readonly [
  stage: JourneyStage,
  enteredMs: number,
  leftMs: number | null,
  owner: string | null,
];

/** What the timeline keeps per lead. */
export interface StagesMemo {
  readonly source: string;
  /** Who found the lead; absent in timelines written before origins were kept: marketing. */
  readonly origin?: LeadOrigin;
  readonly campaign: string | null;
  /** The lead's accountable owner, and the owner of its pending handoff. */
  readonly owner: string | null;
  readonly pending: string | null;
  readonly stays: readonly Stay[];
}

export const stageKeys = {
  /** hash: leadId → `StagesMemo` (JSON). */
  leads: `${STAGES}:leads`,
  /**
   * hash: `[first-touch day, source, 'visitors' | 'identified']` (JSON) → anonymous visitors, and those a
   * capture identified: the ones still anonymous are suspects no lead's timeline holds.
   */
  visitors: `${STAGES}:visitors`,
};

export type VisitorCount = 'visitors' | 'identified';
export const visitorField = (day: string, source: string | null, count: VisitorCount): string =>
  JSON.stringify([day, source, count]);
