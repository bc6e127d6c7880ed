import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import {
  leadCommandTypes,
  leadOrigins,
  opportunityStages,
  stages,
  type LeadCommandType,
  type LeadOrigin,
  type OpportunityStage,
  type Stage,
} from '@leadger/lead-domain';
import {
  Choice,
  Choices,
  Email,
  Flag,
  Integer,
  Label,
  Moment,
  Money,
  Part,
  Revision,
  Uuid,
} from '../http/answer-fields';
import { revisionETag } from './lead-action.decorator';
import {
  BantView,
  CustomerNurtureView,
  LastWinView,
  opportunityIdField,
  OpportunityView,
  PendingHandoffView,
  RecycleView,
  StageEnteredAtView,
  UtmView,
} from './lead-parts.dto';
import type { PersonalDataView } from '@leadger/lead-application';
import type { LeadView } from './lead-queries';

// `GET /leads/{leadId}` as the OpenAPI document describes it: one schema per stage, told apart by `stage`,
// each checked by the compiler against the state it documents.

type ViewAt<S extends Stage> = Extract<LeadView, { stage: S }>;

/** What every lead shows, whatever its stage. */
abstract class LeadViewBase {
  @Uuid() readonly leadId: string;
  @Email({ nullable: true, description: 'Normalized: trimmed and lower-cased; null when erased or masked.' })
  readonly email: string | null;
  @Label({ nullable: true }) readonly firstName: string | null;
  @Label({ nullable: true }) readonly lastName: string | null;
  @Label({ nullable: true }) readonly company: string | null;
  @Label({ nullable: true }) readonly title: string | null;
  @Label({ nullable: true }) readonly phone: string | null;
  @Label() readonly source: string;
  @Label({ nullable: true }) readonly campaign: string | null;
  @Part(() => UtmView, { nullable: true }) readonly utm: UtmView | null;
  @Label({ nullable: true }) readonly anonymousId: string | null;
  @Choice(leadOrigins, {
    description: 'Who found the lead: marketing, or a sales rep (it then started at sal).',
  })
  readonly origin: LeadOrigin;
  @Integer({ description: 'The lead score.' }) readonly score: number;
  @Moment() readonly capturedAt: string;
  @Part(() => StageEnteredAtView) readonly stageEnteredAt: StageEnteredAtView;
  @Moment({ description: "The business time of the lead's latest event: no command may be dated before it." })
  readonly lastEventAt: string;
  @Flag({ description: 'True once the person was erased: the personal fields are null from then on.' })
  readonly erased: boolean;
  @Moment({ nullable: true, description: 'The first win: a customer since then; null if never won.' })
  readonly customerSince: string | null;
  @Part(() => LastWinView, { nullable: true, description: 'The latest won deal; null if never won.' })
  readonly lastWin: LastWinView | null;
  @Part(() => CustomerNurtureView, {
    nullable: true,
    description: "The customer's latest customer-nurture program; null if none was scheduled.",
  })
  readonly customerNurture: CustomerNurtureView | null;
  @Choice(['shown', 'masked', 'erased'], {
    description:
      'Whether the personal fields are shown, masked for this reader (an analyst), or gone (erased).',
  })
  readonly personalData: PersonalDataView;
  @Revision({ description: 'The lead stream revision, also sent as the ETag.' }) readonly revision: string;
  @Choices(leadCommandTypes, { description: 'The commands legal from here, so a client offers only those.' })
  readonly allowedCommands: readonly LeadCommandType[];
}

const ownerOrNone = (description: string) => Label({ nullable: true, description });
const salesOwner = () => Label({ description: 'The accountable sales owner.' });

export class LeadAtLead extends LeadViewBase implements ViewAt<'lead'> {
  @Choice(['lead']) readonly stage: 'lead';
  @ownerOrNone('The sales owner kept from an earlier deal, if any.') readonly owner: string | null;
}

export class LeadAtMql extends LeadViewBase implements ViewAt<'mql'> {
  @Choice(['mql']) readonly stage: 'mql';
  @ownerOrNone('The sales owner kept from an earlier deal, if any.') readonly owner: string | null;
  @Part(() => PendingHandoffView, {
    nullable: true,
    description: 'The handoff sales has not accepted or rejected yet; null before a handoff.',
  })
  readonly pendingHandoff: PendingHandoffView | null;
}

export class LeadAtSal extends LeadViewBase implements ViewAt<'sal'> {
  @Choice(['sal']) readonly stage: 'sal';
  @salesOwner() readonly owner: string;
}

export class LeadAtSql extends LeadViewBase implements ViewAt<'sql'> {
  @Choice(['sql']) readonly stage: 'sql';
  @salesOwner() readonly owner: string;
  @Part(() => OpportunityView, { description: 'The open opportunity.' })
  readonly opportunity: OpportunityView;
}

export class LeadAtWon extends LeadViewBase implements ViewAt<'won'> {
  @Choice(['won']) readonly stage: 'won';
  @salesOwner() readonly owner: string;
  @Money({ description: 'The amount the deal was won for.' }) readonly amount: number;
}

export class LeadAtLost extends LeadViewBase implements ViewAt<'lost'> {
  @Choice(['lost']) readonly stage: 'lost';
  @salesOwner() readonly owner: string;
  @opportunityIdField() readonly opportunityId: string | null;
  @Choice(opportunityStages, { description: 'The stage a reopen restores.' })
  readonly lostFromStage: OpportunityStage;
  @Label({
    example: 'pricing',
    description: 'One of the lost reasons in force when it was decided (GET /policies).',
  })
  readonly lostReason: string;
  @Label({ nullable: true }) readonly lostNote: string | null;
  @Money() readonly amount: number;
  @Part(() => BantView, { nullable: true }) readonly bant: BantView | null;
}

export class LeadAtNurture extends LeadViewBase implements Omit<ViewAt<'nurture'>, 'recycle'> {
  @Choice(['nurture']) readonly stage: 'nurture';
  @ownerOrNone('The sales owner of an earlier deal, if any.') readonly owner: string | null;
  @Part(() => RecycleView) readonly recycle: RecycleView;
}

export class LeadAtDisqualified extends LeadViewBase implements ViewAt<'disqualified'> {
  @Choice(['disqualified']) readonly stage: 'disqualified';
  @ownerOrNone('The sales owner of an earlier deal, if any.') readonly owner: string | null;
  @Label({
    example: 'spam',
    description: 'One of the disqualify reasons in force when it was decided (GET /policies).',
  })
  readonly reason: string;
}

/** One answer class per stage; keyed by the stage, so a new stage does not compile without its class. */
const viewsByStage: Record<Stage, new () => LeadViewBase> = {
  lead: LeadAtLead,
  mql: LeadAtMql,
  sal: LeadAtSal,
  sql: LeadAtSql,
  won: LeadAtWon,
  lost: LeadAtLost,
  nurture: LeadAtNurture,
  disqualified: LeadAtDisqualified,
};

/** The 200 of `GET /leads/{leadId}`: the lead in its stage, with the stage's own fields. */
export function LeadViewResponse(): MethodDecorator {
  const views = stages.map((stage) => viewsByStage[stage]);
  return applyDecorators(
    ApiExtraModels(...views),
    ApiOkResponse({
      description: 'The lead in its current stage; `stage` says which fields it has.',
      headers: revisionETag,
      schema: {
        oneOf: views.map((view) => ({ $ref: getSchemaPath(view) })),
        discriminator: {
          propertyName: 'stage',
          mapping: Object.fromEntries(stages.map((stage) => [stage, getSchemaPath(viewsByStage[stage])])),
        },
      },
    }),
  );
}
