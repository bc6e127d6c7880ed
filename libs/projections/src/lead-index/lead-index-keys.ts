import type { ExistingLeadState, OpportunityStage, Stage } from '@leadger/lead-domain';

// Key layout of the lead index: one memo per lead, and sorted sets of lead ids scored by capture time
// (epoch ms), one for every lead and one per owner, stage and source, so each filter reads one set.
// Nothing personal is kept: an email finds its lead through the blind index, outside this read model.

export const LEAD_INDEX = 'lead-index';

export const leadIndexKeys = {
  /** hash: leadId → `LeadIndexMemo` (JSON). */
  leads: `${LEAD_INDEX}:leads`,
  /** zset: every lead, by capture time. */
  captured: `${LEAD_INDEX}:captured`,
  /** zset: the leads handed or owned to this owner, by capture time. */
  owner: (owner: string) => `${LEAD_INDEX}:owner:${owner}`,
  stage: (stage: Stage) => `${LEAD_INDEX}:stage:${stage}`,
  source: (source: string) => `${LEAD_INDEX}:source:${source}`,
};

/** What the index remembers of a lead: the decision state as `evolve` folds it, and what it shows. */
export interface LeadIndexMemo {
  readonly state: ExistingLeadState;
  readonly source: string;
  readonly campaign: string | null;
  readonly capturedAt: string;
  readonly score: number;
  /** How many events the lead's stream holds: its revision is one less. */
  readonly events: number;
}

/** One lead as the index answers it; no personal field. */
export interface LeadIndexItem {
  readonly leadId: string;
  readonly stage: Stage;
  /** The open opportunity's stage while in sql, else null. */
  readonly opportunityStage: OpportunityStage | null;
  /** The owner the lead is handed or owned to: a pending handoff's new owner, else the current one. */
  readonly owner: string | null;
  readonly source: string;
  readonly campaign: string | null;
  readonly capturedAt: string;
  readonly lastEventAt: string;
  readonly score: number;
  /** The person asked to be forgotten: the lead still counts, but its email no longer finds it. */
  readonly erased: boolean;
  /** The lead stream's revision this entry reflects (a decimal string, as `If-Match` takes it). */
  readonly revision: string;
}

/** The owner a lead is handed or owned to, as `GET /leads/{id}` grants a sales rep its own leads. */
export function ownerOf(state: ExistingLeadState): string | null {
  if (state.stage === 'mql' && state.pendingHandoff) return state.pendingHandoff.toOwner;
  return state.owner;
}

export function itemOf(leadId: string, memo: LeadIndexMemo): LeadIndexItem {
  const { state } = memo;
  return {
    leadId,
    stage: state.stage,
    opportunityStage: state.stage === 'sql' ? state.opportunity.stage : null,
    owner: ownerOf(state),
    source: memo.source,
    campaign: memo.campaign,
    capturedAt: memo.capturedAt,
    lastEventAt: state.lastEventAt,
    score: memo.score,
    erased: state.erased,
    revision: String(memo.events - 1),
  };
}
