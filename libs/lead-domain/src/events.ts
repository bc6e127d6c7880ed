import type { Message } from './message';
import type {
  CustomerNurtureProgram,
  EngagementKind,
  ExpansionKind,
  LeadOrigin,
  OpportunityKind,
  OpportunityStage,
} from './vocabulary';

// Event data is plain JSON: absent values are `null`, never missing, so a stored payload always has the
// same keys. Every payload repeats `leadId` so projections reading `$all` need not parse stream names.
// A change of meaning is a new event type, not an edited payload. Reasons are text: each was one of the
// reasons in force when it was decided (the rules file's `reasons`, by default the sets of vocabulary.ts).

export type Utm = Readonly<{
  source: string | null;
  medium: string | null;
  campaign: string | null;
  term: string | null;
  content: string | null;
}>;

/** Budget, authority, need, timeline: what sales learned when qualifying. */
export type Bant = Readonly<{ budget: number; authority: string; need: string; timeline: string }>;

/** Where a recycled lead came from: a rejected handoff (always from mql) or a lost deal. */
export type RecycleOrigin =
  | Readonly<{ origin: 'rejected'; originStage: 'mql'; reason: string }>
  | Readonly<{ origin: 'lost'; originStage: OpportunityStage; reason: string }>;

/**
 * Which opportunity a pipeline event is about. The id is null on events stored before opportunities were
 * named (0.4): such a lead's deals are told apart by their order, as before.
 */
export type OpportunityRef = Readonly<{ opportunityId: string | null }>;

export type LeadEvent =
  | Message<
      'LeadCaptured',
      {
        leadId: string;
        /** Normalized: trimmed, lower-cased. */
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
        via: EngagementKind;
        /** `sales`: a rep found the lead, which starts at sal owned by `owner` (null for marketing's). */
        origin: LeadOrigin;
        owner: string | null;
      }
    >
  | Message<
      'EngagementRecorded',
      {
        leadId: string;
        kind: EngagementKind;
        scoreDelta: number;
        note: string | null;
        /** Set when a known email was captured again; null for a recorded engagement. */
        source: string | null;
        campaign: string | null;
        recapture: boolean;
      }
    >
  | Message<'LeadMarketingQualified', { leadId: string; score: number; reason: string }>
  | Message<'LeadHandedOff', { leadId: string; fromOwner: string | null; toOwner: string; slaDueAt: string }>
  | Message<'LeadAccepted', { leadId: string; owner: string }>
  | Message<'LeadRejected', { leadId: string; owner: string; reason: string; note: string | null }>
  | Message<'LeadRecycled', RecycleOrigin & { leadId: string; note: string | null; revisitAt: string }>
  | Message<'LeadQualified', Bant & OpportunityRef & { leadId: string; owner: string; amount: number }>
  | Message<
      'OpportunityStageChanged',
      { leadId: string; from: OpportunityStage; to: OpportunityStage; amount: number }
    >
  | Message<
      'LeadReassigned',
      {
        leadId: string;
        fromOwner: string;
        toOwner: string;
        /** True when the handoff was still pending: the new owner now has to accept or reject. */
        pendingHandoff: boolean;
        /** Why (e.g. `sla_breach`), or null for a plain reassignment. */
        reason: string | null;
        /** The pending handoff's new SLA, or null when its clock runs on. */
        slaDueAt: string | null;
      }
    >
  | Message<
      'DealWon',
      OpportunityRef & {
        leadId: string;
        kind: OpportunityKind;
        amount: number;
        owner: string;
        fromStage: OpportunityStage;
      }
    >
  | Message<
      'DealLost',
      OpportunityRef & {
        leadId: string;
        kind: OpportunityKind;
        reason: string;
        competitor: string | null;
        note: string | null;
        lostFromStage: OpportunityStage;
        amount: number;
        owner: string;
      }
    >
  | Message<
      'DealReopened',
      OpportunityRef & { leadId: string; toStage: OpportunityStage; amount: number; owner: string }
    >
  | Message<'LeadReengaged', { leadId: string; toStage: 'lead' | 'mql'; note: string | null }>
  | Message<
      'LeadDisqualified',
      {
        leadId: string;
        reason: string;
        note: string | null;
        fromStage: 'lead' | 'mql' | 'sal' | 'nurture';
      }
    >
  | Message<'LeadRequalified', { leadId: string; note: string; fromReason: string }>
  /** An expansion opened on a customer: it goes through the pipeline stages like the first deal. */
  | Message<
      'OpportunityOpened',
      { leadId: string; opportunityId: string; kind: ExpansionKind; amount: number; owner: string }
    >
  /** The customer waits in the customer-nurture queue for this program until `revisitAt`. */
  | Message<
      'CustomerNurtureScheduled',
      { leadId: string; program: CustomerNurtureProgram; revisitAt: string }
    >
  /** The person asked to be forgotten: their personal data can no longer be read; counts stay. */
  | Message<'LeadErased', { leadId: string }>
  /** An anonymous visitor identified as this lead: what it brought (engagements, score, first touch). */
  | Message<
      'SuspectStitched',
      {
        leadId: string;
        anonymousId: string;
        engagements: number;
        score: number;
        firstTouchAt: string;
        /** First-touch attribution: the suspect's first engagement's source and campaign. */
        source: string | null;
        campaign: string | null;
      }
    >;

export type LeadEventType = LeadEvent['type'];
export type LeadEventOf<T extends LeadEventType> = Extract<LeadEvent, { type: T }>;

// Keyed by the union so the compiler rejects a missing or extra type.
const eventTypeOrder: Record<LeadEventType, null> = {
  LeadCaptured: null,
  EngagementRecorded: null,
  LeadMarketingQualified: null,
  LeadHandedOff: null,
  LeadAccepted: null,
  LeadRejected: null,
  LeadRecycled: null,
  LeadQualified: null,
  OpportunityStageChanged: null,
  LeadReassigned: null,
  DealWon: null,
  DealLost: null,
  DealReopened: null,
  LeadReengaged: null,
  LeadDisqualified: null,
  LeadRequalified: null,
  OpportunityOpened: null,
  CustomerNurtureScheduled: null,
  LeadErased: null,
  SuspectStitched: null,
};

/** Every event type the lead stream may hold. */
export const leadEventTypes = Object.keys(eventTypeOrder) as readonly LeadEventType[];
