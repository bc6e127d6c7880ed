// The closed sets of the lead lifecycle. Each array is the source of its type, so a value added here is
// known at run time (DTO validation, property tests) and at compile time alike.

/** Funnel stages of an existing lead, in funnel order. */
export const stages = ['lead', 'mql', 'sal', 'sql', 'won', 'lost', 'nurture', 'disqualified'] as const;
export type Stage = (typeof stages)[number];

/** Pipeline stages of an open opportunity (an `sql` lead); a deal may move forward or back. */
export const opportunityStages = ['prospecting', 'evaluation', 'commitment'] as const;
export type OpportunityStage = (typeof opportunityStages)[number];

/** What an opportunity sells: the lead's first deal, or more to a customer (an expansion). */
export const opportunityKinds = ['new_business', 'upsell', 'cross_sell', 'renewal'] as const;
export type OpportunityKind = (typeof opportunityKinds)[number];

/** The opportunities opened on a customer (`OpenOpportunity`): every kind but the first deal. */
export const expansionKinds = ['upsell', 'cross_sell', 'renewal'] as const;
export type ExpansionKind = (typeof expansionKinds)[number];

/** The programs marketing keeps customers in after the sale (the customer-nurture queue). */
export const customerNurturePrograms = ['onboarding', 'referral', 'upsell', 'renewal'] as const;
export type CustomerNurtureProgram = (typeof customerNurturePrograms)[number];
/** Who found the lead: marketing (a form, a download: the default) or a sales rep ("sales first in"). */
export const leadOrigins = ['marketing', 'sales'] as const;
export type LeadOrigin = (typeof leadOrigins)[number];

// The reason sets below are the defaults: the rules file (`reasons`) sets the ones in force, and they arrive
// on the command (`reasons`). A command that brings none is checked against these.

/** Why sales turned down a handed-off lead; `other` needs a note. */
export const rejectReasons = [
  'not_a_fit',
  'bad_timing',
  'no_budget',
  'no_authority',
  'bad_contact_data',
  'duplicate',
  'other',
] as const;
export type RejectReason = (typeof rejectReasons)[number];

/** Why a deal was lost; `other` needs a note. */
export const lostReasons = [
  'competitor',
  'no_decision',
  'pricing',
  'timing',
  'no_budget',
  'product_fit',
  'other',
] as const;
export type LostReason = (typeof lostReasons)[number];

/** Why a lead is not a fit at all; `other` needs a note. */
export const disqualifyReasons = [
  'spam',
  'student',
  'competitor',
  'not_a_fit',
  'invalid_contact',
  'other',
] as const;
export type DisqualifyReason = (typeof disqualifyReasons)[number];

/** How a lead touched us: the channel of a capture or of a later engagement. */
export const engagementKinds = [
  'form_submission',
  'content_download',
  'email_click',
  'web_visit',
  'call',
  'event_attended',
  'meeting',
  'other',
] as const;
export type EngagementKind = (typeof engagementKinds)[number];
