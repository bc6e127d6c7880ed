import type { LeadOrigin, OpportunityKind, OpportunityStage } from '@leadger/lead-domain';

// Key layout of the sales pipeline: running sums for what is open, one row per close for what is done
// (bucketed by close day, so a date range reads only its days and medians stay exact).

export const PIPELINE = 'pipeline';

export const pipelineKeys = {
  /** hash: `[owner, stage, "count" | "amount"]` (JSON) → open deals, amount in cents. */
  open: `${PIPELINE}:open`,
  /** hash: `[origin, segment, owner, stage, "count" | "amount"]` (JSON) → the same, per origin and segment. */
  openBySegment: `${PIPELINE}:open-by-segment`,
  /** zset: close day → day number; lists the days with any close. */
  closedDays: `${PIPELINE}:closed-days`,
  /** hash: deal id → `ClosedDeal` (JSON), under the day of its latest close; a reopen removes it. */
  closed: (day: string) => `${PIPELINE}:closed:${day}`,
  /** zset: reopen day → day number; lists the days with any reopen. */
  reopenedDays: `${PIPELINE}:reopened-days`,
  /** hash: deal id → `ReopenedDeal` (JSON), under the day of its latest reopen. */
  reopened: (day: string) => `${PIPELINE}:reopened:${day}`,
};

/** How the pipeline reports opportunities apart: the first deal, or more sold to a customer. */
export type Segment = 'newBusiness' | 'expansion';

export const segmentOf = (kind: OpportunityKind): Segment =>
  kind === 'new_business' ? 'newBusiness' : 'expansion';

export const segmentField = (
  origin: LeadOrigin,
  segment: Segment,
  owner: string,
  stage: OpportunityStage,
  what: 'count' | 'amount',
): string => JSON.stringify([origin, segment, owner, stage, what]);

/**
 * A deal (opportunity) is named by its lead and how many opportunities the lead had: each QualifyLead and
 * OpenOpportunity opens a new one, and a reopen brings back the same one. (Deals stored before
 * opportunities had ids have none, so the count, not `opportunityId`, names them.)
 */
export const dealId = (leadId: string, opportunity: number): string => `${leadId}/${opportunity}`;

export const openField = (owner: string, stage: OpportunityStage, what: 'count' | 'amount'): string =>
  JSON.stringify([owner, stage, what]);

/** One won or lost deal, as stored: its current outcome only, so each deal counts once. */
export interface ClosedDeal {
  readonly dealId: string;
  readonly leadId: string;
  readonly opportunityId: string | null;
  readonly kind: OpportunityKind;
  /** Who found the lead: marketing, or a sales rep. */
  readonly origin: LeadOrigin;
  readonly outcome: 'won' | 'lost';
  readonly owner: string;
  readonly amountCents: number;
  /** The opportunity stage it closed from. */
  readonly stage: OpportunityStage;
  /** Lost only; null for a win. */
  readonly reason: string | null;
  readonly competitor: string | null;
  readonly closedAt: string;
  /** From the opportunity's opening (LeadQualified or OpportunityOpened) to this close; null if unknown. */
  readonly cycleMs: number | null;
}

/** A deal that was lost and reopened: it left the lost figures, and is counted here instead. */
export interface ReopenedDeal {
  readonly dealId: string;
  readonly leadId: string;
  readonly opportunityId: string | null;
  /** Only a new business deal can be reopened; a lost expansion cannot. */
  readonly kind: OpportunityKind;
  readonly origin: LeadOrigin;
  readonly owner: string;
  readonly amountCents: number;
  /** The stage it was reopened at (the one it was lost from). */
  readonly stage: OpportunityStage;
  readonly reopenedAt: string;
}
