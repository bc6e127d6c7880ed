import {
  customerNurturePrograms,
  engagementKinds,
  expansionKinds,
  type CustomerNurtureProgram,
  type ExpansionKind,
  type OpportunityKind,
  leadOrigins,
  opportunityStages,
  type EngagementKind,
  type LeadOrigin,
  type LeadEventOf,
  type LeadEventType,
  type OpportunityStage,
  type Unsealed,
} from '@leadger/lead-domain';
import { Choice, Email, Flag, Integer, Label, Money, Moment, Part, Uuid } from '../http/answer-fields';
import {
  BantView,
  opportunityIdField,
  opportunityKindField,
  RecycleOriginView,
  UtmView,
} from './lead-parts.dto';

// The payload of each lead event type as stored, for `GET /leads/{leadId}/history`; each class is checked by
// the compiler against the event's data type. Absent values are null, never missing.

/** An event's data as history shows it: personal fields null when the lead was erased or the reader is masked. */
type Data<T extends LeadEventType> = Unsealed<LeadEventOf<T>['data']>;

const owner = (description?: string) => Label({ description });
const nullable = (description?: string) => Label({ nullable: true, description });

class LeadCapturedData implements Data<'LeadCaptured'> {
  @Uuid() readonly leadId: string;
  @Email({ nullable: true, description: 'Normalized: trimmed and lower-cased; null when erased or masked.' })
  readonly email: string | null;
  @nullable() readonly firstName: string | null;
  @nullable() readonly lastName: string | null;
  @nullable() readonly company: string | null;
  @nullable() readonly title: string | null;
  @nullable() readonly phone: string | null;
  @Label() readonly source: string;
  @nullable() readonly campaign: string | null;
  @Part(() => UtmView, { nullable: true }) readonly utm: UtmView | null;
  @nullable() readonly anonymousId: string | null;
  @Choice(engagementKinds) readonly via: EngagementKind;
  @Choice(leadOrigins, { description: 'Who found the lead; `sales` starts it at sal, owned by `owner`.' })
  readonly origin: LeadOrigin;
  @nullable('The rep who found a sales-sourced lead; null for marketing.') readonly owner: string | null;
}

class EngagementRecordedData implements Data<'EngagementRecorded'> {
  @Uuid() readonly leadId: string;
  @Choice(engagementKinds) readonly kind: EngagementKind;
  @Integer() readonly scoreDelta: number;
  @nullable() readonly note: string | null;
  @nullable('Set when a known email was captured again.') readonly source: string | null;
  @nullable('Set when a known email was captured again.') readonly campaign: string | null;
  @Flag({ description: 'A known email captured again, rather than an engagement recorded.' })
  readonly recapture: boolean;
}

class LeadMarketingQualifiedData implements Data<'LeadMarketingQualified'> {
  @Uuid() readonly leadId: string;
  @Integer() readonly score: number;
  @Label() readonly reason: string;
}

class LeadHandedOffData implements Data<'LeadHandedOff'> {
  @Uuid() readonly leadId: string;
  @nullable('The owner before, if any.') readonly fromOwner: string | null;
  @owner() readonly toOwner: string;
  @Moment() readonly slaDueAt: string;
}

class LeadAcceptedData implements Data<'LeadAccepted'> {
  @Uuid() readonly leadId: string;
  @owner() readonly owner: string;
}

class LeadRejectedData implements Data<'LeadRejected'> {
  @Uuid() readonly leadId: string;
  @owner() readonly owner: string;
  @Label({
    example: 'bad_timing',
    description: 'One of the reject reasons in force when it was decided (GET /policies).',
  })
  readonly reason: string;
  @nullable() readonly note: string | null;
}

class LeadRecycledData
  extends RecycleOriginView
  implements Omit<Data<'LeadRecycled'>, 'origin' | 'originStage' | 'reason'>
{
  @Uuid() readonly leadId: string;
  @nullable() readonly note: string | null;
  @Moment() readonly revisitAt: string;
}

class LeadQualifiedData extends BantView implements Data<'LeadQualified'> {
  @Uuid() readonly leadId: string;
  @opportunityIdField() readonly opportunityId: string | null;
  @owner() readonly owner: string;
  @Money() readonly amount: number;
}

class OpportunityStageChangedData implements Data<'OpportunityStageChanged'> {
  @Uuid() readonly leadId: string;
  @Choice(opportunityStages) readonly from: OpportunityStage;
  @Choice(opportunityStages) readonly to: OpportunityStage;
  @Money() readonly amount: number;
}

class LeadReassignedData implements Data<'LeadReassigned'> {
  @Uuid() readonly leadId: string;
  @owner() readonly fromOwner: string;
  @owner() readonly toOwner: string;
  @Flag({ description: 'The handoff was still pending: the new owner has to accept or reject.' })
  readonly pendingHandoff: boolean;
  @nullable('Why, e.g. `sla_breach` when the SLA policy moved it; null for a plain reassignment.')
  readonly reason: string | null;
  @Moment({ nullable: true, description: "The pending handoff's new SLA; null when its clock runs on." })
  readonly slaDueAt: string | null;
}

class DealWonData implements Data<'DealWon'> {
  @Uuid() readonly leadId: string;
  @opportunityIdField() readonly opportunityId: string | null;
  @opportunityKindField() readonly kind: OpportunityKind;
  @Money() readonly amount: number;
  @owner() readonly owner: string;
  @Choice(opportunityStages) readonly fromStage: OpportunityStage;
}

class DealLostData implements Data<'DealLost'> {
  @Uuid() readonly leadId: string;
  @opportunityIdField() readonly opportunityId: string | null;
  @opportunityKindField() readonly kind: OpportunityKind;
  @Label({
    example: 'pricing',
    description: 'One of the lost reasons in force when it was decided (GET /policies).',
  })
  readonly reason: string;
  @nullable() readonly competitor: string | null;
  @nullable() readonly note: string | null;
  @Choice(opportunityStages) readonly lostFromStage: OpportunityStage;
  @Money() readonly amount: number;
  @owner() readonly owner: string;
}

class DealReopenedData implements Data<'DealReopened'> {
  @Uuid() readonly leadId: string;
  @opportunityIdField() readonly opportunityId: string | null;
  @Choice(opportunityStages) readonly toStage: OpportunityStage;
  @Money() readonly amount: number;
  @owner() readonly owner: string;
}

class LeadReengagedData implements Data<'LeadReengaged'> {
  @Uuid() readonly leadId: string;
  @Choice(['lead', 'mql']) readonly toStage: 'lead' | 'mql';
  @nullable() readonly note: string | null;
}

class LeadDisqualifiedData implements Data<'LeadDisqualified'> {
  @Uuid() readonly leadId: string;
  @Label({
    example: 'spam',
    description: 'One of the disqualify reasons in force when it was decided (GET /policies).',
  })
  readonly reason: string;
  @nullable() readonly note: string | null;
  @Choice(['lead', 'mql', 'sal', 'nurture']) readonly fromStage: 'lead' | 'mql' | 'sal' | 'nurture';
}

class LeadRequalifiedData implements Data<'LeadRequalified'> {
  @Uuid() readonly leadId: string;
  @nullable('Null when erased or masked.') readonly note: string | null;
  @Label({ example: 'spam', description: 'The reason of the disqualification undone.' })
  readonly fromReason: string;
}

class OpportunityOpenedData implements Data<'OpportunityOpened'> {
  @Uuid() readonly leadId: string;
  @Label() readonly opportunityId: string;
  @Choice(expansionKinds) readonly kind: ExpansionKind;
  @Money() readonly amount: number;
  @owner() readonly owner: string;
}

class CustomerNurtureScheduledData implements Data<'CustomerNurtureScheduled'> {
  @Uuid() readonly leadId: string;
  @Choice(customerNurturePrograms) readonly program: CustomerNurtureProgram;
  @Moment() readonly revisitAt: string;
}

class LeadErasedData implements Data<'LeadErased'> {
  @Uuid() readonly leadId: string;
}

class SuspectStitchedData implements Data<'SuspectStitched'> {
  @Uuid() readonly leadId: string;
  @nullable('The anonymous visitor id; null when erased or masked.') readonly anonymousId: string | null;
  @Integer({ description: "The suspect's anonymous engagements." }) readonly engagements: number;
  @Integer({ description: 'The score the suspect brought to the lead.' }) readonly score: number;
  @Moment({ description: "The suspect's first engagement." }) readonly firstTouchAt: string;
  @nullable('First-touch source.') readonly source: string | null;
  @nullable('First-touch campaign.') readonly campaign: string | null;
}

/** The payload class of each event type; keyed by the type, so a new event does not compile without one. */
export const eventData: Record<LeadEventType, new () => object> = {
  LeadCaptured: LeadCapturedData,
  EngagementRecorded: EngagementRecordedData,
  LeadMarketingQualified: LeadMarketingQualifiedData,
  LeadHandedOff: LeadHandedOffData,
  LeadAccepted: LeadAcceptedData,
  LeadRejected: LeadRejectedData,
  LeadRecycled: LeadRecycledData,
  LeadQualified: LeadQualifiedData,
  OpportunityStageChanged: OpportunityStageChangedData,
  LeadReassigned: LeadReassignedData,
  DealWon: DealWonData,
  DealLost: DealLostData,
  DealReopened: DealReopenedData,
  LeadReengaged: LeadReengagedData,
  LeadDisqualified: LeadDisqualifiedData,
  LeadRequalified: LeadRequalifiedData,
  OpportunityOpened: OpportunityOpenedData,
  CustomerNurtureScheduled: CustomerNurtureScheduledData,
  LeadErased: LeadErasedData,
  SuspectStitched: SuspectStitchedData,
};
