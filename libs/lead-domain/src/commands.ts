import type { Message } from './message';
import type {
  CustomerNurtureProgram,
  EngagementKind,
  ExpansionKind,
  LeadOrigin,
  OpportunityStage,
} from './vocabulary';

/** Campaign tracking parameters as the form posted them. */
export type UtmInput = Readonly<{
  source?: string;
  medium?: string;
  campaign?: string;
  term?: string;
  content?: string;
}>;

/**
 * The reasons in force for a command that takes one (the rules file's `reasons`), looked up by the
 * application; a caller that passes none gets the domain's own sets (`rejectReasons`, `lostReasons`,
 * `disqualifyReasons`). A reason they do not list is refused, naming `reason` and listing them.
 */
type ReasonsInForce = { reasons?: readonly string[] };

// Times (revisitAt, slaDueAt), owners and reason sets arrive already decided by the application layer:
// decide is pure.
export type LeadCommand =
  | Message<
      'CaptureLead',
      {
        /** The lead of this email, found through the blind index (new and random at its first capture). */
        leadId: string;
        email: string;
        firstName?: string;
        lastName?: string;
        company?: string;
        title?: string;
        phone?: string;
        source: string;
        campaign?: string;
        utm?: UtmInput;
        anonymousId?: string;
        /** Default `form_submission`. */
        via?: EngagementKind;
        /** Default `marketing`; a `sales` capture starts at sal, owned by `owner`. */
        origin?: LeadOrigin;
        /** The rep who found a sales-sourced lead; required with `origin: sales`, refused otherwise. */
        owner?: string;
      }
    >
  | Message<'RecordEngagement', { leadId: string; kind: EngagementKind; scoreDelta: number; note?: string }>
  | Message<'MarkMarketingQualified', { leadId: string; score: number; reason: string }>
  | Message<'HandOffLead', { leadId: string; toOwner: string; slaDueAt: string }>
  | Message<'AcceptLead', { leadId: string }>
  | Message<
      'RejectLead',
      ReasonsInForce & { leadId: string; reason: string; note?: string; revisitAt: string }
    >
  | Message<
      'QualifyLead',
      {
        leadId: string;
        /** The new business opportunity this qualification opens, named by the application. */
        opportunityId: string;
        budget: number;
        authority: string;
        need: string;
        timeline: string;
        amount: number;
      }
    >
  | Message<'ChangeOpportunityStage', { leadId: string; stage: OpportunityStage; amount?: number }>
  | Message<
      'ReassignLead',
      {
        leadId: string;
        toOwner: string;
        /** Why, when there is more to say than a manager's choice: `sla_breach` from the SLA policy. */
        reason?: string;
        /** A new SLA for a pending handoff (the new owner's own time to decide); default: the clock runs on. */
        slaDueAt?: string;
      }
    >
  | Message<'CloseWon', { leadId: string; amount?: number }>
  | Message<
      'CloseLost',
      ReasonsInForce & {
        leadId: string;
        reason: string;
        competitor?: string;
        note?: string;
        /** `false` leaves the lead in `lost`, where the deal can still be reopened. */
        recycle: boolean;
        /** Used only when `recycle` is true. */
        revisitAt: string;
      }
    >
  | Message<'ReopenDeal', { leadId: string }>
  | Message<
      'RecycleLead',
      ReasonsInForce & {
        leadId: string;
        /** Default: the reason the deal was lost (not checked against the reasons in force again). */
        reason?: string;
        note?: string;
        revisitAt: string;
      }
    >
  | Message<'ReengageLead', { leadId: string; toStage: 'lead' | 'mql'; note?: string }>
  | Message<'DisqualifyLead', ReasonsInForce & { leadId: string; reason: string; note?: string }>
  | Message<'RequalifyLead', { leadId: string; note: string }>
  | Message<
      'OpenOpportunity',
      {
        leadId: string;
        /** Named by the application, like QualifyLead's. */
        opportunityId: string;
        kind: ExpansionKind;
        amount: number;
        /** Default: the customer's owner. */
        owner?: string;
      }
    >
  | Message<'ScheduleCustomerNurture', { leadId: string; program: CustomerNurtureProgram; revisitAt: string }>
  | Message<'EraseLead', { leadId: string }>;

export type LeadCommandType = LeadCommand['type'];
export type LeadCommandOf<T extends LeadCommandType> = Extract<LeadCommand, { type: T }>;

// A record keyed by the union makes the compiler reject a missing or extra type; key order is table order.
const commandTypeOrder: Record<LeadCommandType, null> = {
  CaptureLead: null,
  RecordEngagement: null,
  MarkMarketingQualified: null,
  HandOffLead: null,
  AcceptLead: null,
  RejectLead: null,
  QualifyLead: null,
  ChangeOpportunityStage: null,
  ReassignLead: null,
  CloseWon: null,
  CloseLost: null,
  ReopenDeal: null,
  RecycleLead: null,
  ReengageLead: null,
  DisqualifyLead: null,
  RequalifyLead: null,
  OpenOpportunity: null,
  ScheduleCustomerNurture: null,
  EraseLead: null,
};

/** Every command type, in the order of the Transitions table of DESIGN.md. */
export const leadCommandTypes = Object.keys(commandTypeOrder) as readonly LeadCommandType[];
