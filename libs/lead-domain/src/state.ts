import type { Bant, RecycleOrigin, Utm } from './events';
import type { DisqualifyReason, LostReason, OpportunityStage, Stage } from './vocabulary';

// The folded lead, as `GET /leads/{id}` shows it: plain JSON, a union on `stage` so each rule in decide
// is one check. Counts, histories and durations belong to projections, not here.

/** ISO time of the latest entry into each stage the lead has been in. */
export type StageEnteredAt = Readonly<Partial<Record<Stage, string>>>;

/** What every existing lead has, whatever its stage. */
export type LeadProfile = Readonly<{
  leadId: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  title: string | null;
  phone: string | null;
  source: string;
  campaign: string | null;
  utm: Utm | null;
  anonymousId: string | null;
  score: number;
  /** The accountable sales owner; kept through nurture and re-engagement, so a later handoff names it. */
  owner: string | null;
  capturedAt: string;
  stageEnteredAt: StageEnteredAt;
  /** ISO business time of the lead's latest event: no command may happen before it. */
  lastEventAt: string;
}>;

/** A handoff sales has neither accepted nor rejected yet; the SLA runs until `slaDueAt`. */
export type PendingHandoff = Readonly<{ toOwner: string; handedOffAt: string; slaDueAt: string }>;

export type Opportunity = Readonly<{ stage: OpportunityStage; amount: number; bant: Bant }>;

export type NoLead = Readonly<{ stage: 'none' }>;
export type LeadStageState = LeadProfile & Readonly<{ stage: 'lead' }>;
export type MqlState = LeadProfile & Readonly<{ stage: 'mql'; pendingHandoff: PendingHandoff | null }>;
export type SalState = LeadProfile & Readonly<{ stage: 'sal'; owner: string }>;
export type SqlState = LeadProfile & Readonly<{ stage: 'sql'; owner: string; opportunity: Opportunity }>;
export type WonState = LeadProfile & Readonly<{ stage: 'won'; owner: string; amount: number }>;
/** A lost deal not yet recycled; it keeps what a reopen needs to restore the opportunity. */
export type LostState = LeadProfile &
  Readonly<{
    stage: 'lost';
    owner: string;
    lostFromStage: OpportunityStage;
    lostReason: LostReason;
    lostNote: string | null;
    amount: number;
    bant: Bant;
  }>;
export type NurtureState = LeadProfile &
  Readonly<{ stage: 'nurture'; recycle: RecycleOrigin & { revisitAt: string } }>;
export type DisqualifiedState = LeadProfile & Readonly<{ stage: 'disqualified'; reason: DisqualifyReason }>;

export type ExistingLeadState =
  LeadStageState | MqlState | SalState | SqlState | WonState | LostState | NurtureState | DisqualifiedState;

export type LeadState = NoLead | ExistingLeadState;

/** The state of a stream with no events. */
export const initialState: LeadState = { stage: 'none' };
