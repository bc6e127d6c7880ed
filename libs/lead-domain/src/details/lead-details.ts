import type { RecycleOrigin, Utm } from '../events';
import type {
  CustomerNurtureProgram,
  LeadOrigin,
  OpportunityKind,
  OpportunityStage,
  Stage,
} from '../vocabulary';

// The lead as people see it (`GET /leads/{id}`): its profile and the facts of its stage, folded from the
// same events as the decision state but kept apart from it, since decide reads none of this. Plain JSON,
// a union on `stage`. Counts, histories and durations belong to projections.

/** ISO time of the latest entry into each stage the lead has been in. */
export type StageEnteredAt = Readonly<Partial<Record<Stage, string>>>;

/** What every existing lead has, whatever its stage. */
export type LeadProfile = Readonly<{
  leadId: string;
  /** Null when the person was erased, or the reader may not see personal data. */
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  title: string | null;
  phone: string | null;
  source: string;
  campaign: string | null;
  utm: Utm | null;
  anonymousId: string | null;
  /** Who found the lead: marketing, or a sales rep (it then started at sal). */
  origin: LeadOrigin;
  score: number;
  /** The accountable sales owner; kept through nurture and re-engagement, so a later handoff names it. */
  owner: string | null;
  capturedAt: string;
  stageEnteredAt: StageEnteredAt;
  /** ISO business time of the lead's latest event. */
  lastEventAt: string;
  /** The person asked to be forgotten: the personal fields can no longer be read. */
  erased: boolean;
  /** When the lead first won a deal and became a customer; null for one who never bought. */
  customerSince: string | null;
  /** The latest won deal: a lost expansion leaves the customer with it. */
  lastWin: Readonly<{ at: string; amount: number }> | null;
  /** The customer's latest customer-nurture schedule (the queue drops it once an opportunity opens). */
  customerNurture: CustomerNurture | null;
}>;

export type CustomerNurture = Readonly<{
  program: CustomerNurtureProgram;
  revisitAt: string;
  scheduledAt: string;
}>;

/** A handoff sales has neither accepted nor rejected yet; the SLA runs until `slaDueAt`. */
export type PendingHandoff = Readonly<{ toOwner: string; handedOffAt: string; slaDueAt: string }>;

/** What sales learned when qualifying; the free text is null when erased or masked. */
export type BantDetails = Readonly<{
  budget: number;
  authority: string | null;
  need: string | null;
  timeline: string | null;
}>;

/** An open opportunity; an expansion has no BANT of its own (it was sold to a known customer). */
export type Opportunity = Readonly<{
  opportunityId: string | null;
  kind: OpportunityKind;
  stage: OpportunityStage;
  amount: number;
  bant: BantDetails | null;
}>;

export type NoLeadDetails = Readonly<{ stage: 'none' }>;
export type LeadStageDetails = LeadProfile & Readonly<{ stage: 'lead' }>;
export type MqlDetails = LeadProfile & Readonly<{ stage: 'mql'; pendingHandoff: PendingHandoff | null }>;
export type SalDetails = LeadProfile & Readonly<{ stage: 'sal'; owner: string }>;
export type SqlDetails = LeadProfile & Readonly<{ stage: 'sql'; owner: string; opportunity: Opportunity }>;
export type WonDetails = LeadProfile & Readonly<{ stage: 'won'; owner: string; amount: number }>;
/** A lost deal not yet recycled; it keeps what a reopen needs to restore the opportunity. */
export type LostDetails = LeadProfile &
  Readonly<{
    stage: 'lost';
    owner: string;
    opportunityId: string | null;
    lostFromStage: OpportunityStage;
    lostReason: string;
    lostNote: string | null;
    amount: number;
    bant: BantDetails | null;
  }>;
export type NurtureDetails = LeadProfile &
  Readonly<{ stage: 'nurture'; recycle: RecycleOrigin & { revisitAt: string } }>;
export type DisqualifiedDetails = LeadProfile & Readonly<{ stage: 'disqualified'; reason: string }>;

export type ExistingLeadDetails =
  | LeadStageDetails
  | MqlDetails
  | SalDetails
  | SqlDetails
  | WonDetails
  | LostDetails
  | NurtureDetails
  | DisqualifiedDetails;

export type LeadDetails = NoLeadDetails | ExistingLeadDetails;

/** The details of a stream with no events. */
export const noDetails: LeadDetails = { stage: 'none' };
