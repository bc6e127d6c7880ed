import type { OpportunityStage } from '@leadger/lead-domain';

// Key layout of the sales pipeline: running sums for what is open, one row per close for what is done
// (bucketed by close day, so a date range reads only its days and medians stay exact).

export const PIPELINE = 'pipeline';

export const pipelineKeys = {
  /** hash: `[owner, stage, "count" | "amount"]` (JSON) → open deals, amount in cents. */
  open: `${PIPELINE}:open`,
  /** zset: close day → day number; lists the days with any close. */
  closedDays: `${PIPELINE}:closed-days`,
  /** hash: deal id → `ClosedDeal` (JSON), under the day of its latest close; a reopen removes it. */
  closed: (day: string) => `${PIPELINE}:closed:${day}`,
  /** zset: reopen day → day number; lists the days with any reopen. */
  reopenedDays: `${PIPELINE}:reopened-days`,
  /** hash: deal id → `ReopenedDeal` (JSON), under the day of its latest reopen. */
  reopened: (day: string) => `${PIPELINE}:reopened:${day}`,
};

/**
 * A deal (opportunity) is named by its lead and how many times the lead was qualified: each QualifyLead
 * opens a new one, and a reopen brings back the same one.
 */
export const dealId = (leadId: string, opportunity: number): string => `${leadId}/${opportunity}`;

export const openField = (owner: string, stage: OpportunityStage, what: 'count' | 'amount'): string =>
  JSON.stringify([owner, stage, what]);

/** One won or lost deal, as stored: its current outcome only, so each deal counts once. */
export interface ClosedDeal {
  readonly dealId: string;
  readonly leadId: string;
  readonly outcome: 'won' | 'lost';
  readonly owner: string;
  readonly amountCents: number;
  /** The opportunity stage it closed from. */
  readonly stage: OpportunityStage;
  /** Lost only; null for a win. */
  readonly reason: string | null;
  readonly competitor: string | null;
  readonly closedAt: string;
  /** From the lead's latest LeadQualified to this close; null if that is unknown. */
  readonly cycleMs: number | null;
}

/** A deal that was lost and reopened: it left the lost figures, and is counted here instead. */
export interface ReopenedDeal {
  readonly dealId: string;
  readonly leadId: string;
  readonly owner: string;
  readonly amountCents: number;
  /** The stage it was reopened at (the one it was lost from). */
  readonly stage: OpportunityStage;
  readonly reopenedAt: string;
}
