import {
  customerNurturePrograms,
  opportunityKinds,
  opportunityStages,
  type BantDetails,
  type CustomerNurture,
  type CustomerNurtureProgram,
  type OpportunityKind,
  type Opportunity,
  type OpportunityStage,
  type PendingHandoff,
  type StageEnteredAt,
  type Utm,
} from '@leadger/lead-domain';
import { Choice, Label, Moment, Money, Part } from '../http/answer-fields';

// The parts of a lead that answers share: the lead view, its event payloads, the nurture queue.

export class UtmView implements Utm {
  @Label({ nullable: true }) readonly source: string | null;
  @Label({ nullable: true }) readonly medium: string | null;
  @Label({ nullable: true }) readonly campaign: string | null;
  @Label({ nullable: true }) readonly term: string | null;
  @Label({ nullable: true }) readonly content: string | null;
}

/** The latest entry into each stage the lead has been in. */
export class StageEnteredAtView implements StageEnteredAt {
  @Moment({ optional: true }) readonly lead?: string;
  @Moment({ optional: true }) readonly mql?: string;
  @Moment({ optional: true }) readonly sal?: string;
  @Moment({ optional: true }) readonly sql?: string;
  @Moment({ optional: true }) readonly won?: string;
  @Moment({ optional: true }) readonly lost?: string;
  @Moment({ optional: true }) readonly nurture?: string;
  @Moment({ optional: true }) readonly disqualified?: string;
}

export class PendingHandoffView implements PendingHandoff {
  @Label({ description: 'The sales owner who must accept or reject.' }) readonly toOwner: string;
  @Moment() readonly handedOffAt: string;
  @Moment({ description: 'When the handoff SLA runs out.' }) readonly slaDueAt: string;
}

export class BantView implements BantDetails {
  @Money() readonly budget: number;
  @Label({ nullable: true, description: 'Null when erased or masked.' }) readonly authority: string | null;
  @Label({ nullable: true, description: 'Null when erased or masked.' }) readonly need: string | null;
  @Label({ nullable: true, description: 'Null when erased or masked.' }) readonly timeline: string | null;
}

/** Which opportunity: null ids are deals stored before opportunities were named. */
export const opportunityIdField = () =>
  Label({ nullable: true, description: 'Null for a deal recorded before opportunities had ids.' });
export const opportunityKindField = () =>
  Choice(opportunityKinds, { description: '`new_business` for a first deal; an expansion otherwise.' });

export class OpportunityView implements Opportunity {
  @opportunityIdField() readonly opportunityId: string | null;
  @opportunityKindField() readonly kind: OpportunityKind;
  @Choice(opportunityStages) readonly stage: OpportunityStage;
  @Money() readonly amount: number;
  @Part(() => BantView, { nullable: true, description: 'Null for an expansion (sold to a customer).' })
  readonly bant: BantView | null;
}

/** A customer's latest customer-nurture program. */
export class CustomerNurtureView implements CustomerNurture {
  @Choice(customerNurturePrograms) readonly program: CustomerNurtureProgram;
  @Moment({ description: 'When the program is due.' }) readonly revisitAt: string;
  @Moment() readonly scheduledAt: string;
}

/** The latest won deal of a customer. */
export class LastWinView {
  @Moment() readonly at: string;
  @Money() readonly amount: number;
}

/** Where a recycled lead came from: a handoff rejected at mql, or a deal lost at an opportunity stage. */
export class RecycleOriginView {
  @Choice(['rejected', 'lost'], { description: '`rejected` at a handoff, or `lost` as a deal.' })
  readonly origin: 'rejected' | 'lost';
  @Choice(['mql', ...opportunityStages], {
    description: '`mql` for a rejected handoff; the opportunity stage a deal was lost from.',
  })
  readonly originStage: 'mql' | OpportunityStage;
  @Label({
    example: 'bad_timing',
    description:
      'A reject reason for a rejected handoff, a lost reason for a lost deal: one of those in force when it ' +
      'was decided (GET /policies).',
  })
  readonly reason: string;
}

/** Why and until when a lead waits in nurture. */
export class RecycleView extends RecycleOriginView {
  @Moment({ description: 'When nurture should revisit the lead.' }) readonly revisitAt: string;
}
