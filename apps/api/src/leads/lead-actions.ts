import type { EventStore } from '@leadger/event-store';
import { eraseLeadKeys, type LeadIdentity } from '@leadger/lead-application';
import type { LeadCommand, LeadCommandType } from '@leadger/lead-domain';
import type { CommandFill } from './command-fill';
import { AcceptLeadDto, toAcceptLead } from './commands/accept-lead.dto';
import { ChangeOpportunityStageDto, toChangeOpportunityStage } from './commands/change-opportunity-stage.dto';
import { CloseLostDto, toCloseLost } from './commands/close-lost.dto';
import { CloseWonDto, toCloseWon } from './commands/close-won.dto';
import type { CommandBody } from './commands/command-body';
import { DisqualifyLeadDto, toDisqualifyLead } from './commands/disqualify-lead.dto';
import { EraseLeadDto, toEraseLead } from './commands/erase-lead.dto';
import { HandOffLeadDto, toHandOffLead } from './commands/hand-off-lead.dto';
import { MarkMarketingQualifiedDto, toMarkMarketingQualified } from './commands/mark-marketing-qualified.dto';
import { OpenOpportunityDto, toOpenOpportunity } from './commands/open-opportunity.dto';
import { QualifyLeadDto, toQualifyLead } from './commands/qualify-lead.dto';
import { ReassignLeadDto, toReassignLead } from './commands/reassign-lead.dto';
import { RecordEngagementDto, toRecordEngagement } from './commands/record-engagement.dto';
import { RecycleLeadDto, toRecycleLead } from './commands/recycle-lead.dto';
import { ReengageLeadDto, toReengageLead } from './commands/reengage-lead.dto';
import { RejectLeadDto, toRejectLead } from './commands/reject-lead.dto';
import { ReopenDealDto, toReopenDeal } from './commands/reopen-deal.dto';
import { RequalifyLeadDto, toRequalifyLead } from './commands/requalify-lead.dto';
import {
  ScheduleCustomerNurtureDto,
  toScheduleCustomerNurture,
} from './commands/schedule-customer-nurture.dto';

/** A command on an existing lead: `POST /leads/{leadId}/{route}`. Capture, addressed by email, is not one. */
export type LeadActionType = Exclude<LeadCommandType, 'CaptureLead'>;

/** One route of a lead command: its path, its body's DTO, how that body becomes the command, a summary. */
export interface LeadAction<Body extends CommandBody = CommandBody> {
  readonly route: string;
  readonly body: new () => Body;
  // A method, so that a row's own body type fits the table's (method parameters are bivariant).
  build(leadId: string, body: Body, fill: CommandFill): LeadCommand;
  readonly summary: string;
  /** Work that follows the command's events (erasure destroys the key once `LeadErased` is stored). */
  readonly after?: (leadId: string, identity: LeadIdentity, store: EventStore) => Promise<void>;
}

/** A row of the table, typed by its own body. */
const action = <Body extends CommandBody>(row: LeadAction<Body>): LeadAction<Body> => row;

/**
 * Every lead command's route, in the order of DESIGN.md's Transitions table: adding a command is one DTO
 * file and one row here (its roles are the roles table's row of the same name).
 */
export const leadActions: Readonly<Record<LeadActionType, LeadAction>> = {
  RecordEngagement: action({
    route: 'engagements',
    body: RecordEngagementDto,
    build: toRecordEngagement,
    summary: 'an engagement that changes the score',
  }),
  MarkMarketingQualified: action({
    route: 'mql',
    body: MarkMarketingQualifiedDto,
    build: toMarkMarketingQualified,
    summary: 'lead → mql',
  }),
  HandOffLead: action({
    route: 'handoff',
    body: HandOffLeadDto,
    build: toHandOffLead,
    summary: 'hand an mql to a sales owner; the SLA clock starts',
  }),
  AcceptLead: action({
    route: 'accept',
    body: AcceptLeadDto,
    build: toAcceptLead,
    summary: 'sales accepts the handed-off lead: mql → sal',
  }),
  RejectLead: action({
    route: 'reject',
    body: RejectLeadDto,
    build: toRejectLead,
    summary: 'sales rejects the handed-off lead with a reason: mql → nurture',
  }),
  QualifyLead: action({
    route: 'qualify',
    body: QualifyLeadDto,
    build: toQualifyLead,
    summary: 'budget, authority, need, timeline, amount: sal → sql / prospecting',
  }),
  ChangeOpportunityStage: action({
    route: 'stage',
    body: ChangeOpportunityStageDto,
    build: toChangeOpportunityStage,
    summary: 'move the opportunity forward or back',
  }),
  ReassignLead: action({
    route: 'reassign',
    body: ReassignLeadDto,
    build: toReassignLead,
    summary: 'hand the lead (or its pending handoff) to another owner',
  }),
  CloseWon: action({ route: 'won', body: CloseWonDto, build: toCloseWon, summary: 'sql → won' }),
  CloseLost: action({
    route: 'lost',
    body: CloseLostDto,
    build: toCloseLost,
    summary: 'sql → nurture (recycled) or lost, with a reason',
  }),
  ReopenDeal: action({
    route: 'reopen',
    body: ReopenDealDto,
    build: toReopenDeal,
    summary: 'lost (not recycled) → sql at the stage it was lost from',
  }),
  RecycleLead: action({
    route: 'recycle',
    body: RecycleLeadDto,
    build: toRecycleLead,
    summary: 'lost → nurture with a revisit date',
  }),
  ReengageLead: action({
    route: 'reengage',
    body: ReengageLeadDto,
    build: toReengageLead,
    summary: 'nurture → lead (or mql)',
  }),
  DisqualifyLead: action({
    route: 'disqualify',
    body: DisqualifyLeadDto,
    build: toDisqualifyLead,
    summary: 'not a fit at all, with a reason',
  }),
  RequalifyLead: action({
    route: 'requalify',
    body: RequalifyLeadDto,
    build: toRequalifyLead,
    summary: 'undo a mistaken disqualification, with a note: disqualified → lead',
  }),
  OpenOpportunity: action({
    route: 'opportunities',
    body: OpenOpportunityDto,
    build: toOpenOpportunity,
    summary: 'open an upsell, cross-sell or renewal on a customer: won → sql / prospecting',
  }),
  ScheduleCustomerNurture: action({
    route: 'customer-nurture',
    body: ScheduleCustomerNurtureDto,
    build: toScheduleCustomerNurture,
    summary: 'put a customer in an onboarding, referral, upsell or renewal program until a date',
  }),
  EraseLead: action({
    route: 'erase',
    body: EraseLeadDto,
    build: toEraseLead,
    summary:
      'forget the person: their personal data is destroyed; the events, counts and hash chain stay (retry-safe)',
    // After the event, so that a crash in between leaves a retry to finish the job, never a lead whose key
    // is gone without a record of why.
    // The links to the suspects it was stitched to go with it: its anonymous visits are no longer its.
    after: (leadId, identity, store) =>
      eraseLeadKeys(store, identity.personalData, identity.directory, leadId),
  }),
};
