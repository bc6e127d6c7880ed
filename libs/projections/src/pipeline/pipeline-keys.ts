import type { OpportunityStage } from '@leadger/lead-domain';

// Key layout of the sales pipeline: running sums for what is open, one row per close for what is done
// (bucketed by close day, so a date range reads only its days and medians stay exact).

export const PIPELINE = 'pipeline';

export const pipelineKeys = {
  /** hash: `[owner, stage, "count" | "amount"]` (JSON) → open deals, amount in cents. */
  open: `${PIPELINE}:open`,
  /** zset: close day → day number; lists the days with any close. */
  closedDays: `${PIPELINE}:closed-days`,
  /** hash: position of the DealWon/DealLost → `ClosedDeal` (JSON). */
  closed: (day: string) => `${PIPELINE}:closed:${day}`,
};

export const openField = (owner: string, stage: OpportunityStage, what: 'count' | 'amount'): string =>
  JSON.stringify([owner, stage, what]);

/** One won or lost deal, as stored. */
export interface ClosedDeal {
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
