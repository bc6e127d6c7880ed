// Read models of the lead log: projection definitions, the projector that runs them, and plain query
// functions over the read store. No Nest here: the API and the worker wrap these.
export type { Projection, ProjectedEvent, ProjectedEventOf, ReadView } from './projection';
export { leadProjection, type LeadHandlers, type Step } from './lead-projection';
export type { Spread } from './figures';
export { allProjections } from './all-projections';
export { funnelProjection } from './funnel/funnel.projection';
export { FUNNEL } from './funnel/funnel-keys';
export type { FunnelFigures } from './funnel/funnel-figures';
export { funnel, type FunnelAnswer, type FunnelGroup, type FunnelQuery } from './funnel/funnel.query';
export { pipelineProjection } from './pipeline/pipeline.projection';
export { PIPELINE } from './pipeline/pipeline-keys';
export type { ClosedFigures, CountAndAmount } from './pipeline/closed-figures';
export {
  defaultProbabilities,
  pipeline,
  type OpenFigures,
  type OpenSection,
  type PipelineAnswer,
  type PipelineFigures,
  type PipelineQuery,
} from './pipeline/pipeline.query';
export { nurtureProjection } from './nurture/nurture.projection';
export { NURTURE, type NurtureItem } from './nurture/nurture-keys';
export {
  claimNurture,
  nurtureList,
  type ClaimedNurtureItem,
  type NurtureClaim,
  type NurtureClaimAnswer,
  type NurtureListAnswer,
  type NurtureListQuery,
} from './nurture/nurture.query';
export { customerNurtureProjection } from './customer-nurture/customer-nurture.projection';
export { CUSTOMER_NURTURE, type CustomerNurtureItem } from './customer-nurture/customer-nurture-keys';
export {
  claimCustomerNurture,
  customerNurtureList,
  type ClaimedCustomerNurtureItem,
  type CustomerNurtureClaimAnswer,
  type CustomerNurtureListAnswer,
} from './customer-nurture/customer-nurture.query';
export type { DueClaim, DueListQuery } from './queries/due-queue';
export { handoffsProjection } from './handoffs/handoffs.projection';
export { HANDOFFS, decisions, type HandoffDecision, type HandoffEntry } from './handoffs/handoff-keys';
export {
  handoffs,
  type HandoffRow,
  type HandoffsAnswer,
  type HandoffsQuery,
} from './handoffs/handoffs.query';
export {
  handoffsSummary,
  type HandoffsSummaryAnswer,
  type OwnerSummary,
  type ReasonCount,
  type SourceSummary,
} from './handoffs/handoffs-summary.query';
export { stagesProjection } from './stages/stages.projection';
export { STAGES, journeyStages, type JourneyStage } from './stages/stages-keys';
export {
  stageTimes,
  type StageFigures,
  type StageTimesAnswer,
  type StageTimesGroup,
  type StageTimesQuery,
} from './stages/stage-times.query';
export {
  funnelParts,
  type FunnelPartsAnswer,
  type FunnelPartsQuery,
  type PartFigures,
} from './stages/funnel-parts.query';
export { campaignsProjection } from './campaigns/campaigns.projection';
export { CAMPAIGNS } from './campaigns/campaign-keys';
export {
  campaignInfluence,
  type Attribution,
  type CampaignInfluence,
  type CampaignInfluenceAnswer,
  type CampaignInfluenceQuery,
  type Credit,
} from './campaigns/campaign-influence.query';
export { leadIndexProjection } from './lead-index/lead-index.projection';
export { LEAD_INDEX, type LeadIndexItem } from './lead-index/lead-index-keys';
export { leadIndex, type LeadIndexAnswer, type LeadIndexQuery } from './lead-index/lead-index.query';
export { readPosition, waitForPosition, type WaitResult } from './queries/position';
export { QueryInputError } from './queries/query-input';
export {
  startProjector,
  type MismatchReport,
  type ProjectorHandle,
  type ProjectorOptions,
  type ProjectorState,
  type ProjectorStatus,
} from './projector/projector';
export {
  checkOrigin,
  describeMismatch,
  ReadModelMismatchError,
  type Mismatch,
  type ReadModelMismatchPolicy,
} from './projector/log-origin';
export type { WorkerLogger, LogFields } from '@leadger/subscriptions';
export { LeaseLostError } from '@leadger/subscriptions';
export { LeaseHeldError, rebuildProjections, type RebuildOptions } from './projector/rebuild';
export {
  recordedBefore,
  replayAsOf,
  type EventFilter,
  type ReplayAsOfOptions,
} from './projector/replay-as-of';
export { PROJECTOR_FILTER } from './projector/session';
