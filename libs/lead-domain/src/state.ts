import type { OpportunityKind, OpportunityStage } from './vocabulary';

// What decide needs of a lead, and nothing more: a union on `stage` so each rule is one check. What people
// see of a lead (profile, score, stage times, the facts of each stage) is `LeadDetails`, folded from the
// same events apart from this.

/** What every existing lead has, whatever its stage. */
export type LeadBasics = Readonly<{
  /** The accountable sales owner; kept through nurture and re-engagement, so a later handoff names it. */
  owner: string | null;
  /** ISO business time of the lead's latest event: no command may happen before it. */
  lastEventAt: string;
  /** The person asked to be forgotten: no command is taken any more. */
  erased: boolean;
}>;

/**
 * The deal of an sql lead: what closing it, or moving it, must know. Its kind says where a loss leaves the
 * lead: a lost expansion leaves a customer a customer.
 */
export type OpenDeal = Readonly<{
  opportunityId: string | null;
  kind: OpportunityKind;
  stage: OpportunityStage;
  amount: number;
}>;

export type NoLead = Readonly<{ stage: 'none' }>;
export type LeadStage = LeadBasics & Readonly<{ stage: 'lead' }>;
/** `pendingHandoff` names the owner who has neither accepted nor rejected the handoff yet. */
export type MqlStage = LeadBasics &
  Readonly<{ stage: 'mql'; pendingHandoff: Readonly<{ toOwner: string }> | null }>;
export type SalStage = LeadBasics & Readonly<{ stage: 'sal'; owner: string }>;
export type SqlStage = LeadBasics & Readonly<{ stage: 'sql'; owner: string; opportunity: OpenDeal }>;
export type WonStage = LeadBasics & Readonly<{ stage: 'won'; owner: string }>;
/** A lost deal not yet recycled: what a reopen restores, and the loss a recycle keeps. */
export type LostStage = LeadBasics &
  Readonly<{
    stage: 'lost';
    owner: string;
    opportunityId: string | null;
    lostFromStage: OpportunityStage;
    lostReason: string;
    amount: number;
  }>;
export type NurtureStage = LeadBasics & Readonly<{ stage: 'nurture' }>;
export type DisqualifiedStage = LeadBasics & Readonly<{ stage: 'disqualified'; reason: string }>;

export type ExistingLeadState =
  LeadStage | MqlStage | SalStage | SqlStage | WonStage | LostStage | NurtureStage | DisqualifiedStage;

export type LeadState = NoLead | ExistingLeadState;

/** The state of a stream with no events. */
export const initialState: LeadState = { stage: 'none' };
