import type {
  CustomerNurtureProgram,
  DisqualifyReason,
  ExpansionKind,
  LostReason,
  OpportunityStage,
  RejectReason,
} from '@leadger/lead-domain';

// How synthetic leads behave: rough B2B figures, so that demos and benchmarks look like a real funnel.
// About a third of leads ever become MQLs (most never qualify), sales rejects bad sources far more often,
// about 20 % of SQLs are won and about 3 % of all leads end as won deals; lost deals and rejected
// handoffs are recycled to nurture, and some of those come back.

export const sources = ['organic', 'ads', 'webinar', 'referral', 'events', 'partner'] as const;
export type Source = (typeof sources)[number];

export interface SourceRates {
  /** Share of captured leads that come from this source (relative). */
  readonly share: number;
  /** Chance a lead of this source becomes an MQL. */
  readonly mql: number;
  /** Chance sales rejects a handed-off lead of this source. */
  readonly reject: number;
  readonly campaigns: readonly (string | undefined)[];
}

export const sourceRates: Readonly<Record<Source, SourceRates>> = {
  organic: { share: 30, mql: 0.3, reject: 0.25, campaigns: [undefined] },
  ads: {
    share: 25,
    mql: 0.25,
    reject: 0.4,
    campaigns: ['search-brand', 'search-generic', 'social-retarget'],
  },
  webinar: { share: 15, mql: 0.45, reject: 0.2, campaigns: ['q1-webinar', 'q2-webinar', 'q3-webinar'] },
  referral: { share: 10, mql: 0.55, reject: 0.1, campaigns: [undefined, 'customer-referral'] },
  events: { share: 10, mql: 0.4, reject: 0.25, campaigns: ['saas-summit', 'regional-roadshow'] },
  partner: { share: 10, mql: 0.4, reject: 0.15, campaigns: ['partner-co-sell'] },
};

/** A lead that is never qualified may still be thrown out at the top: spam, students, bad data. */
export const disqualifyAtIntake = 0.07;
export const disqualifyReasonWeights: Readonly<Partial<Record<DisqualifyReason, number>>> = {
  spam: 35,
  student: 20,
  invalid_contact: 20,
  not_a_fit: 15,
  competitor: 10,
};

/** Marketing hands off nearly every MQL; a few are reassigned before sales decides. */
export const handoffRate = 0.95;
export const reassignBeforeDecision = 0.05;
export const rejectReasonWeights: Readonly<Partial<Record<RejectReason, number>>> = {
  not_a_fit: 35,
  bad_timing: 25,
  no_budget: 15,
  no_authority: 10,
  bad_contact_data: 10,
  duplicate: 5,
};

/** SAL → SQL, and the SALs found not to be a fit after all. */
export const qualifyRate = 0.65;
export const disqualifyAtSal = 0.08;

/** How far open deals get: reaching evaluation, then commitment; and the odd step back. */
export const toEvaluation = 0.7;
export const toCommitment = 0.55;
export const stepBack = 0.05;

/**
 * Win chance by the stage a deal closes from; the rest mostly lose, a few stay open. Overall about 20 % of
 * SQLs are won.
 */
export const winRate: Readonly<Record<OpportunityStage, number>> = {
  prospecting: 0.04,
  evaluation: 0.18,
  commitment: 0.45,
};
export const stayOpen = 0.12;
export const lostReasonWeights: Readonly<Partial<Record<LostReason, number>>> = {
  competitor: 30,
  pricing: 25,
  timing: 20,
  no_decision: 20,
  product_fit: 5,
};
export const competitors = ['Acme CRM', 'FunnelCo', 'PipeDrive-ish', 'LeadLoop'];
/** Most lost deals go back to nurture right away; of the others, some are reopened, some recycled later. */
export const recycleOnLoss = 0.8;
export const reopenRate = 0.15;
export const recycleLater = 0.6;

/** Days until a recycled lead is due again, per reason (the server's default policy). */
export const revisitDays: Readonly<Record<string, number>> = {
  timing: 90,
  pricing: 180,
  competitor: 365,
  bad_timing: 90,
  no_budget: 180,
};
export const defaultRevisitDays = 90;

/** Nurtured leads that come back once due, and those finally written off. */
export const reengageRate = 0.3;
export const disqualifyFromNurture = 0.05;

/**
 * Customers: most are put in onboarding soon after a win (the after-sale policy's default, 30 days), then
 * some are sold more (at most twice) or moved to another program.
 */
export const onboardingAfterWin = 0.75;
export const onboardingDays = 30;
export const expansionRate = 0.4;
export const maxExpansions = 2;
export const expansionKindWeights: Readonly<Record<ExpansionKind, number>> = {
  upsell: 5,
  cross_sell: 3,
  renewal: 2,
};
export const laterProgramWeights: Readonly<Partial<Record<CustomerNurtureProgram, number>>> = {
  referral: 3,
  upsell: 2,
  renewal: 2,
};
export const laterProgramRate = 0.3;
